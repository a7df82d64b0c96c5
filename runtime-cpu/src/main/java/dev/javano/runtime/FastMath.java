package dev.javano.runtime;

import java.util.Objects;

/**
 * float32 tanh, exp, log and sigmoid for generated loops: accurate to a few ulp over the whole
 * float range, and written so that HotSpot's C2 (JDK 17 and later) inlines the scalar forms and
 * auto-vectorizes loops over them.
 *
 * <h2>How they vectorize</h2>
 *
 * C2's SuperWord in JDK 17 vectorizes float {@code + - * /}, {@code Math.min/max/abs} and
 * {@code Math.sqrt}, but none of {@code Float.floatToRawIntBits}/{@code intBitsToFloat},
 * float&harr;int casts or ternaries (measured: such loops stay scalar). So nothing here touches
 * bits. The classic tricks are replaced by float arithmetic:
 * <ul>
 *   <li>rounding to an integer: {@code (v + 1.5·2²³) − 1.5·2²³};
 *   <li>the scale 2<sup>k</sup> of exp, for an integer-valued float k: a quadratic for
 *       2<sup>k/256</sup>, squared eight times (powers of two square exactly, the 0.04 %
 *       polynomial error becomes at most 12 %), then rounded to one significant bit with
 *       Veltkamp's splitting {@code c = q·(2²³+1); c − (c − q)}, which gives 2<sup>k</sup> exactly;
 *   <li>the exponent of log: the power of two nearest √x (Veltkamp again) and its logarithm from
 *       five square roots and a small polynomial, rounded;
 *   <li>special values by clamping with {@code Math.min/max} (which propagate NaN) instead of
 *       branches.
 * </ul>
 *
 * <h2>Loop size</h2>
 *
 * C2 only vectorizes a loop it unrolls, and it does not unroll a loop body of more than
 * {@code -XX:LoopUnrollLimit} (60) ideal nodes. Measured on JDK 17 and 25: an in-place loop
 * {@code a[i] = f(a[i])} vectorizes with up to 45 float operations in its body, a loop
 * {@code o[i] = f(a[i])} with up to 39 (the same index expression on both arrays; with two
 * different offsets, {@code o[p + i] = f(a[q + i])}, C2 cannot rule out overlap and vectorizes
 * nothing at all). exp is 38 operations, tanh 38, sigmoid 39: each fits in a loop of its own,
 * with one or two more operations at most (six more in an in-place loop); a fused loop body
 * larger than that runs scalar, about 8 ns per element ({@code -XX:LoopUnrollLimit=250} lifts the
 * limit). log is 51 and never vectorizes as a scalar call; its array form runs in two passes that
 * do. The array forms below
 * take care of these rules: they copy x into out first (unless they are the same elements) and
 * loop in place.
 *
 * <h2>Accuracy</h2>
 *
 * Against the correctly rounded float result (the JDK's double function rounded to float), over
 * every float (measured exhaustively over all 2³² inputs; {@code FastMathTest} asserts the bounds
 * on every 97th bit pattern plus dense special ranges): exp ≤ 1 ulp, log ≤ 1 ulp, tanh ≤ 4 ulp,
 * sigmoid ≤ 3 ulp. Subnormal inputs and results are computed, never flushed. The array forms give
 * bit-identical results to the scalar forms.
 */
public final class FastMath {

    private FastMath() {}

    private static final float ROUND = 0x1.8p23f;            // 1.5 * 2^23: v + ROUND - ROUND rounds v
    private static final float SPLIT = 0x1.000002p23f;       // 2^23 + 1: Veltkamp's constant for 1 bit
    private static final float LOG2E = 0x1.715476p0f;        // 1 / ln 2
    private static final float HALF_LOG2E = 0x1.715476p-1f;  // 1 / (2 ln 2)
    private static final float LN2_HI = 0x1.62e4p-1f;        // ln 2, 16 bits: k * LN2_HI is exact
    private static final float LN2_LO = 0x1.7f7d1cp-20f;     // ln 2 - LN2_HI
    private static final float LN4_HI = 0x1.62e4p0f;         // 2 ln 2, 16 bits
    private static final float LN4_LO = 0x1.7f7d1cp-19f;     // 2 ln 2 - LN4_HI

    // r * coth(r / 2) = 2 + r^2 (R1 + r^2 (R2 + r^2 R3)) on |r| <= ln 2 (minimax, error 6e-9)
    private static final float R1 = 0x1.555554p-3f;
    private static final float R2 = -0x1.6c0fa4p-9f;
    private static final float R3 = 0x1.1074bap-14f;

