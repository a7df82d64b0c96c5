package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * FastMath against the JDK's double functions rounded to float, over a dense sampling of every
 * float bit pattern (every 97th: 44 million points, all binades, subnormals, ±∞ and NaNs), with
 * the bounds the methods document.
 */
class FastMathTest {

    private interface FloatFn {
        float apply(float x);
    }

    /** Distance in units in the last place; NaN against NaN is 0, and +0 against −0 is 1. */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) && Float.isNaN(b)) return 0;
        if (Float.isNaN(a) || Float.isNaN(b)) return Long.MAX_VALUE;
        long ia = ordered(a);
        long ib = ordered(b);
        return Math.abs(ia - ib);
    }

    /** Float bits mapped to a line where adjacent floats differ by 1, across zero too. */
    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fffffff) - 1 : bits;
    }

    private static long maxUlps(FloatFn fast, DoubleUnaryOperator exact) {
        long worst = 0;
        for (long bits = 0; bits <= 0xffffffffL; bits += 97) {
            float x = Float.intBitsToFloat((int) bits);
            worst = Math.max(worst, ulps(fast.apply(x), (float) exact.applyAsDouble(x)));
        }
        return worst;
    }

    @Test
    void tanhIsWithinSixUlpEverywhere() {
        long worst = maxUlps(FastMath::tanh, Math::tanh);
        assertTrue(worst <= 6, "tanh max ulp " + worst);
    }

    @Test
    void expLogAndSigmoidAreWithinOneUlp() {
        assertTrue(maxUlps(FastMath::exp, Math::exp) <= 1);
        assertTrue(maxUlps(FastMath::log, Math::log) <= 1);
        assertTrue(maxUlps(FastMath::sigmoid, x -> 1 / (1 + Math.exp(-x))) <= 1);
    }

    @Test
    void specialValues() {
        assertEquals(-0f, FastMath.tanh(-0f));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FastMath.tanh(-0f)), "tanh keeps the sign of zero");
        assertEquals(1f, FastMath.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, FastMath.tanh(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FastMath.tanh(Float.NaN)));
        assertEquals(Float.MIN_VALUE, FastMath.tanh(Float.MIN_VALUE), "subnormals stay themselves");
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(88.73f));
        assertTrue(Float.isFinite(FastMath.exp(88.72f)));
        assertEquals(0f, FastMath.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.NEGATIVE_INFINITY, FastMath.log(0f));
        assertTrue(Float.isNaN(FastMath.log(-1f)));
        assertEquals(0f, FastMath.sigmoid(Float.NEGATIVE_INFINITY));
        assertEquals(1f, FastMath.sigmoid(Float.POSITIVE_INFINITY));
        assertTrue(FastMath.sigmoid(-88.7f) > 0, "sigmoid keeps the tiny values of large negative inputs");
    }

    @Test
    void arrayFormsMatchTheScalarOnes() {
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) x[i] = (i - 500) / 37f;
        float[] out = new float[1002];
        FastMath.tanh(x, 0, out, 2, x.length);
        for (int i = 0; i < x.length; i++) assertEquals(FastMath.tanh(x[i]), out[i + 2]);
        FastMath.exp(x, 0, out, 0, x.length);
        for (int i = 0; i < x.length; i++) assertEquals(FastMath.exp(x[i]), out[i]);
    }
}
