package dev.javano.examples.bench;

import dev.javano.examples.cli.Net;
import dev.javano.examples.data.FashionMnist;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the feed-forward workloads of {@code shared/WORKLOADS.md} exactly as defined there:
 * float32, pixels in [0, 1], no shuffling, minibatch i = rows [i·b, (i+1)·b), 60000 / b steps per
 * epoch, 3 epochs, test accuracy on all 10,000 test images in chunks of 1000. Only the training
 * loop of each epoch is timed; the minibatch views are made before the clock starts.
 *
 * <p>Usage: {@code Workloads [--threads N] [--data DIR] [--json FILE] [--init FILE.npz] [LR] [MLP20] [MLP128]};
 * {@code --init} starts the MLPs from a numpy {@code .npz} (w1, b1, w2, b2), e.g. the peers'
 * Glorot draws from {@code numpy.random.RandomState(1234)}.
 */
public final class Workloads {

    /** One workload: model, learning rate, batch size. */
    record Workload(String name, boolean logistic, double learningRate, int batch) {}

    static final List<Workload> ALL = List.of(
            new Workload("LR", true, 0.13, 600),
            new Workload("MLP20", false, 0.01, 20),
            new Workload("MLP128", false, 0.1, 128));

    static final int EPOCHS = 3;

    private Workloads() {}

    public static void main(String[] args) throws IOException {
        int threads = 1;
        Path data = FashionMnist.DEBIAN;
        Path json = null;
        Path init = null;
        List<Workload> chosen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads": threads = Integer.parseInt(args[++i]); break;
                case "--data": data = Path.of(args[++i]); break;
                case "--json": json = Path.of(args[++i]); break;
                case "--init": init = Path.of(args[++i]); break;
                default: chosen.add(workload(args[i]));
            }
        }
        if (chosen.isEmpty()) chosen.addAll(ALL);
        FashionMnist.Split train = FashionMnist.train(data);
        FashionMnist.Split test = FashionMnist.test(data);
        System.out.printf(Locale.ROOT, "%-7s %7s %9s %9s %9s %9s %28s %8s %10s%n", "name", "threads", "epoch 1 s",
                "epoch 2 s", "epoch 3 s", "median s", "train loss 1 / 2 / 3", "test acc", "heap B/step");
        for (Workload w : chosen) {
            Result r = run(w, threads, init, train, test);
            System.out.println(r.row());
            if (json != null) {
                Files.writeString(json, r.json() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    static Workload workload(String name) {
        return ALL.stream().filter(w -> w.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + name + "; one of LR, MLP20, MLP128"));
    }

    record Result(Workload w, int threads, double[] seconds, double[] loss, double accuracy, double firstStepSeconds,
            double bytesPerStep) {
        String row() {
            double[] s = seconds.clone();
            java.util.Arrays.sort(s);
            return String.format(Locale.ROOT, "%-7s %7d %9.3f %9.3f %9.3f %9.3f %28s %8.4f %10.1f", w.name(), threads,
                    seconds[0], seconds[1], seconds[2], s[1],
                    String.format(Locale.ROOT, "%.5f / %.5f / %.5f", loss[0], loss[1], loss[2]), accuracy, bytesPerStep);
        }

        String json() {
            double[] s = seconds.clone();
            java.util.Arrays.sort(s);
            return String.format(Locale.ROOT, "{\"workload\":\"%s\",\"threads\":%d,\"epoch_seconds\":[%.4f,%.4f,%.4f],"
                    + "\"median_seconds\":%.4f,\"train_loss\":[%.5f,%.5f,%.5f],\"test_accuracy\":%.4f,"
                    + "\"jvm_start_to_first_step_seconds\":%.3f,\"heap_bytes_per_step\":%.1f}", w.name(), threads,
                    seconds[0], seconds[1], seconds[2], s[1], loss[0], loss[1], loss[2], accuracy, firstStepSeconds, bytesPerStep);
        }
    }

    static Result run(Workload w, int threads, Path init, FashionMnist.Split train, FashionMnist.Split test)
            throws IOException {
        int steps = train.count() / w.batch();
        double[] seconds = new double[EPOCHS];
        double[] loss = new double[EPOCHS];
        double firstStep = -1;
        double bytesPerStep = 0;
        try (FloatTensor x = FloatTensor.of(train.images(), train.count(), 784);
                IntTensor y = IntTensor.of(train.labels(), train.count());
                Net model = create(w, threads, init)) {
            FloatTensor[] xs = new FloatTensor[steps];
            IntTensor[] ys = new IntTensor[steps];
            for (int i = 0; i < steps; i++) {
                xs[i] = x.rows(i * w.batch(), (i + 1) * w.batch());
                ys[i] = y.rows(i * w.batch(), (i + 1) * w.batch());
            }
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                double total = 0;
                long allocated = Jvm.allocatedBytes();
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    total += model.step(xs[i], ys[i]);
                    if (firstStep < 0) firstStep = Jvm.secondsSinceStart();
                }
                seconds[epoch] = (System.nanoTime() - start) / 1e9;
                bytesPerStep = (Jvm.allocatedBytes() - allocated) / (double) steps;
                loss[epoch] = total / steps;
            }
            return new Result(w, threads, seconds, loss, Net.score(model, test.images(), test.labels(), test.count()), firstStep, bytesPerStep);
        }
    }

    /** The workload's model: the MLP with 500 hidden units (from {@code init} when given), or the logistic regression. */
    static Net create(Workload w, int threads, Path init) throws IOException {
        Net model = Net.create(w.logistic() ? Net.Kind.lr : Net.Kind.mlp, 500, 1234, threads);
        if (init != null && !w.logistic()) model.load(init);
        model.learningRate(w.learningRate());
        return model;
    }
}