    // 2^(k/256) ~ 1 + k (K1 + k K2) for |k| <= 76 (minimax, relative error 4.3e-4)
    private static final float K1 = 0x1.64feeap-9f;
    private static final float K2 = 0x1.f05c3p-19f;

    // ---------------------------------------------------------------------------------------------
    // exp

    /**
     * e<sup>x</sup>. At most 1 ulp from the correctly rounded result for every float (measured
     * over all 2³² inputs: 99.4 % correctly rounded, the rest 1 ulp off). Overflows to +∞ exactly
     * where the correctly rounded result does (x &gt; 88.72283); underflows gradually, through the
     * subnormals (x &lt; −87.33655), to +0 below −103.97208; exp(±0) = 1, exp(−∞) = +0,
     * exp(+∞) = +∞, NaN for NaN.
     *
     * <p>Method: k = round(x / (2 ln 2)), r = x − 2k ln 2 (Cody–Waite, |r| ≤ ln 2), e<sup>r</sup> by
     * fdlibm's rational form 1 + r + r·c/(2 − c), then times 2<sup>k</sup> twice (so that both the
     * overflow and the subnormal range are reached with one rounding). 38 float operations.
     */
    public static float exp(float x) {
        float a = Math.max(Math.min(x, 88.8f), -104f);
        float k = (a * HALF_LOG2E + ROUND) - ROUND;
        float r = (a - k * LN4_HI) - k * LN4_LO;
        float t = r * r;
        float c = r - t * (R1 + t * (R2 + t * R3));
        float p = 1f + (r + r * c / (2f - c));
        float s = pow2(k);
        return (p * s) * s;
    }

    /** 2^k exactly, for an integer-valued float k with |k| &le; 76. 15 operations. */
    private static float pow2(float k) {
        float q = 1f + k * (K1 + k * K2);
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        float c = q * SPLIT;
        return c - (c - q);
    }

