package dev.javano.runtime;

import java.util.Arrays;

/**
 * Argument checks that generated functions run first, reporting problems in the terms of the
 * model class. <em>For generated code.</em>
 *
 * <p>A declared shape is an {@code Object[]} of dims, each an {@link Integer} (a literal or
 * constant) or a {@link String} (a named dim), kept in a {@code static final} field so that a
 * call allocates nothing:
 * <pre>{@code
 * private static final Object[] X_SHAPE = {"batch", 784};
 * ...
 * dims.clear();
 * Checks.shape("MlpModel.sgd", "x", x, X_SHAPE, dims);
 * Checks.shape("MlpModel.sgd", "y", y, Y_SHAPE, dims);
 * Checks.labels("MlpModel.sgd", "y", y, 10);
 * int batch = dims.get("batch");
 * }</pre>
 * which reports, for instance, {@code MlpModel.sgd: x has shape [20, 785], expected [batch, 784]
 * (dim 1: 785 ≠ 784)} or {@code MlpModel.sgd: y has shape [32], expected [batch] with batch = 20
 * from x (dim 0: 32 ≠ 20)}.
 */
public final class Checks {

    private Checks() {}

    /**
     * Checks that an argument is not null.
     *
     * @param function the function, as the user knows it: {@code "MlpModel.sgd"}
     * @param argument the argument's name
     * @param value the argument
     * @throws NullPointerException {@code "MlpModel.sgd: x is null"}
     */
    public static void notNull(String function, String argument, Object value) {
        if (value == null) {
            throw new NullPointerException(function + ": " + argument + " is null");
        }
    }

    /**
     * Checks that a tensor argument is not null, not closed, and has the declared shape.
     *
     * @param function the function, as the user knows it: {@code "MlpModel.sgd"}
     * @param argument the argument's name
     * @param tensor the argument
     * @param expected the declared dims: {@link Integer}s and named dims ({@link String}s)
     * @param dims binds the named dims not yet bound, and checks the others
     * @throws NullPointerException if the tensor is null
     * @throws IllegalStateException if the tensor was closed
     * @throws IllegalArgumentException if the shape differs
     */
    public static void shape(String function, String argument, FloatTensor tensor, Object[] expected,
            DimBindings dims) {
        shape(function, argument, live(function, argument, tensor), expected, dims);
    }

    /** As {@link #shape(String, String, FloatTensor, Object[], DimBindings)}, for int32 tensors. */
    public static void shape(String function, String argument, IntTensor tensor, Object[] expected,
            DimBindings dims) {
        shape(function, argument, live(function, argument, tensor), expected, dims);
    }

    /** As {@link #shape(String, String, FloatTensor, Object[], DimBindings)}, for float64 tensors. */
    public static void shape(String function, String argument, DoubleTensor tensor, Object[] expected,
            DimBindings dims) {
        shape(function, argument, live(function, argument, tensor), expected, dims);
    }

    /**
     * Checks a shape against the declared dims, binding the named dims not yet bound.
     *
     * @param function the function, as the user knows it: {@code "MlpModel.sgd"}
     * @param argument the argument's name
     * @param actual the argument's shape
     * @param expected the declared dims: {@link Integer}s and named dims ({@link String}s)
     * @param dims binds the named dims not yet bound, and checks the others
     * @throws IllegalArgumentException if the shape differs
     */
    public static void shape(String function, String argument, int[] actual, Object[] expected,
            DimBindings dims) {
        if (actual.length != expected.length) {
            throw mismatch(function, argument, actual, expected, "",
                    "rank " + actual.length + " ≠ " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            Object dim = expected[i];
            if (dim instanceof Integer want) {
                if (actual[i] != want) {
                    throw mismatch(function, argument, actual, expected, "", differ(i, actual[i], want));
                }
            } else if (dim instanceof String name) {
                int b = dims.indexOf(name);
                if (b < 0) {
                    dims.bind(name, actual[i], argument);
                } else if (actual[i] != dims.value(b)) {
                    String from = dims.source(b) == null ? "" : " from " + dims.source(b);
                    throw mismatch(function, argument, actual, expected,
                            " with " + name + " = " + dims.value(b) + from, differ(i, actual[i], dims.value(b)));
                }
            } else {
                throw new IllegalArgumentException("dim " + i + " of " + Arrays.toString(expected)
                        + " is neither an Integer nor a String");
            }
        }
    }

    /**
     * Checks that every element of {@code labels} is a class index in {@code [0, classes)}.
     *
     * @param function the function, as the user knows it: {@code "MlpModel.sgd"}
     * @param argument the argument's name
     * @param labels the labels, of any shape
     * @param classes the number of classes
     * @throws NullPointerException if the tensor is null
     * @throws IllegalStateException if the tensor was closed
     * @throws IllegalArgumentException naming the first bad label:
     *     {@code "MlpModel.sgd: y[7] = 12 is not a class in [0, 10)"}
     */
    public static void labels(String function, String argument, IntTensor labels, int classes) {
        int[] shape = live(function, argument, labels);
        long address = labels.address();
        for (long i = 0, n = labels.size(); i < n; i++) {
            int label = Memory.getInt(address + 4 * i);
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(function + ": " + argument + index(shape, i) + " = " + label
                        + " is not a class in [0, " + classes + ")");
            }
        }
    }

    private static int[] live(String function, String argument, AbstractTensor tensor) {
        notNull(function, argument, tensor);
        if (tensor.isClosed()) {
            throw new IllegalStateException(function + ": " + argument + " was closed");
        }
        return tensor.shapeView();
    }

    private static String differ(int axis, int actual, int expected) {
        return "dim " + axis + ": " + actual + " ≠ " + expected;
    }

    private static IllegalArgumentException mismatch(String function, String argument, int[] actual,
            Object[] expected, String with, String detail) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            s.append(i == 0 ? "" : ", ").append(expected[i]);
        }
        return new IllegalArgumentException(function + ": " + argument + " has shape " + Arrays.toString(actual)
                + ", expected " + s + "]" + with + " (" + detail + ")");
    }

    /** {@code flat} as an index in the user's terms: "", "[7]" or "[3, 5]". */
    private static String index(int[] shape, long flat) {
        if (shape.length == 0) {
            return "";
        }
        long[] index = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            index[i] = flat % shape[i];
            flat /= shape[i];
        }
        return Arrays.toString(index);
    }
}
