package dev.javano.runtime;

import dev.javano.DType;

/**
 * A block of zero-filled native memory holding elements of one {@link DType}: what every tensor
 * and every planned buffer of a generated model lives in.
 *
 * <p>Memory is released by {@link #close()}, never by the garbage collector. After closing,
 * every accessor throws, so freed memory is never used (or reused) silently. A storage is not
 * thread-safe: the thread that closes it must be the only one using it.
 */
public final class Storage implements AutoCloseable {

    private final DType dtype;
    private long address;
    private long elements;
    private boolean closed;

    private Storage(DType dtype, long elements) {
        this.dtype = dtype;
        this.address = Memory.allocate(bytes(dtype, elements));
        this.elements = elements;
    }

    /**
     * Allocates zero-filled storage.
     *
     * @param dtype the element type
     * @param elements the number of elements, not negative
     * @return the new storage, owning its memory until closed
     * @throws IllegalArgumentException if {@code elements} is negative or too large to address
     * @throws OutOfMemoryError if there is not enough native memory
     */
    public static Storage allocate(DType dtype, long elements) {
        return new Storage(dtype, elements);
    }

    private static long bytes(DType dtype, long elements) {
        if (elements < 0 || elements > Long.MAX_VALUE / dtype.byteSize()) {
            throw new IllegalArgumentException("cannot allocate " + elements + " " + dtype + " elements");
        }
        return elements * dtype.byteSize();
    }

    /**
     * The address of the first element.
     *
     * @return the address, valid until {@link #close()} or {@link #ensureCapacity}
     * @throws IllegalStateException if the storage was closed
     */
    public long address() {
        if (closed) {
            throw new IllegalStateException(this + " used after close");
        }
        return address;
    }

    /** {@return the capacity, in elements} */
    public long elements() {
        return elements;
    }

    /** {@return the element type} */
    public DType dtype() {
        return dtype;
    }

    /**
     * Makes room for at least {@code elements} elements. When the storage is too small it is
     * reallocated: the contents are <em>not</em> preserved (the new memory is zero-filled) and
     * the previous {@link #address()} becomes invalid. Generated code uses this to grow its
     * planned buffers when a larger batch arrives.
     *
     * @param elements the capacity needed
     * @throws IllegalStateException if the storage was closed
     */
    public void ensureCapacity(long elements) {
        long old = address();
        if (elements > this.elements) {
            address = Memory.allocate(bytes(dtype, elements));
            this.elements = elements;
            Memory.free(old);
        }
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /** Frees the memory. Later calls do nothing; later accesses throw. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Memory.free(address);
            address = 0;
        }
    }

    @Override
    public String toString() {
        return "Storage[" + dtype + " x " + elements + (closed ? ", closed]" : "]");
    }
}