    /**
     * {@code out[outOff + i] = exp(x[xOff + i])} for i &lt; n, vectorized. Each output is the
     * value of the scalar {@link #exp(float)} of the input as it was before the call: x and out
     * may be the same array, even with overlapping ranges.
     */
    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        copyIn(x, xOff, out, outOff, n);
        int end = outOff + n;
        for (int i = outOff; i < end; i++) out[i] = exp(out[i]);
    }

    // ---------------------------------------------------------------------------------------------
    // tanh

    // e^(2h) = (E + O) / (E - O), Pade [4/4]: O/E = tanh(h), |h| <= ln2 / 2 (error 1.4e-9)
    private static final float TE1 = 0x1.b6db6ep-2f;   // 3/7
    private static final float TE2 = 0x1.381382p-7f;   // 1/105
    private static final float TO1 = 0x1.861862p-4f;   // 2/21
    // 2^(2k) = (2^(2k/64))^64, 2^(2k/64) ~ 1 + k (T1 + k T2) for |k| <= 13
    private static final float T1 = 0x1.6706a8p-6f;
    private static final float T2 = 0x1.f49522p-13f;

    /**
     * tanh x. At most 4 ulp from the correctly rounded result for every float (measured over all
     * 2³² inputs: 97.3 % correctly rounded, 99.87 % within 1 ulp, 194 thousand at 3 ulp and 4
     * inputs, near x = ±0.442, at 4 ulp). The bound holds in ulp all the way down, tiny and
     * subnormal x included (tanh x = x there, returned exactly): no relative-error escape near 0. Odd and
     * sign-exact: tanh(−0) = −0; |tanh x| &le; 1; ±1 from |x| &ge; 9.0109 (where the correctly
     * rounded value becomes 1); ±1 at ±∞; NaN for NaN.
     *
     * <p>Method: k = round(x / ln 2), h = x − k ln 2 (|h| ≤ ln2/2), t = tanh h from a Padé [4/4]
     * of e<sup>2h</sup> as O/E, g = tanh(k ln 2) = (4<sup>k</sup> − 1)/(4<sup>k</sup> + 1) with
     * 4<sup>k</sup> built exactly, then the addition formula (t + g)/(1 + t·g). 38 float operations.
     */
    public static float tanh(float x) {
        float a = Math.max(Math.min(x, 9.02f), -9.02f);
        float k = (a * LOG2E + ROUND) - ROUND;
        float h = (a - k * LN2_HI) - k * LN2_LO;
        float h2 = h * h;
        float e = 1f + h2 * (TE1 + h2 * TE2);
        float o = h + h * (h2 * TO1);
        float q = 1f + k * (T1 + k * T2);
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        float c = q * SPLIT;
        float s = c - (c - q);           // 4^k
        float t = o / e;                 // tanh h
        float g = (1f - s) / (s + 1f);   // -tanh(k ln 2); t - g keeps tanh(-0) = -0
        return (t - g) / (1f - t * g);
    }

    /**
     * {@code out[outOff + i] = tanh(x[xOff + i])} for i &lt; n, vectorized; same contract as
     * {@link #exp(float[], int, float[], int, int)}.
     */
    public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        copyIn(x, xOff, out, outOff, n);
        int end = outOff + n;
        for (int i = outOff; i < end; i++) out[i] = tanh(out[i]);
    }

    // ---------------------------------------------------------------------------------------------
    // sigmoid

    /**
     * The logistic function 1 / (1 + e<sup>−x</sup>). At most 3 ulp from the correctly rounded
     * result for every float (measured over all 2³² inputs: 96.1 % correctly rounded, 99.88 % within
     * 1 ulp, 109 inputs at 3 ulp). Large negative x keep their tiny values
     * (sigmoid x ≈ e<sup>x</sup>, through the subnormals, +0 below −103.97); exactly 1 from
     * x = 16.64 on (the correctly rounded value becomes 1 at 17.33);
     * sigmoid(±0) = 0.5, 0 at −∞, 1 at +∞, NaN for NaN; the result is always in [0, 1].
     *
     * <p>Method: e<sup>−x</sup> = p·4<sup>k</sup> as in {@link #exp(float)}, with 2<sup>−k</sup> built
     * instead of 2<sup>k</sup>, so that sigmoid x = 4<sup>−k</sup>/(4<sup>−k</sup> + p) neither
     * overflows nor loses the small results. 39 float operations.
     */
    public static float sigmoid(float x) {
        float a = Math.max(Math.min(x, 18f), -104f);
        float k = (a * -HALF_LOG2E + ROUND) - ROUND;    // round(-a / (2 ln 2))
        float r = (k * -LN4_HI - a) - k * LN4_LO;       // -a - 2k ln 2
        float t = r * r;
        float c = r - t * (R1 + t * (R2 + t * R3));
        float p = 1f + (r + r * c / (2f - c));          // e^-a = p * 4^k
        float u = pow2neg(k);                           // 2^-k
        float v = u * u;                                // 4^-k, exact down to 2^-148
        return v / (v + p);
    }

    /** 2^-k exactly, for an integer-valued float k with |k| &le; 76. */
    private static float pow2neg(float k) {
        float q = 1f + k * (-K1 + k * K2);
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        q *= q;
        float c = q * SPLIT;
        return c - (c - q);
    }

    /**
     * {@code out[outOff + i] = sigmoid(x[xOff + i])} for i &lt; n, vectorized; same contract as
     * {@link #exp(float[], int, float[], int, int)}.
     */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        copyIn(x, xOff, out, outOff, n);
        int end = outOff + n;
        for (int i = outOff; i < end; i++) out[i] = sigmoid(out[i]);
    }

    // ---------------------------------------------------------------------------------------------
    // log

    // j = round(32 log2 w) for w = 2^(j/32), |j| <= 75:
    // z = (w - 1) / (w + 1), 32 log2 w ~ z (J1 + z^2 (J3 + z^2 J5)) (minimax, error 0.04 in j)
    private static final float J1 = 0x1.72cfbcp6f;
    private static final float J3 = 0x1.9291ep4f;
    private static final float J5 = 0x1.324ad4p5f;
    // log m = f - z (f - u Q(u)), f = m - 1, z = f / (2 + f), u = z^2, for m in [0.56, 2.25]
    // (minimax, relative error 8e-10)
    private static final float Q0 = 0x1.555566p-1f;
    private static final float Q1 = 0x1.998e38p-2f;
    private static final float Q2 = 0x1.25e23cp-2f;
    private static final float Q3 = 0x1.a5d05ep-3f;
    private static final float Q4 = 0x1.16393p-2f;

    /**
     * The natural logarithm. At most 1 ulp from the correctly rounded result for every float
     * (measured over all 2³² inputs: 99.4 % correctly rounded), subnormal inputs included;
     * log 1 = 0, log(±0) = −∞, log(+∞) = +∞, NaN for x &lt; 0 and NaN.
     *
     * <p>Method: s = the power of two nearest √x (Veltkamp), m = x/s² ∈ [0.56, 2.25] exactly,
     * j = log₂ s from the fifth square root of s (2<sup>j/32</sup>) and a cubic, rounded; then
     * log x = 2j ln 2 + log m, with log m from fdlibm's f − z(f − R(z²)). 51 float operations: too
     * many for C2 to vectorize a loop that calls it (see the class comment), and in a scalar loop
     * its six square roots make it slower than {@code Math.log} (19 ns against 14 ns per element
     * on JDK 17, AVX-512). Use the array form for bulk work: it splits the computation into two
     * vectorized passes (2.1 ns per element).
     */
    public static float log(float x) {
        float s = logScale(x);
        return logFinish(logMantissa(x, s), logExponent(s));
    }

    /** The power of two nearest √x, clamped to [2^-75, 2^64] (so ±0 and +∞ go through). */
    private static float logScale(float x) {
        float y = Math.max(Math.min((float) Math.sqrt(x), 0x1p64f), 0x1p-75f);
        float c = y * SPLIT;
        return c - (c - y);
    }

    /** x / s², exact (only powers of two are involved); ±0, +∞ and NaN stay themselves. */
    private static float logMantissa(float x, float s) {
        float is = 1f / s;
        return (x * is) * is;
    }

    /** log₂ s for s = 2^j, as an integer-valued float. */
    private static float logExponent(float s) {
        float w = (float) Math.sqrt((float) Math.sqrt((float) Math.sqrt((float) Math.sqrt((float) Math.sqrt(s)))));
        float z = (w - 1f) / (w + 1f);
        float z2 = z * z;
        float l = z * (J1 + z2 * (J3 + z2 * J5));
        return (l + ROUND) - ROUND;
    }

    /** 2j ln 2 + log m, with m = +∞ giving +∞ and m = ±0 giving −∞. */
    private static float logFinish(float m, float j) {
        float mc = Math.min(m, 4f);
        float f = mc - 1f;
        float z = f / (2f + f);
        float u = z * z;
        float lm = f - z * (f - u * (Q0 + u * (Q1 + u * (Q2 + u * (Q3 + u * Q4)))));
        float r = j * LN4_HI + (j * LN4_LO + lm) + (m - mc);
        return Math.min(r, (m - 0.25f) * Float.POSITIVE_INFINITY);
    }

    /** Elements per pass of the array form of log: two thread-local scratch arrays of this size. */
    private static final int LOG_CHUNK = 8192;

    private static final ThreadLocal<float[][]> LOG_SCRATCH =
            ThreadLocal.withInitial(() -> new float[][] {new float[LOG_CHUNK], new float[LOG_CHUNK]});

    /**
     * {@code out[outOff + i] = log(x[xOff + i])} for i &lt; n, bit-identical to the scalar
     * {@link #log(float)}, in two vectorized passes over chunks of {@value #LOG_CHUNK} elements held
     * in thread-local scratch arrays (allocated once per thread). Same contract as
     * {@link #exp(float[], int, float[], int, int)}.
     */
    public static void log(float[] x, int xOff, float[] out, int outOff, int n) {
        Objects.checkFromIndexSize(xOff, n, x.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        if (n == 0) return;
        float[][] scratch = LOG_SCRATCH.get();
        int chunks = (n - 1) / LOG_CHUNK + 1;
        // Like memmove: when out overlaps x further on, do the last chunk first.
        boolean backwards = x == out && outOff > xOff;
        for (int c = 0; c < chunks; c++) {
            int done = (backwards ? chunks - 1 - c : c) * LOG_CHUNK;
            int len = Math.min(LOG_CHUNK, n - done);
            System.arraycopy(x, xOff + done, scratch[0], 0, len);
            logChunk(scratch[0], scratch[1], len);
            System.arraycopy(scratch[0], 0, out, outOff + done, len);
        }
    }

    /** {@code a[i] = log(a[i])} for i &lt; len, in two loops small enough to vectorize; b is scratch. */
    private static void logChunk(float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            float v = a[i];
            float s = logScale(v);
            a[i] = logMantissa(v, s);
            b[i] = logExponent(s);
        }
        for (int i = 0; i < len; i++) a[i] = logFinish(a[i], b[i]);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Checks the ranges and copies x into out unless they are the same elements already, so that
     * the caller loops in place, {@code out[i] = f(out[i])}: the one loop shape that C2 vectorizes
     * for any offsets (with different offsets on two arrays it vectorizes nothing), that keeps the
     * most room for the function (45 operations), and that handles overlapping ranges. One loop
     * per method on purpose: a second, rarely taken loop makes C2 deoptimize and recompile the
     * method when it is reached, and the recompiled loops were measured scalar (8 ns per element).
     */
    private static void copyIn(float[] x, int xOff, float[] out, int outOff, int n) {
        Objects.checkFromIndexSize(xOff, n, x.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        if (x != out || xOff != outOff) System.arraycopy(x, xOff, out, outOff, n);
    }
}
