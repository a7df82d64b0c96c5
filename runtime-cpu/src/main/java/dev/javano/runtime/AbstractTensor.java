package dev.javano.runtime;

import dev.javano.DType;
import java.util.Arrays;

/**
 * What {@link FloatTensor}, {@link IntTensor} and {@link DoubleTensor} share: a row-major,
 * contiguous block of elements in a {@link Storage}, at an element offset, with a shape.
 *
 * <p>A tensor either owns its storage, or is a view ({@code rows(from, to)}) of an owner's
 * storage. Closing an owner frees the memory and makes all its views unusable; closing a view
 * only makes that view unusable.
 */
abstract sealed class AbstractTensor implements AutoCloseable
        permits FloatTensor, IntTensor, DoubleTensor {

    /** Elements {@code toString()} shows before "...". */
    private static final int SHOWN = 6;

    private final Storage storage;
    private final long offset;
    private final int[] shape;
    private final long size;
    private final boolean view;
    private boolean closed;

    /** An owner of new zero-filled storage; {@code shape} comes from {@link #checkShape}. */
    AbstractTensor(DType dtype, int[] shape) {
        this.shape = shape;
        this.size = product(shape);
        this.storage = Storage.allocate(dtype, size);
        this.offset = 0;
        this.view = false;
    }

    /** A view of rows {@code [from, to)} of {@code tensor}. */
    AbstractTensor(AbstractTensor tensor, int from, int to) {
        tensor.address(); // no views of closed tensors
        if (tensor.shape.length == 0 || from < 0 || from >= to || to > tensor.shape[0]) {
            throw new IndexOutOfBoundsException("rows(" + from + ", " + to + ") of " + tensor.describe()
                    + (tensor.shape.length == 0 ? ": a scalar has no rows"
                            : ": need 0 ≤ from < to ≤ " + tensor.shape[0]));
        }
        this.shape = tensor.shape.clone();
        this.shape[0] = to - from;
        this.size = product(shape);
        this.storage = tensor.storage;
        this.offset = tensor.offset + (tensor.size / tensor.shape[0]) * from;
        this.view = true;
    }

    /** Validates a shape given by a user, every dim positive, and returns a private copy. */
    static int[] checkShape(int[] shape) {
        int[] copy = shape.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(copy)
                        + " has dim " + i + " = " + copy[i] + ": dims must be positive");
            }
        }
        product(copy);
        return copy;
    }

    /** Validates a shape for {@code length} elements of data, and returns a private copy. */
    static int[] checkShape(int length, int[] shape) {
        int[] copy = checkShape(shape);
        if (product(copy) != length) {
            throw new IllegalArgumentException("data has " + length + " elements but shape "
                    + Arrays.toString(copy) + " has " + product(copy));
        }
        return copy;
    }

    private static long product(int[] shape) {
        long n = 1;
        for (int d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
            }
        }
        return n;
    }

    /** {@return the dims, outermost first: a copy, empty for a scalar} */
    public final int[] shape() {
        return shape.clone();
    }

    /** {@return the number of dims, 0 for a scalar} */
    public final int rank() {
        return shape.length;
    }

    /**
     * One dim of the shape.
     *
     * @param axis from 0 (outermost) to {@code rank() - 1}
     * @return the size of that dim
     * @throws IndexOutOfBoundsException if there is no such axis
     */
    public final int dim(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " of shape " + Arrays.toString(shape));
        }
        return shape[axis];
    }

    /** {@return the number of elements: the product of the dims, 1 for a scalar} */
    public final long size() {
        return size;
    }

    /** {@return the element type} */
    public final DType dtype() {
        return storage.dtype();
    }

    /**
     * Whether this tensor can no longer be used: it was closed, or it is a view of a closed
     * tensor.
     *
     * @return {@code true} if accesses would throw
     */
    public final boolean isClosed() {
        return closed || storage.isClosed();
    }

    /**
     * The address of the first element. <em>For generated code.</em>
     *
     * @return the address, valid until the owner is closed
     * @throws IllegalStateException if this tensor, or the tensor it is a view of, was closed
     */
    public final long address() {
        if (closed) {
            throw new IllegalStateException(describe() + " used after close");
        }
        if (storage.isClosed()) {
            throw new IllegalStateException(describe() + " used after the tensor it views was closed");
        }
        return storage.address() + offset * storage.dtype().byteSize();
    }

    /**
     * The storage this tensor (or the tensor it views) owns. <em>For generated code</em>, which
     * must not close it.
     *
     * @return the storage
     */
    public final Storage storage() {
        return storage;
    }

    /** {@return the offset of the first element in {@link #storage()}, in elements} <em>For generated code.</em> */
    public final long offset() {
        return offset;
    }

    /**
     * Releases this tensor. An owner frees its memory, making its views unusable too; a view
     * becomes unusable without affecting the owner. Later calls do nothing.
     */
    @Override
    public final void close() {
        closed = true;
        if (!view) {
            storage.close();
        }
    }

    /** The shape itself, not a copy: for {@link Checks}, which must not allocate. */
    final int[] shapeView() {
        return shape;
    }

    /** The address of the element at {@code index}, bounds-checked. */
    final long elementAddress(int[] index) {
        if (index.length != shape.length) {
            throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " has " + index.length
                    + " dims, shape " + Arrays.toString(shape) + " has " + shape.length);
        }
        long flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index)
                        + " is out of bounds for shape " + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return address() + flat * storage.dtype().byteSize();
    }

    /** The size as an array length, for {@code toArray()}. */
    final int arrayLength() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(describe() + " has too many elements for a Java array");
        }
        return (int) size;
    }

    /** The element at {@code address}, as {@link #toString()} shows it. */
    abstract String format(long address);

    private String describe() {
        return getClass().getSimpleName() + " " + Arrays.toString(shape);
    }

    /**
     * The type, the shape and the first few elements, e.g.
     * {@code FloatTensor [2, 3] [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]}.
     */
    @Override
    public String toString() {
        if (isClosed()) {
            return describe() + " (closed)";
        }
        StringBuilder s = new StringBuilder(describe()).append(" [");
        long base = address();
        int width = storage.dtype().byteSize();
        for (long i = 0; i < Math.min(size, SHOWN); i++) {
            s.append(i == 0 ? "" : ", ").append(format(base + i * width));
        }
        return s.append(size > SHOWN ? ", ...]" : "]").toString();
    }
}
