package dev.javano.runtime;

import dev.javano.DType;

/**
 * A tensor of float64 elements in native memory: row-major, contiguous, with a fixed shape.
 *
 * <p>Create one with {@link #of} or {@link #zeros}, and close it (try-with-resources) to free
 * its memory; the garbage collector does not. {@link #rows(int, int) rows(from, to)} makes a
 * view that shares the memory, so splitting a data set into minibatches copies nothing. Every
 * access after {@code close()} throws. Not thread-safe.
 */
public final class DoubleTensor extends AbstractTensor {

    private DoubleTensor(int[] shape) {
        super(DType.FLOAT64, shape);
    }

    private DoubleTensor(DoubleTensor tensor, int from, int to) {
        super(tensor, from, to);
    }

    /**
     * A tensor holding a copy of {@code data}, in row-major order.
     *
     * @param data the elements; its length must be the product of the dims
     * @param shape the dims, all positive; none for a scalar
     * @return a new tensor, to be closed
     * @throws IllegalArgumentException if a dim is not positive or the sizes differ
     */
    public static DoubleTensor of(double[] data, int... shape) {
        DoubleTensor t = new DoubleTensor(checkShape(data.length, shape));
        Memory.store(data, 0, t.address(), data.length);
        return t;
    }

    /**
     * A tensor of zeros.
     *
     * @param shape the dims, all positive; none for a scalar
     * @return a new tensor, to be closed
     * @throws IllegalArgumentException if a dim is not positive
     */
    public static DoubleTensor zeros(int... shape) {
        return new DoubleTensor(checkShape(shape));
    }

    /**
     * Copies the elements to the heap.
     *
     * @return the elements in row-major order
     * @throws IllegalStateException if the tensor was closed
     */
    public double[] toArray() {
        double[] data = new double[arrayLength()];
        Memory.load(address(), data, 0, data.length);
        return data;
    }

    /**
     * One element.
     *
     * @param index one index per dim; none for a scalar
     * @return the element
     * @throws IndexOutOfBoundsException if the index does not fit the shape
     * @throws IllegalStateException if the tensor was closed
     */
    public double get(int... index) {
        return Memory.getDouble(elementAddress(index));
    }

    /**
     * Sets one element.
     *
     * @param value the new value
     * @param index one index per dim; none for a scalar
     * @throws IndexOutOfBoundsException if the index does not fit the shape
     * @throws IllegalStateException if the tensor was closed
     */
    public void set(double value, int... index) {
        Memory.putDouble(elementAddress(index), value);
    }

    /**
     * A view of rows {@code [from, to)} along axis 0, sharing this tensor's memory: nothing is
     * copied, writes through either are seen by both. Closing the view leaves this tensor
     * usable; closing this tensor (or the tensor it views) makes the view unusable.
     *
     * @param from the first row, from 0
     * @param to the row after the last, at most {@code dim(0)}, greater than {@code from}
     * @return the view
     * @throws IndexOutOfBoundsException if the rows are not within {@code [0, dim(0))}
     * @throws IllegalStateException if the tensor was closed
     */
    public DoubleTensor rows(int from, int to) {
        return new DoubleTensor(this, from, to);
    }

    @Override
    String format(long address) {
        return String.valueOf(Memory.getDouble(address));
    }
}
