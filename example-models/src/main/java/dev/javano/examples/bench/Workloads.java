package dev.javano.examples.bench;

import dev.javano.examples.cli.Net;
import dev.javano.examples.data.FashionMnist;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.GemmTrace;
import dev.javano.runtime.IntTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs the workloads of {@code shared/WORKLOADS.md} exactly as defined there:
 * float32, pixels in [0, 1], no shuffling, minibatch i = rows [i·b, (i+1)·b), 60000 / b steps per
 * epoch, 3 epochs, test accuracy on all 10,000 test images in chunks of 1000. Only the training
 * loop of each epoch is timed; the minibatch views are made before the clock starts. After the
 * test, a third of an epoch more is traced and its matrix products replayed alone ({@link GemmFloor}):
 * the GEMM floor, and the time the products took inside the steps, both per epoch.
 *
 * <p>Usage: {@code Workloads [--threads N] [--data DIR] [--json FILE] [--init FILE.npz] [LR] [MLP20] [MLP128] [RNN]};
 * {@code --init} starts the MLPs from a numpy {@code .npz} (w1, b1, w2, b2), e.g. the peers'
 * Glorot draws from {@code numpy.random.RandomState(1234)}.
 */
public final class Workloads {

    /** One workload: model, its hidden width, learning rate, batch size. */
    public record Workload(String name, Net.Kind kind, int hidden, double learningRate, int batch) {

        /** The logistic regression starts from zeros: no initial weights to share with a peer. */
        public boolean logistic() {
            return kind == Net.Kind.lr;
        }
    }

    /** LR, MLP20, MLP128 and RNN, in that order. */
    public static final List<Workload> ALL = List.of(
            new Workload("LR", Net.Kind.lr, 0, 0.13, 600),
            new Workload("MLP20", Net.Kind.mlp, 500, 0.01, 20),
            new Workload("MLP128", Net.Kind.mlp, 500, 0.1, 128),
            new Workload("RNN", Net.Kind.rnn, 128, 0.05, 128));

    /**
     * Training steps whose products {@link GemmFloor} replays (as many times as make an epoch):
     * a third of an epoch, at least this many, so that one slow step weighs little.
     */
    private static final int TRACED_STEPS = 50;

