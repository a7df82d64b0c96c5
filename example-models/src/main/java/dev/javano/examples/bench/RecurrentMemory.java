package dev.javano.examples.bench;

import dev.javano.examples.PixelRnnModel;
import dev.javano.examples.RnnModel;
import dev.javano.examples.data.FashionMnist;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Peak memory of training a recurrent network on sequences of 28 steps ({@code Rnn}, rows) or
 * 784 steps ({@code PixelRnn}, pixels), hidden 128, batch 128, on the committed slice: the
 * process's peak resident set ({@code VmHWM}) after some training steps, time per step, and heap
 * allocated per step.
 *
 * <p>Usage: {@code RecurrentMemory 28|784 [STEPS] [THREADS]}; run each length in its own JVM, so that
 * the peak is that length's.
 */
public final class RecurrentMemory {

    private RecurrentMemory() {}

    public static void main(String[] args) throws IOException {
        boolean pixels = args[0].equals("784");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int batch = 128;
        FashionMnist.Split train = FashionMnist.embeddedTrain();
        long before = peakKiB();
        try (FloatTensor x = FloatTensor.of(train.images(), train.count(), 784);
                IntTensor y = IntTensor.of(train.labels(), train.count());
                FloatTensor xb = x.rows(0, batch);
                IntTensor yb = y.rows(0, batch)) {
            Step step;
            AutoCloseable model;
            if (pixels) {
                PixelRnnModel m = PixelRnnModel.builder().hidden(128).seed(1234).threads(threads).build();
                step = m::train;
                model = m;
            } else {
                RnnModel m = RnnModel.builder().hidden(128).seed(1234).threads(threads).build();
                step = m::train;
                model = m;
            }
            step.run(xb, yb); // warm-up: buffers planned and sized
            long allocated = Jvm.allocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) step.run(xb, yb);
            double ms = (System.nanoTime() - start) / 1e6 / steps;
            double bytes = (Jvm.allocatedBytes() - allocated) / (double) steps;
            System.out.printf(Locale.ROOT, "sequence %s steps, hidden 128, batch %d: %.1f ms per training step, peak RSS %d MiB"
                    + " (%d MiB before the model), heap %.1f B per step%n", args[0], batch, ms, peakKiB() / 1024, before / 1024, bytes);
            close(model);
        }
    }

    private static void close(AutoCloseable model) {
        try {
            model.close();
        } catch (Exception e) {
            throw new IllegalStateException(e); // generated models' close() throws nothing
        }
    }

    private interface Step {
        float run(FloatTensor x, IntTensor y);
    }

    /** The process's peak resident set in KiB, from /proc (Linux). */
    private static long peakKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }
}
