#!/usr/bin/env python3
"""The PyTorch peer of `javano bench`: the feed-forward workloads of shared/WORKLOADS.md in eager PyTorch.

Same definitions as Javano's harness (dev.javano.examples.bench.Workloads): float32, pixels / 255, no
shuffling (minibatch i = rows [i*b, (i+1)*b)), 60000 / b steps per epoch, plain SGD, only the training loop
of each epoch timed, test accuracy on all test images in chunks of 1000 after the last epoch.

  LR      784->10 softmax, W and b zero, mean NLL, lr 0.13, batch 600
  MLP20   784->500 tanh->10 softmax, mean NLL + 1e-4*(sum W1^2 + sum W2^2), lr 0.01, batch 20
  MLP128  the same, lr 0.1, batch 128
  RNN     Elman over 28 rows of 28 pixels, h = tanh(x_t Wx + h Wh + b), h0 = 0, h = 128, last h -> 10 softmax,
          mean NLL, lr 0.05, batch 128 (torch.nn.RNN: its loop runs in C++, the peer at its best)

Initial MLP weights: Glorot uniform drawn from numpy.random.RandomState(1234) in parameter order (w1 then w2,
biases zero), as the peers of WORKLOADS.md. `--write-init FILE.npz` writes exactly those arrays (w1, b1, w2,
b2) for Javano to load, so both start from the same point; `--write-rnn-init FILE.npz` the RNN's (wx, wh, wy
from a fresh RandomState(1234) in that order, bh and by zero), named as Javano's Rnn model names them.

Run it at its best (WORKLOADS.md): Debian's libopenblas0-pthread installed, and
MALLOC_MMAP_THRESHOLD_=1000000000 MALLOC_TRIM_THRESHOLD_=1000000000 in the environment. --threads is torch's
intra-op thread count (torch.set_num_threads); OpenBLAS takes its own from OPENBLAS_NUM_THREADS. javano bench
sets all of these; at n > 1 threads it runs this script as torch n / OpenBLAS n with OMP_WAIT_POLICY=PASSIVE and
as torch 1 / OpenBLAS n, and keeps the faster (with both pools at n and spinning, they fight over the cores).

Prints one JSON object per workload on stdout, the fields of Javano's JSON lines.

  python3 peer_torch.py --data /usr/share/datasets/fashion-mnist --threads 1 [--epochs 3] LR MLP20 MLP128
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np

WORKLOADS = {  # name: (logistic, learning rate, batch)
    "LR": (True, 0.13, 600),
    "MLP20": (False, 0.01, 20),
    "MLP128": (False, 0.1, 128),
}
RNN = ("RNN", 0.05, 128, 128)  # name, learning rate, batch, hidden
HIDDEN = 500
L2 = 1e-4


def idx(path, images):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if images:
        count = int.from_bytes(data[4:8], "big")
        return (np.frombuffer(data, np.uint8, offset=16).reshape(count, 784).astype(np.float32) / np.float32(255))
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)


def glorot_init():
    rng = np.random.RandomState(1234)
    arrays = {}
    for name, (fan_in, fan_out) in (("w1", (784, HIDDEN)), ("w2", (HIDDEN, 10))):
        bound = math.sqrt(6.0 / (fan_in + fan_out))
        arrays[name] = rng.uniform(-bound, bound, (fan_in, fan_out)).astype(np.float32)
    arrays["b1"] = np.zeros(HIDDEN, np.float32)
    arrays["b2"] = np.zeros(10, np.float32)
    return arrays


def rnn_init():
    rng = np.random.RandomState(1234)
    hidden = RNN[3]
    arrays = {}
    for name, (fan_in, fan_out) in (("wx", (28, hidden)), ("wh", (hidden, hidden)), ("wy", (hidden, 10))):
        bound = math.sqrt(6.0 / (fan_in + fan_out))
        arrays[name] = rng.uniform(-bound, bound, (fan_in, fan_out)).astype(np.float32)
    arrays["bh"] = np.zeros(hidden, np.float32)
    arrays["by"] = np.zeros(10, np.float32)
    return arrays


def run_rnn(torch, threads, epochs, data):
    name, lr, batch, hidden = RNN
    x, y, x_test, y_test = data
    init = rnn_init()
    rnn = torch.nn.RNN(28, hidden, nonlinearity="tanh", batch_first=True)
    out = torch.nn.Linear(hidden, 10)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(init["wx"].T.copy()))
        rnn.weight_hh_l0.copy_(torch.from_numpy(init["wh"].T.copy()))
        rnn.bias_ih_l0.copy_(torch.from_numpy(init["bh"]))
        rnn.bias_hh_l0.zero_()
        out.weight.copy_(torch.from_numpy(init["wy"].T.copy()))
        out.bias.copy_(torch.from_numpy(init["by"]))
    params = list(rnn.parameters()) + list(out.parameters())

    def logits(inputs):
        _, last = rnn(inputs.reshape(-1, 28, 28))
        return out(last[0])

    optimizer = torch.optim.SGD(params, lr=lr)
    return train_and_test(torch, name, threads, epochs, (x, y, x_test, y_test), batch, optimizer,
                          lambda inputs, labels: torch.nn.functional.cross_entropy(logits(inputs), labels), logits)


def run(torch, name, threads, epochs, data):
    if name == RNN[0]:
        return run_rnn(torch, threads, epochs, data)
    logistic, lr, batch = WORKLOADS[name]
    x, y, x_test, y_test = data
    if logistic:
        params = [torch.zeros(784, 10, requires_grad=True), torch.zeros(10, requires_grad=True)]
    else:
        init = glorot_init()
        params = [torch.from_numpy(init[k]).clone().requires_grad_() for k in ("w1", "b1", "w2", "b2")]

    def logits(inputs):
        if logistic:
            return torch.addmm(params[1], inputs, params[0])
        return torch.addmm(params[3], torch.tanh(torch.addmm(params[1], inputs, params[0])), params[2])

    def loss_of(inputs, labels):
        nll = torch.nn.functional.cross_entropy(logits(inputs), labels)
        if logistic:
            return nll
        return nll + L2 * (params[0].pow(2).sum() + params[2].pow(2).sum())

    optimizer = torch.optim.SGD(params, lr=lr)
    return train_and_test(torch, name, threads, epochs, data, batch, optimizer, loss_of, logits)


def train_and_test(torch, name, threads, epochs, data, batch, optimizer, loss_of, logits):
    """Plain minibatch SGD in file order, only the training loop of each epoch timed; then the test accuracy."""
    x, y, x_test, y_test = data
    steps = x.shape[0] // batch
    xs = [x[i * batch:(i + 1) * batch] for i in range(steps)]
    ys = [y[i * batch:(i + 1) * batch] for i in range(steps)]
    seconds, losses = [], []
    for _ in range(epochs):
        total = torch.zeros(())
        start = time.perf_counter()
        for i in range(steps):
            optimizer.zero_grad(set_to_none=True)
            loss = loss_of(xs[i], ys[i])
            loss.backward()
            optimizer.step()
            total += loss.detach()
        seconds.append(time.perf_counter() - start)
        losses.append(float(total) / steps)
    correct = 0
    with torch.no_grad():
        for start in range(0, x_test.shape[0], 1000):
            chunk = logits(x_test[start:start + 1000]).argmax(1)
            correct += int((chunk == y_test[start:start + 1000]).sum())
    ordered = sorted(seconds)
    return {
        "framework": "pytorch " + torch.__version__,
        "workload": name,
        "threads": threads,
        "epoch_seconds": [round(s, 4) for s in seconds],
        "median_seconds": round(ordered[(len(ordered) - 1) // 2], 4),
        "train_loss": [round(v, 5) for v in losses],
        "test_accuracy": round(correct / x_test.shape[0], 4),
        "blas": blas(torch),
    }


def blas(torch):
    """Which BLAS torch's process mapped: the reference libblas would make the comparison flatter us."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line}
        return ", ".join(sorted(os.path.basename(lib) for lib in libs)) or "none mapped"
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="directory of the four Fashion-MNIST IDX .gz files")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--write-init", metavar="FILE.npz", help="write the MLPs' initial weights and exit")
    parser.add_argument("--write-rnn-init", metavar="FILE.npz", help="write the RNN's initial weights and exit")
    parser.add_argument("workloads", nargs="*", default=list(WORKLOADS) + [RNN[0]])
    args = parser.parse_args()
    if args.write_init or args.write_rnn_init:
        if args.write_init:
            np.savez(args.write_init, **glorot_init())
        if args.write_rnn_init:
            np.savez(args.write_rnn_init, **rnn_init())
        return
    unknown = [w for w in args.workloads if w.upper() not in WORKLOADS and w.upper() != RNN[0]]
    if unknown or not args.data:
        parser.error("unknown workloads %s" % unknown if unknown else "--data is required")
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(1234)
    d = args.data
    data = (torch.from_numpy(idx(os.path.join(d, "train-images-idx3-ubyte.gz"), True)),
            torch.from_numpy(idx(os.path.join(d, "train-labels-idx1-ubyte.gz"), False)),
            torch.from_numpy(idx(os.path.join(d, "t10k-images-idx3-ubyte.gz"), True)),
            torch.from_numpy(idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz"), False)))
    for name in args.workloads:
        print(json.dumps(run(torch, name.upper(), args.threads, args.epochs, data)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
