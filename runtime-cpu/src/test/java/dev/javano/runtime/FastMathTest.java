package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * FastMath against the JDK's double functions rounded to float (the correctly rounded float
 * result, up to a double rounding that can only matter within 2⁻²⁹ ulp of a tie), in ulp measured
 * as the distance between float bit patterns (adjacent floats are 1 apart, +0 and −0 too). Every
 * function is checked on every 97th bit pattern of the whole 32-bit space (44 million points each:
 * all binades of both signs, subnormals, ±0, ±∞ and NaNs), then densely (every float, or
 * every few) on the ranges where it is most delicate, against the bounds its Javadoc states; the special values one by one.
 */
class FastMathTest {

    // The documented bounds, measured exhaustively over all 2^32 inputs (the sampled scans below see
    // at most 3 ulp for tanh: its 4 worst inputs are not among them). A change that loses accuracy
    // fails here.
    private static final long EXP_ULP = 1;
    private static final long LOG_ULP = 1;
    private static final long TANH_ULP = 4;
    private static final long SIGMOID_ULP = 3;

    private interface FloatFn {
        float apply(float x);
    }

    private static final DoubleUnaryOperator SIGMOID = d -> 1 / (1 + Math.exp(-d));

    /** Distance in ulp; NaN against NaN is 0, NaN against a number is "infinite", +0 against −0 is 1. */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) && Float.isNaN(b)) return 0;
        if (Float.isNaN(a) || Float.isNaN(b)) return Long.MAX_VALUE;
        return Math.abs(ordered(a) - ordered(b));
    }

    /** Float bits mapped to a line where adjacent floats differ by 1, across zero too. */
    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fffffff) - 1 : bits;
    }

    /** The largest ulp error over the bit patterns first, first + step, ..., up to last (inclusive). */
    private static Worst scan(FloatFn fast, DoubleUnaryOperator exact, long first, long last, long step) {
        Worst w = new Worst();
        for (long bits = first; bits <= last; bits += step) {
            float x = Float.intBitsToFloat((int) bits);
            w.add(x, fast.apply(x), (float) exact.applyAsDouble(x));
        }
        return w;
    }

    /** Every float from a to b (same sign, |a| ≤ |b|), every step-th bit pattern. */
    private static Worst range(FloatFn fast, DoubleUnaryOperator exact, float a, float b, long step) {
        long ia = Float.floatToRawIntBits(a) & 0xffffffffL;
        long ib = Float.floatToRawIntBits(b) & 0xffffffffL;
        return scan(fast, exact, Math.min(ia, ib), Math.max(ia, ib), step);
    }

    private static final class Worst {
        long ulp;
        float x = Float.NaN;
        float got = Float.NaN;
        float want = Float.NaN;
        long count;

        void add(float x, float got, float want) {
            count++;
            long d = ulps(got, want);
            if (d > ulp) {
                ulp = d;
                this.x = x;
                this.got = got;
                this.want = want;
            }
        }

        void check(String what, long bound) {
            assertTrue(ulp <= bound, () -> what + ": " + (ulp == Long.MAX_VALUE ? "NaN mismatch" : ulp + " ulp")
                    + " at x = " + x + " (" + Float.toHexString(x) + "): got " + got + ", want " + want
                    + " (bound " + bound + " ulp, " + count + " points)");
        }
    }

    private static final long ALL = 0xffffffffL;
    private static final long STRIDE = 97;

    // ---------------------------------------------------------------------------------------------
    // Accuracy over the whole range

    @Test
    void expIsWithinItsBoundOnEveryBinade() {
        Worst w = scan(FastMath::exp, Math::exp, 0, ALL, STRIDE);
        assertTrue(w.count > 44_000_000);
        w.check("exp", EXP_ULP);
    }

    @Test
    void logIsWithinItsBoundOnEveryBinade() {
        scan(FastMath::log, Math::log, 0, ALL, STRIDE).check("log", LOG_ULP);
    }

    @Test
    void tanhIsWithinItsBoundOnEveryBinade() {
        scan(FastMath::tanh, Math::tanh, 0, ALL, STRIDE).check("tanh", TANH_ULP);
    }

    @Test
    void sigmoidIsWithinItsBoundOnEveryBinade() {
        scan(FastMath::sigmoid, SIGMOID, 0, ALL, STRIDE).check("sigmoid", SIGMOID_ULP);
    }

    // ---------------------------------------------------------------------------------------------
    // Every float of the delicate ranges

    @Test
    void expAroundOverflowAndThroughGradualUnderflow() {
        // 88.72283 is the largest float whose exp is finite; check 2^16 floats on each side.
        int edge = Float.floatToRawIntBits(88.72283f);
        scan(FastMath::exp, Math::exp, edge - 65536, edge + 65536, 1).check("exp near overflow", EXP_ULP);
        // Results from the smallest normal down to zero: every float of [-104, -87].
        range(FastMath::exp, Math::exp, -87f, -104f, 1).check("exp subnormal results", EXP_ULP);
        // Arguments near 0, where exp x = 1 + x.
        range(FastMath::exp, Math::exp, 0x1p-26f, 0x1p-22f, 11).check("exp tiny positive", EXP_ULP);
        range(FastMath::exp, Math::exp, -0x1p-26f, -0x1p-22f, 11).check("exp tiny negative", EXP_ULP);
    }

    @Test
    void logNearOneAndOfSubnormals() {
        range(FastMath::log, Math::log, 0.9f, 1.1f, 1).check("log near 1", LOG_ULP);
        range(FastMath::log, Math::log, Float.MIN_VALUE, Float.MIN_NORMAL, 3).check("log of subnormals", LOG_ULP);
        range(FastMath::log, Math::log, 0x1p126f, Float.MAX_VALUE, 7).check("log of the largest floats", LOG_ULP);
    }

    @Test
    void tanhNearZeroAndNearSaturation() {
        // Every 5th float of [2^-4, 1.5] of both signs: where the error peaks (|x| near ln2/2 and
        // the other switches of k), and every 3rd where tanh approaches ±1 (x = 9.0109).
        range(FastMath::tanh, Math::tanh, 0x1p-4f, 1.5f, 5).check("tanh small positive", TANH_ULP);
        range(FastMath::tanh, Math::tanh, -0x1p-4f, -1.5f, 5).check("tanh small negative", TANH_ULP);
        range(FastMath::tanh, Math::tanh, 6f, 12f, 3).check("tanh saturation", TANH_ULP);
        range(FastMath::tanh, Math::tanh, -6f, -12f, 3).check("tanh negative saturation", TANH_ULP);
        // Subnormal and tiny arguments: tanh x = x.
        range(FastMath::tanh, Math::tanh, Float.MIN_VALUE, 0x1p-4f, 4999).check("tanh tiny", TANH_ULP);
        range(FastMath::tanh, Math::tanh, -Float.MIN_VALUE, -0x1p-4f, 4999).check("tanh tiny negative", TANH_ULP);
    }

    @Test
    void sigmoidThroughItsTinyValuesAndNearOne() {
        range(FastMath::sigmoid, SIGMOID, -80f, -104f, 1).check("sigmoid subnormal results", SIGMOID_ULP);
        range(FastMath::sigmoid, SIGMOID, -0.5f, -16f, 7).check("sigmoid negative", SIGMOID_ULP);
        range(FastMath::sigmoid, SIGMOID, 0.5f, 20f, 7).check("sigmoid positive", SIGMOID_ULP);
        range(FastMath::sigmoid, SIGMOID, -Float.MIN_VALUE, -0.5f, 997).check("sigmoid near 0-", SIGMOID_ULP);
        range(FastMath::sigmoid, SIGMOID, Float.MIN_VALUE, 0.5f, 997).check("sigmoid near 0+", SIGMOID_ULP);
    }

    @Test
    void resultsStayInTheirRanges() {
        for (long bits = 0; bits <= ALL; bits += 1009) {
            float x = Float.intBitsToFloat((int) bits);
            if (Float.isNaN(x)) continue;
            float t = FastMath.tanh(x);
            float s = FastMath.sigmoid(x);
            assertTrue(t >= -1f && t <= 1f, "tanh(" + x + ") = " + t);
            assertTrue(s >= 0f && s <= 1f, "sigmoid(" + x + ") = " + s);
            assertTrue(FastMath.exp(x) >= 0f, "exp(" + x + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Special values, one by one

    private static void assertSame(float want, float got, String what) {
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got),
                () -> what + ": want " + want + ", got " + got);
    }

    private static final float[] NANS = {
        Float.NaN, Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7fffffff)
    };

    @Test
    void expSpecialValues() {
        assertSame(1f, FastMath.exp(0f), "exp(+0)");
        assertSame(1f, FastMath.exp(-0f), "exp(-0)");
        assertSame(Float.POSITIVE_INFINITY, FastMath.exp(Float.POSITIVE_INFINITY), "exp(+inf)");
        assertSame(0f, FastMath.exp(Float.NEGATIVE_INFINITY), "exp(-inf)");
        assertSame(0f, FastMath.exp(-Float.MAX_VALUE), "exp(-max)");
        assertSame(Float.POSITIVE_INFINITY, FastMath.exp(Float.MAX_VALUE), "exp(max)");
        for (float nan : NANS) assertTrue(Float.isNaN(FastMath.exp(nan)), "exp(NaN)");
        // The overflow threshold is exactly the correctly rounded one.
        assertTrue(Float.isFinite(FastMath.exp(88.72f)), "exp(88.72) is finite");
        assertTrue(Float.isFinite(FastMath.exp(88.72283f)), "exp(88.72283) is finite");
        assertSame(Float.POSITIVE_INFINITY, FastMath.exp(Math.nextUp(88.72283f)), "exp(nextUp(88.72283))");
        assertSame(Float.POSITIVE_INFINITY, FastMath.exp(88.73f), "exp(88.73)");
        // Gradual underflow: subnormal results, the smallest one, then +0, as correctly rounded.
        float sub = FastMath.exp(-100f);
        assertTrue(sub > 0f && sub < Float.MIN_NORMAL, "exp(-100) is subnormal: " + sub);
        assertTrue(ulps(sub, (float) Math.exp(-100)) <= EXP_ULP);
        assertSame(Float.MIN_VALUE, FastMath.exp(-103.97208f), "exp(-103.97208) is the smallest subnormal");
        assertSame(0f, FastMath.exp(Math.nextDown(-103.97208f)), "exp below -103.97208 is +0");
        assertSame(1f, FastMath.exp(Float.MIN_VALUE), "exp(MIN_VALUE)");
    }

    @Test
    void logSpecialValues() {
        assertSame(Float.NEGATIVE_INFINITY, FastMath.log(0f), "log(+0)");
        assertSame(Float.NEGATIVE_INFINITY, FastMath.log(-0f), "log(-0)");
        assertSame(0f, FastMath.log(1f), "log(1)");
        assertSame(Float.POSITIVE_INFINITY, FastMath.log(Float.POSITIVE_INFINITY), "log(+inf)");
        for (float x : new float[] {-1f, -Float.MIN_VALUE, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY, -0.5f}) {
            assertTrue(Float.isNaN(FastMath.log(x)), "log(" + x + ") is NaN");
        }
        for (float nan : NANS) assertTrue(Float.isNaN(FastMath.log(nan)), "log(NaN)");
        assertSame((float) Math.log(Float.MIN_VALUE), FastMath.log(Float.MIN_VALUE), "log(MIN_VALUE)");
        assertSame((float) Math.log(Float.MIN_NORMAL), FastMath.log(Float.MIN_NORMAL), "log(MIN_NORMAL)");
        assertTrue(ulps(FastMath.log(Float.MAX_VALUE), (float) Math.log(Float.MAX_VALUE)) <= LOG_ULP, "log(MAX)");
        for (int e = -149; e <= 127; e++) {
            float x = (float) Math.scalb(1.0, e);
            assertTrue(ulps(FastMath.log(x), (float) Math.log(x)) <= LOG_ULP, "log(2^" + e + ")");
        }
    }

    @Test
    void tanhSpecialValues() {
        assertSame(0f, FastMath.tanh(0f), "tanh(+0)");
        assertSame(-0f, FastMath.tanh(-0f), "tanh(-0) keeps the sign of zero");
        assertSame(1f, FastMath.tanh(Float.POSITIVE_INFINITY), "tanh(+inf)");
        assertSame(-1f, FastMath.tanh(Float.NEGATIVE_INFINITY), "tanh(-inf)");
        assertSame(1f, FastMath.tanh(Float.MAX_VALUE), "tanh(max)");
        assertSame(-1f, FastMath.tanh(-Float.MAX_VALUE), "tanh(-max)");
        for (float nan : NANS) assertTrue(Float.isNaN(FastMath.tanh(nan)), "tanh(NaN)");
        // Subnormal and tiny arguments come back unchanged, as tanh x rounds to x there.
        for (float x : new float[] {Float.MIN_VALUE, 3 * Float.MIN_VALUE, Float.MIN_NORMAL, 0x1p-20f, 0x1.234p-13f}) {
            assertSame(x, FastMath.tanh(x), "tanh(" + x + ")");
            assertSame(-x, FastMath.tanh(-x), "tanh(" + -x + ")");
        }
        // Odd everywhere, exactly.
        Random r = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            float x = Float.intBitsToFloat(r.nextInt() & 0x7fffffff);
            if (Float.isNaN(x)) continue;
            assertSame(-FastMath.tanh(x), FastMath.tanh(-x), "tanh is odd at " + x);
        }
        // From 9.0109 on, where the correctly rounded tanh becomes 1, exactly ±1.
        for (float x = 9.0109f; x < 9.5f; x = Math.nextUp(x)) {
            assertSame(1f, FastMath.tanh(x), "tanh(" + x + ")");
            assertSame(-1f, FastMath.tanh(-x), "tanh(" + -x + ")");
        }
        assertTrue(ulps(FastMath.tanh(9f), (float) Math.tanh(9)) <= TANH_ULP, "tanh(9)");
    }

    @Test
    void sigmoidSpecialValues() {
        assertSame(0.5f, FastMath.sigmoid(0f), "sigmoid(+0)");
        assertSame(0.5f, FastMath.sigmoid(-0f), "sigmoid(-0)");
        assertSame(1f, FastMath.sigmoid(Float.POSITIVE_INFINITY), "sigmoid(+inf)");
        assertSame(0f, FastMath.sigmoid(Float.NEGATIVE_INFINITY), "sigmoid(-inf)");
        assertSame(1f, FastMath.sigmoid(Float.MAX_VALUE), "sigmoid(max)");
        assertSame(0f, FastMath.sigmoid(-Float.MAX_VALUE), "sigmoid(-max)");
        for (float nan : NANS) assertTrue(Float.isNaN(FastMath.sigmoid(nan)), "sigmoid(NaN)");
        float tiny = FastMath.sigmoid(-100f);
        assertTrue(tiny > 0f && tiny < Float.MIN_NORMAL, "sigmoid(-100) is a subnormal: " + tiny);
        assertTrue(ulps(tiny, (float) SIGMOID.applyAsDouble(-100)) <= SIGMOID_ULP);
        assertTrue(FastMath.sigmoid(-88.7f) > 0f, "sigmoid keeps the tiny values of large negative inputs");
        assertSame(0f, FastMath.sigmoid(-104f), "sigmoid(-104) rounds to 0");
        for (float x = 16.64f; x < 20f; x = Math.nextUp(x)) assertSame(1f, FastMath.sigmoid(x), "sigmoid(" + x + ")");
    }

    // ---------------------------------------------------------------------------------------------
    // Array forms

    private interface ArrayFn {
        void apply(float[] x, int xOff, float[] out, int outOff, int n);
    }

    private static float[] randomInputs(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // Mostly ordinary values, some arbitrary bit patterns (specials, subnormals, huge).
            x[i] = r.nextInt(8) == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) (r.nextGaussian() * 20);
        }
        return x;
    }

    private static void checkArrayForm(String name, ArrayFn array, FloatFn scalar) {
        for (int n : new int[] {0, 1, 7, 16, 63, 1000, 20_000}) {
            float[] x = randomInputs(n + 40, n);
            float[] want = new float[x.length];
            for (int i = 0; i < x.length; i++) want[i] = scalar.apply(x[i]);
            // Separate arrays, same and different offsets.
            for (int[] offs : new int[][] {{0, 0}, {5, 5}, {3, 17}, {17, 3}}) {
                float[] out = new float[x.length];
                java.util.Arrays.fill(out, 42f);
                array.apply(x, offs[0], out, offs[1], n);
                for (int i = 0; i < n; i++) {
                    assertSame(want[offs[0] + i], out[offs[1] + i], name + " n=" + n + " offsets " + offs[0] + "," + offs[1] + " i=" + i);
                }
                for (int i = 0; i < offs[1]; i++) assertSame(42f, out[i], name + " writes nothing before the range");
                for (int i = offs[1] + n; i < out.length; i++) assertSame(42f, out[i], name + " writes nothing after the range");
            }
            // In place, and overlapping ranges of one array in both directions.
            for (int[] offs : new int[][] {{4, 4}, {2, 9}, {9, 2}}) {
                float[] buf = x.clone();
                array.apply(buf, offs[0], buf, offs[1], n);
                for (int i = 0; i < n; i++) {
                    assertSame(want[offs[0] + i], buf[offs[1] + i], name + " in place n=" + n + " offsets " + offs[0] + "," + offs[1] + " i=" + i);
                }
            }
        }
        float[] a = new float[10];
        assertThrows(IndexOutOfBoundsException.class, () -> array.apply(a, 5, a, 0, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> array.apply(a, 0, a, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> array.apply(a, -1, a, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> array.apply(a, 0, a, 0, -1));
    }

    @Test
    void arrayFormsMatchTheScalarFormsBitForBit() {
        checkArrayForm("exp", FastMath::exp, FastMath::exp);
        checkArrayForm("tanh", FastMath::tanh, FastMath::tanh);
        checkArrayForm("sigmoid", FastMath::sigmoid, FastMath::sigmoid);
        checkArrayForm("log", FastMath::log, FastMath::log);
    }
}