    /** Epochs per run, as WORKLOADS.md defines them. */
    public static final int EPOCHS = 3;

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
        System.out.println("machine: " + Machine.describe());
        System.out.printf(Locale.ROOT, "%-7s %7s %9s %9s %9s %9s %28s %8s %10s %9s %9s%n", "name", "threads", "epoch 1 s",
                "epoch 2 s", "epoch 3 s", "median s", "train loss 1 / 2 / 3", "test acc", "heap B/step", "gemm floor", "gemm in");
        for (Workload w : chosen) {
            Result r = run(w, threads, EPOCHS, init, train, test);
            System.out.println(r.row());
            if (json != null) {
                Files.writeString(json, r.json() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    /** The workload of that name (any case). */
    public static Workload workload(String name) {
        return ALL.stream().filter(w -> w.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + name + "; one of LR, MLP20, MLP128, RNN"));
    }

    /** One run of a workload: seconds and mean training loss per epoch, and the test accuracy after the last. */
    public record Result(Workload w, int threads, double[] seconds, double[] loss, double accuracy,
            double firstStepSeconds, double bytesPerStep, GemmFloor.Measure gemm) {

        /** The median of the epochs' seconds (the lower middle one for an even count). */
        public double medianSeconds() {
            return median(seconds);
        }

        /** The products of an epoch alone, back to back: the GEMM floor, in seconds. */
        public double gemmFloorSeconds() {
            return gemm.nanosAlone() / 1e9;
        }

        /** The time the products of an epoch took inside the training steps, in seconds. */
        public double gemmInStepsSeconds() {
            return gemm.nanosInSteps() / 1e9;
        }

        /** Where the time goes, in words: the epoch against its products inside the steps and alone. */
        public String gemmSummary() {
            return String.format(Locale.ROOT, "GEMM floor %.3f s (%d products per step alone), inside the steps %.3f s"
                    + " (%.0f %% of OpenBLAS's speed alone), so %.0f %% of the epoch is products", gemmFloorSeconds(),
                    gemm.calls(), gemmInStepsSeconds(), 100 * gemm.efficiency(),
                    100 * gemmInStepsSeconds() / medianSeconds());
        }

        String row() {
            String epochs = Arrays.stream(seconds).mapToObj(x -> String.format(Locale.ROOT, "%9.3f", x))
                    .collect(Collectors.joining(" "));
            return String.format(Locale.ROOT, "%-7s %7d %s %9.3f %28s %8.4f %10.1f %9.3f %9.3f", w.name(), threads,
                    epochs, medianSeconds(), losses(loss), accuracy, bytesPerStep, gemmFloorSeconds(),
                    gemmInStepsSeconds());
        }

        /** One JSON object, on one line. */
        public String json() {
            return String.format(Locale.ROOT, "{\"framework\":\"javano\",\"workload\":\"%s\",\"threads\":%d,"
                    + "\"epoch_seconds\":%s,\"median_seconds\":%.4f,\"train_loss\":%s,\"test_accuracy\":%.4f,"
                    + "\"jvm_start_to_first_step_seconds\":%.3f,\"heap_bytes_per_step\":%.1f,\"gemm_floor_seconds\":%.4f,"
                    + "\"gemm_in_steps_seconds\":%.4f,\"gemm_gflop_per_epoch\":%.2f,\"machine\":\"%s\"}", w.name(), threads,
                    array(seconds, "%.4f"), medianSeconds(), array(loss, "%.5f"), accuracy, firstStepSeconds, bytesPerStep,
                    gemmFloorSeconds(), gemmInStepsSeconds(), gemm.flops() / 1e9, Machine.describe().replace("\"", "'"));
        }
    }

    /** The median of the values (the lower middle one for an even count). */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[(s.length - 1) / 2];
    }

    /** The losses as "0.90376 / 0.63287 / 0.57458". */
    public static String losses(double[] loss) {
        return Arrays.stream(loss).mapToObj(x -> String.format(Locale.ROOT, "%.5f", x)).collect(Collectors.joining(" / "));
    }

    private static String array(double[] values, String format) {
        return Arrays.stream(values).mapToObj(x -> String.format(Locale.ROOT, format, x))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * Runs one workload for {@code epochs} epochs.
     *
     * @param init the MLPs' starting weights as a numpy {@code .npz}, or null for Javano's own seeded draws
     */
    public static Result run(Workload w, int threads, int epochs, Path init, FashionMnist.Split train,
            FashionMnist.Split test) throws IOException {
        int steps = train.count() / w.batch();
        double[] seconds = new double[epochs];
        double[] loss = new double[epochs];
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
            for (int epoch = 0; epoch < epochs; epoch++) {
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
            double accuracy = Net.score(model, test.images(), test.labels(), test.count());
            return new Result(w, threads, seconds, loss, accuracy, firstStep, bytesPerStep, gemmFloor(model, xs, ys));
        }
    }

    /**
     * The products of an epoch, inside the steps and alone: a few more training steps (after
     * the test, so they change nothing reported) are traced, then their products replayed, both
     * scaled to a whole epoch.
     */
    private static GemmFloor.Measure gemmFloor(Net model, FloatTensor[] xs, IntTensor[] ys) {
        int traced = Math.min(xs.length, Math.max(TRACED_STEPS, xs.length / 3));
        List<GemmTrace.Call> calls;
        GemmTrace trace = GemmTrace.start();
        try {
            for (int i = 0; i < traced; i++) model.step(xs[i], ys[i]);
        } finally {
            calls = trace.stop();
        }
        double scale = (double) xs.length / traced;
        GemmFloor.Measure m = GemmFloor.measure(calls, (int) Math.ceil(scale), EPOCHS);
        return new GemmFloor.Measure(m.calls() / traced, m.flops() * scale, m.nanosInSteps() * scale,
                m.nanosAlone() * scale);
    }

    /** The workload's model, from {@code init} when given (the logistic regression starts from zeros). */
    static Net create(Workload w, int threads, Path init) throws IOException {
        Net model = Net.create(w.kind(), Math.max(1, w.hidden()), 1234, threads);
        if (init != null && !w.logistic()) model.load(init);
        model.learningRate(w.learningRate());
        return model;
    }
}
