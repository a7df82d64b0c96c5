package dev.javano;

/**
 * The element type of a {@link Tensor}.
 *
 * <p>Javano never converts dtypes silently: the operands of a binary operation must have one
 * dtype, so adding {@code INT32} labels to {@code FLOAT32} activations, or a {@code FLOAT64}
 * tensor to a {@code FLOAT32} one, is a compile-time error until one side is converted with
 * {@link Tensor#cast(DType) cast}. Scalars written as numbers, {@code static final} constants
 * and {@link Hyper @Hyper} fields take the dtype of the tensor they meet. {@code BOOL} (the
 * result of comparisons) feeds {@link Ops#where(Tensor, Tensor, Tensor) where} or a cast.
 */
public enum DType {

    /** 32-bit IEEE 754 floating point: the default for inputs and parameters. */
    FLOAT32(4, true),

    /** 64-bit IEEE 754 floating point, for when float precision is not enough. */
    FLOAT64(8, true),

    /** 32-bit two's-complement integer: class labels, indices, counts. */
    INT32(4, false),

    /** Truth values, the result of comparisons; stored as one byte per element. */
    BOOL(1, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /**
     * Whether this is a floating-point type, the only kind that can be differentiated.
     *
     * @return {@code true} for {@link #FLOAT32} and {@link #FLOAT64}
     */
    public boolean isFloating() {
        return floating;
    }

    /**
     * The storage size of one element.
     *
     * @return the number of bytes per element: 4, 8, 4 and 1 for {@link #FLOAT32},
     *         {@link #FLOAT64}, {@link #INT32} and {@link #BOOL}
     */
    public int byteSize() {
        return byteSize;
    }
}
