package dev.javano.runtime.bench;

import dev.javano.runtime.FastMath;
import java.util.Arrays;
import java.util.Random;

/**
 * ns per element of {@link FastMath}'s array forms, of a plain loop calling its scalar forms, and of
 * a scalar loop calling {@code Math.tanh/exp/log} (rounded to float), on arrays of 1M floats: warm-up
 * first, then the median of timed runs. A main, not a test:
 *
 * <pre>
 * mvn -q -pl runtime-cpu test-compile
 * java -cp runtime-cpu/target/classes:runtime-cpu/target/test-classes dev.javano.runtime.bench.FastMathBench [n] [runs]
 * </pre>
 *
 * A vectorized FastMath loop runs well under 2 ns per element on AVX2/AVX-512; a result of 5 ns or
 * more means C2 left the loop scalar (see the class comment of FastMath for what prevents it).
 */
public final class FastMathBench {

    private FastMathBench() {}

    private interface Kernel {
        void run(float[] x, float[] out);
    }

    static volatile float sink;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        System.out.printf("%s %s, %d floats per array, median of %d runs%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), n, runs);

        Random r = new Random(42);
        float[] gauss = new float[n];
        float[] wide = new float[n];
        float[] positive = new float[n];
        for (int i = 0; i < n; i++) {
            gauss[i] = (float) (r.nextGaussian() * 3);            // pre-activations
            wide[i] = (float) (r.nextDouble() * 40 - 30);          // softmax logits minus the max
            positive[i] = (float) Math.exp(r.nextGaussian() * 5);  // probabilities, sums, ...
        }
        float[] out = new float[n];
        float[] shifted = new float[n + 1];

        row("tanh", gauss, out, runs,
                (x, o) -> FastMath.tanh(x, 0, o, 0, x.length),
                FastMathBench::tanhLoop,
                FastMathBench::tanhMath);
        row("exp", wide, out, runs,
                (x, o) -> FastMath.exp(x, 0, o, 0, x.length),
                FastMathBench::expLoop,
                FastMathBench::expMath);
        row("sigmoid", gauss, out, runs,
                (x, o) -> FastMath.sigmoid(x, 0, o, 0, x.length),
                FastMathBench::sigmoidLoop,
                FastMathBench::sigmoidMath);
        row("log", positive, out, runs,
                (x, o) -> FastMath.log(x, 0, o, 0, x.length),
                FastMathBench::logLoop,
                FastMathBench::logMath);

        System.out.println();
        System.out.println("array forms in place and with different offsets (copy, then in place):");
        for (String f : new String[] {"tanh", "exp", "sigmoid", "log"}) {
            float[] src = f.equals("log") ? positive : f.equals("exp") ? wide : gauss;
            double inPlace = median(runs, () -> {
                System.arraycopy(src, 0, out, 0, n);
                arrayForm(f, out, 0, out, 0, n);
            }, n);
            double copy = median(runs, () -> System.arraycopy(src, 0, out, 0, n), n);
            double offset = median(runs, () -> arrayForm(f, src, 0, shifted, 1, n), n);
            System.out.printf("  %-8s in place %6.3f ns  (of which the copy %5.3f)   x[i] -> out[i + 1] %6.3f ns%n",
                    f, inPlace - copy, copy, offset);
        }
    }

    private static void arrayForm(String f, float[] x, int xOff, float[] out, int outOff, int n) {
        switch (f) {
            case "tanh": FastMath.tanh(x, xOff, out, outOff, n); break;
            case "exp": FastMath.exp(x, xOff, out, outOff, n); break;
            case "sigmoid": FastMath.sigmoid(x, xOff, out, outOff, n); break;
            default: FastMath.log(x, xOff, out, outOff, n);
        }
    }

    private static void row(String name, float[] x, float[] out, int runs, Kernel array, Kernel loop, Kernel math) {
        double a = median(runs, () -> array.run(x, out), x.length);
        float check = out[x.length / 3];
        double l = median(runs, () -> loop.run(x, out), x.length);
        double m = median(Math.max(3, runs / 3), () -> math.run(x, out), x.length);
        sink = check + out[x.length / 3];
        System.out.printf("%-8s FastMath array form %6.3f ns/elem   loop over scalar FastMath %6.3f   scalar Math %7.3f   (x%.0f)%n",
                name, a, l, m, m / a);
    }

    private static double median(int runs, Runnable body, int n) {
        long deadline = System.nanoTime() + 1_500_000_000L;   // warm-up: C2 compiles and settles
        int warm = 0;
        while (warm < 20 || System.nanoTime() < deadline && warm < 400) {
            body.run();
            warm++;
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            body.run();
            t[i] = (System.nanoTime() - t0) / (double) n;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    // Plain loops as a user (or generated code) writes them: one index for both arrays.

    private static void tanhLoop(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = FastMath.tanh(x[i]);
    }

    private static void expLoop(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = FastMath.exp(x[i]);
    }

    private static void sigmoidLoop(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = FastMath.sigmoid(x[i]);
    }

    private static void logLoop(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = FastMath.log(x[i]);
    }

    private static void tanhMath(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = (float) Math.tanh(x[i]);
    }

    private static void expMath(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = (float) Math.exp(x[i]);
    }

    private static void sigmoidMath(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = (float) (1 / (1 + Math.exp(-x[i])));
    }

    private static void logMath(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = (float) Math.log(x[i]);
    }
}
