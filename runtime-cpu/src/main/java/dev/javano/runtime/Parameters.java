package dev.javano.runtime;

import dev.javano.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Moves a model's storages to and from {@link Npz} arrays, for generated {@code save}/{@code load}. */
public final class Parameters {

    private Parameters() {}

    /** A copy of {@code s}'s first elements as an array of {@code shape}. */
    public static Npz.Array snapshot(Storage s, int... shape) {
        int n = Math.toIntExact(Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b));
        switch (s.dtype()) {
            case FLOAT64: {
                double[] d = new double[n];
                Memory.load(s.address(), d, 0, n);
                return Npz.Array.of(d, shape);
            }
            case FLOAT32: {
                float[] f = new float[n];
                Memory.load(s.address(), f, 0, n);
                return Npz.Array.of(f, shape);
            }
            default: {
                int[] i = new int[n];
                Memory.load(s.address(), i, 0, n);
                return Npz.Array.of(i, shape);
            }
        }
    }

    /**
     * Copies the array {@code name} of {@code arrays} into {@code into}, checking its dtype and shape.
     * A missing array is an error when {@code required}, else {@code into} keeps its value (optimizer
     * state absent from a file written before training).
     */
    public static void restore(Map<String, Npz.Array> arrays, String name, Path file, Storage into, int[] shape,
            boolean required) throws IOException {
        Npz.Array a = arrays.get(name);
        if (a == null) {
            if (required) throw new IOException(file + ": no array named " + name + " (it has " + arrays.keySet() + ")");
            return;
        }
        if (a.dtype() != into.dtype()) {
            throw new IOException(file + ": " + name + " is " + name(a.dtype()) + ", expected " + name(into.dtype()));
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IOException(file + ": " + name + " has shape " + Arrays.toString(a.shape()) + ", expected "
                    + Arrays.toString(shape));
        }
        switch (into.dtype()) {
            case FLOAT64: Memory.store(a.doubles(), 0, into.address(), a.size()); break;
            case FLOAT32: Memory.store(a.floats(), 0, into.address(), a.size()); break;
            default: Memory.store(a.ints(), 0, into.address(), a.size());
        }
    }

    private static String name(DType d) {
        return d.name().toLowerCase(java.util.Locale.ROOT);
    }
}
