package dev.javano.runtime;

import dev.javano.DType;
import dev.javano.Init;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Fills parameters with their {@link Init initial values}. <em>For generated code</em>, which
 * calls it when a model is built.
 *
 * <p>Values are drawn in row-major order, one draw per element ({@code nextDouble} for the
 * uniform kinds, {@code nextGaussian} for the normal ones), so the same generator state gives
 * the same values. Uniform values lie in {@code [-a, a)} also after rounding to float32.
 */
public final class Initializers {

    private Initializers() {}

    /**
     * Initializes {@code shape}'s elements of {@code s}, starting at element {@code offset}.
     *
     * @param s a {@link DType#FLOAT32} or {@link DType#FLOAT64} storage ({@link DType#INT32} too,
     *     for {@link Init#ZEROS} and {@link Init#ONES})
     * @param offset the first element to write
     * @param init the initialization, whose fans come from {@code shape} as {@link Init} defines
     * @param shape the dims of the parameter
     * @param rng the source of randomness, advanced by one draw per element for the random kinds
     * @throws IllegalArgumentException if the dtype is not supported or the elements do not fit
     */
    public static void fill(Storage s, long offset, Init init, int[] shape, RandomGenerator rng) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (offset < 0 || offset + n > s.elements()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " at offset " + offset
                    + " does not fit " + s);
        }
        DType dtype = s.dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64
                && !(dtype == DType.INT32 && (init == Init.ZEROS || init == Init.ONES))) {
            throw new IllegalArgumentException("cannot initialize " + dtype + " elements with " + init);
        }
        long address = s.address() + offset * dtype.byteSize();
        switch (init) {
            case ZEROS -> constant(dtype, address, n, 0);
            case ONES -> constant(dtype, address, n, 1);
            case GLOROT_UNIFORM -> uniform(dtype, address, n, Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape))), rng);
            case GLOROT_NORMAL -> normal(dtype, address, n, Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))), rng);
            case HE_UNIFORM -> uniform(dtype, address, n, Math.sqrt(6.0 / fanIn(shape)), rng);
            case HE_NORMAL -> normal(dtype, address, n, Math.sqrt(2.0 / fanIn(shape)), rng);
            case NORMAL -> normal(dtype, address, n, 0.01, rng);
            case UNIFORM -> uniform(dtype, address, n, 0.05, rng);
        }
    }

    /**
     * The fan-in of a parameter of this shape, as {@link Init} defines it.
     *
     * @param shape the dims
     * @return 1 for a scalar, {@code n} for {@code [n]}, {@code in * receptive field} otherwise
     */
    public static long fanIn(int[] shape) {
        return shape.length == 0 ? 1 : shape.length == 1 ? shape[0] : shape[shape.length - 2] * receptiveField(shape);
    }

    /**
     * The fan-out of a parameter of this shape, as {@link Init} defines it.
     *
     * @param shape the dims
     * @return 1 for a scalar, {@code n} for {@code [n]}, {@code out * receptive field} otherwise
     */
    public static long fanOut(int[] shape) {
        return shape.length == 0 ? 1 : (long) shape[shape.length - 1] * receptiveField(shape);
    }

    private static long receptiveField(int[] shape) {
        long r = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            r *= shape[i];
        }
        return r;
    }

    private static void constant(DType dtype, long address, long n, int value) {
        switch (dtype) {
            case FLOAT32 -> Memory.fill(address, n, (float) value);
            case FLOAT64 -> Memory.fill(address, n, (double) value);
            default -> Memory.fill(address, n, value);
        }
    }

    private static void uniform(DType dtype, long address, long n, double a, RandomGenerator rng) {
        if (dtype == DType.FLOAT64) {
            for (long i = 0; i < n; i++) {
                Memory.putDouble(address + 8 * i, rng.nextDouble(-a, a));
            }
        } else {
            float top = (float) a;
            float hi = top < a ? top : Math.nextDown(top); // the largest float below a
            float lo = -(top <= a ? top : Math.nextDown(top)); // the smallest float from -a
            for (long i = 0; i < n; i++) {
                float v = (float) rng.nextDouble(-a, a);
                Memory.putFloat(address + 4 * i, Math.min(Math.max(v, lo), hi));
            }
        }
    }

    private static void normal(DType dtype, long address, long n, double sd, RandomGenerator rng) {
        for (long i = 0; i < n; i++) {
            double v = sd * rng.nextGaussian();
            if (dtype == DType.FLOAT64) {
                Memory.putDouble(address + 8 * i, v);
            } else {
                Memory.putFloat(address + 4 * i, (float) v);
            }
        }
    }
}
