package dev.javano;

/**
 * A symbolic multi-dimensional array: an expression of the model graph, not data.
 *
 * <p>Tensors appear in a {@link Model @Model} class as {@link Input @Input} and
 * {@link Shared @Shared} fields and as the values of graph methods. The annotation processor
 * reads the expressions built from them at compile time; none of the methods of this class
 * runs (each throws {@link UnsupportedOperationException} if called). Data lives in the
 * run-time tensors of the generated class.
 *
 * <h2>Shapes</h2>
 * A tensor has a dtype ({@link DType}) and a shape: a list of dims, each a number or a named
 * dim such as {@code batch}. A scalar has no dims. The processor checks every shape at
 * compile time and reports a mismatch at the offending expression. Methods taking an axis
 * accept negative values, counting from the end: {@code -1} is the last axis.
 *
 * <h2>Broadcasting</h2>
 * Elementwise binary operations ({@link #plus(Tensor) plus}, {@link #times(Tensor) times},
 * comparisons, ...) follow NumPy's rules. The shapes are aligned on their last dims; the
 * shorter one is treated as if padded with leading dims of size 1; then each pair of dims
 * must be equal (the same number, or the same named dim), or one of them must be 1, which is
 * stretched to the other. The result has the larger dim of each pair. For example
 * {@code [batch, 10]} plus {@code [10]} gives {@code [batch, 10]} (adding a bias to each row),
 * {@code [batch, 1]} times {@code [1, 10]} gives {@code [batch, 10]}, and {@code [batch, 10]}
 * plus {@code [batch]} is an error (align them with {@code reshape("batch, 1")}).
 *
 * <h2>Dtypes</h2>
 * Both operands of a binary operation have one dtype: Javano never converts silently, so
 * {@code x.plus(y)} with float32 {@code x} and int32 labels {@code y} is a compile-time error
 * until one is converted ({@code y.asFloat()}). A {@code double} argument is a scalar constant
 * that takes the tensor's dtype; constants may be literals, {@code static final} constants or
 * {@link Hyper @Hyper} fields (whose value is read at run time). {@code BOOL} tensors must be
 * cast before arithmetic; {@code exp}, {@code log}, division and the like need floating tensors.
 *
 * <pre>{@code
 * Tensor hidden = tanh(x.dot(w1).plus(b1));        // [batch, 784] . [784, hidden] + [hidden]
 * Tensor scaled = hidden.minus(mean(hidden, 0)).div(0.5);
 * Tensor firstRow = hidden.get(0);                 // [hidden]
 * Tensor positive = hidden.gt(0).asFloat();        // 1 where positive, 0 elsewhere
 * }</pre>
 */
public abstract class Tensor {

    /** Only the DSL itself declares tensors; model classes get them from fields and methods. */
    Tensor() {
    }

    // ----------------------------------------------------------------------------------
    // Arithmetic
    // ----------------------------------------------------------------------------------

    /**
     * Elementwise sum, with broadcasting: {@code this + other}.
     *
     * @param other the tensor to add
     * @return a tensor of the broadcast shape
     */
    public final Tensor plus(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Adds a scalar constant to every element: {@code this + value}.
     *
     * @param value the constant to add
     * @return a tensor of this shape
     */
    public final Tensor plus(double value) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise difference, with broadcasting: {@code this - other}.
     *
     * @param other the tensor to subtract
     * @return a tensor of the broadcast shape
     */
    public final Tensor minus(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Subtracts a scalar constant from every element: {@code this - value}.
     *
     * @param value the constant to subtract
     * @return a tensor of this shape
     */
    public final Tensor minus(double value) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise product, with broadcasting: {@code this * other}. For the matrix product use
     * {@link #dot(Tensor) dot}.
     *
     * @param other the tensor to multiply by
     * @return a tensor of the broadcast shape
     */
    public final Tensor times(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Multiplies every element by a scalar constant: {@code this * value}.
     *
     * @param value the factor
     * @return a tensor of this shape
     */
    public final Tensor times(double value) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise true division, with broadcasting: {@code this / other}. Both tensors must be
     * floating; cast integer tensors first.
     *
     * @param other the divisor
     * @return a floating tensor of the broadcast shape
     */
    public final Tensor div(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Divides every element by a scalar constant: {@code this / value}.
     *
     * @param value the divisor
     * @return a floating tensor of this shape
     */
    public final Tensor div(double value) {
        throw NotExecutable.here();
    }

    /**
     * Raises every element to a constant power: {@code this ^ exponent}. {@code pow(2)} is
     * compiled as {@link Ops#square(Tensor) square} and {@code pow(0.5)} as
     * {@link Ops#sqrt(Tensor) sqrt}.
     *
     * @param exponent the power
     * @return a tensor of this shape
     */
    public final Tensor pow(double exponent) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise power, with broadcasting: {@code this ^ exponent}.
     *
     * @param exponent the powers
     * @return a tensor of the broadcast shape
     */
    public final Tensor pow(Tensor exponent) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise negation: {@code -this}.
     *
     * @return a tensor of this shape
     */
    public final Tensor neg() {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Linear algebra and axes
    // ----------------------------------------------------------------------------------

    /**
     * The dot product, contracting the last axis of this tensor with the first axis of
     * {@code other}, which must be a vector or a matrix:
     * <ul>
     *   <li>{@code [k] . [k]} gives a scalar (inner product);</li>
     *   <li>{@code [m, k] . [k, n]} gives {@code [m, n]} (matrix product);</li>
     *   <li>{@code [m, k] . [k]} gives {@code [m]}, {@code [k] . [k, n]} gives {@code [n]};</li>
     *   <li>{@code [a, b, k] . [k, n]} gives {@code [a, b, n]} (a dense layer applied to every
     *       position of a sequence).</li>
     * </ul>
     * The contracted dims must be equal. Transposes of either operand are folded into the
     * matrix-multiply call, so {@code x.dot(w.t())} costs no copy.
     *
     * @param other a vector or matrix
     * @return the contracted product
     */
    public final Tensor dot(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * The transpose: the axes in reverse order. A matrix {@code [m, n]} becomes
     * {@code [n, m]}; a vector or scalar is unchanged. The same as {@code transpose()}.
     *
     * @return the transposed view
     */
    public final Tensor t() {
        throw NotExecutable.here();
    }

    /**
     * Permutes the axes: axis {@code i} of the result is axis {@code axes[i]} of this tensor.
     * With no arguments the axes are reversed. For example a batch-major sequence
     * {@code [batch, time, features]} becomes time-major with {@code transpose(1, 0, 2)}.
     *
     * @param axes a permutation of {@code 0 .. rank-1} (negative values count from the end),
     *             or nothing to reverse the axes
     * @return the permuted view
     */
    public final Tensor transpose(int... axes) {
        throw NotExecutable.here();
    }

    /**
     * Gives the same elements, in the same row-major order, a new shape with the same number
     * of elements. One dim may be {@code -1}: it is inferred from the others.
     * {@code x.reshape(-1)} flattens {@code x}; {@code images.reshape(-1, 784)} turns
     * {@code [batch, 28, 28]} into {@code [batch, 784]}.
     *
     * @param dims the new dims; at most one is {@code -1}
     * @return the reshaped tensor
     */
    public final Tensor reshape(int... dims) {
        throw NotExecutable.here();
    }

    /**
     * Gives the same elements a new shape written as in {@link Input#shape()}: integer
     * literals, {@code static final int} constants and named dims, at most one {@code -1}.
     * {@code images.reshape("batch, 784")} turns {@code [batch, 28, 28]} into
     * {@code [batch, 784]}; {@code bias.reshape("1, hidden")} makes a row.
     *
     * @param shape the new dims, comma-separated
     * @return the reshaped tensor
     */
    public final Tensor reshape(String shape) {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Indexing and slicing
    // ----------------------------------------------------------------------------------

    /**
     * Selects one entry along axis 0 and removes that axis: row {@code index} of a matrix,
     * time step {@code index} of a time-major sequence. Negative indices count from the end,
     * {@code get(-1)} is the last entry.
     *
     * @param index the position along axis 0
     * @return a tensor with one dim fewer
     */
    public final Tensor get(int index) {
        throw NotExecutable.here();
    }

    /**
     * Selects one entry along an axis and removes that axis. {@code m.get(1, 0)} is the first
     * column of a matrix {@code m}.
     *
     * @param axis  the axis to index (negative counts from the end)
     * @param index the position along it (negative counts from the end)
     * @return a tensor with one dim fewer
     */
    public final Tensor get(int axis, int index) {
        throw NotExecutable.here();
    }

    /**
     * Gathers entries along axis 0 by an {@code INT32} tensor of indices (Theano's
     * {@code w[ids]}): the result has the shape of {@code indices} followed by the remaining
     * dims of this tensor. An embedding lookup: with {@code embeddings} of shape
     * {@code [vocabulary, 64]} and {@code words} of shape {@code [batch, time]},
     * {@code embeddings.get(words)} has shape {@code [batch, time, 64]}. Its gradient adds
     * into the selected rows.
     *
     * @param indices {@code INT32} positions along axis 0, each in {@code 0 .. dim-1}
     * @return the gathered entries
     */
    public final Tensor get(Tensor indices) {
        throw NotExecutable.here();
    }

    /**
     * The entries {@code from} (inclusive) to {@code to} (exclusive) along axis 0, like
     * Python's {@code x[from:to]}. Negative bounds count from the end, and {@link Ops#END}
     * stands for the end: {@code x.slice(1, END)} drops the first entry, {@code x.slice(0, -1)}
     * the last one.
     *
     * @param from the first position kept
     * @param to   the position after the last one kept
     * @return a view with axis 0 of length {@code to - from}
     */
    public final Tensor slice(int from, int to) {
        throw NotExecutable.here();
    }

    /**
     * The entries {@code from} (inclusive) to {@code to} (exclusive) along an axis. Negative
     * bounds count from the end and {@link Ops#END} stands for the end:
     * {@code x.slice(1, 0, 10)} keeps the first ten columns.
     *
     * @param axis the axis to slice (negative counts from the end)
     * @param from the first position kept
     * @param to   the position after the last one kept
     * @return a view with that axis of length {@code to - from}
     */
    public final Tensor slice(int axis, int from, int to) {
        throw NotExecutable.here();
    }

    /**
     * Every {@code step}-th entry from {@code from} (inclusive) to {@code to} (exclusive)
     * along an axis, like Python's {@code x[from:to:step]} on that axis: positions
     * {@code from, from + step, ...} below {@code to}. Negative bounds count from the end and
     * {@link Ops#END} stands for the end; to reverse an axis use {@link Ops#flip(Tensor, int)}.
     *
     * @param axis the axis to slice (negative counts from the end)
     * @param from the first position kept
     * @param to   the bound, excluded
     * @param step the stride, at least 1
     * @return a view with that axis of length {@code ceil((to - from) / step)}
     */
    public final Tensor slice(int axis, int from, int to, int step) {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Comparisons
    // ----------------------------------------------------------------------------------

    /**
     * Elementwise {@code this < other}, with broadcasting.
     *
     * @param other the right-hand side
     * @return a {@code BOOL} tensor of the broadcast shape
     */
    public final Tensor lt(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this < value}.
     *
     * @param value the right-hand side
     * @return a {@code BOOL} tensor of this shape
     */
    public final Tensor lt(double value) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this <= other}, with broadcasting.
     *
     * @param other the right-hand side
     * @return a {@code BOOL} tensor of the broadcast shape
     */
    public final Tensor le(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this <= value}.
     *
     * @param value the right-hand side
     * @return a {@code BOOL} tensor of this shape
     */
    public final Tensor le(double value) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this > other}, with broadcasting.
     *
     * @param other the right-hand side
     * @return a {@code BOOL} tensor of the broadcast shape
     */
    public final Tensor gt(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this > value}.
     *
     * @param value the right-hand side
     * @return a {@code BOOL} tensor of this shape
     */
    public final Tensor gt(double value) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this >= other}, with broadcasting.
     *
     * @param other the right-hand side
     * @return a {@code BOOL} tensor of the broadcast shape
     */
    public final Tensor ge(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this >= value}.
     *
     * @param value the right-hand side
     * @return a {@code BOOL} tensor of this shape
     */
    public final Tensor ge(double value) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this == other}, with broadcasting. Accuracy, for example:
     * {@code mean(argmax(p, 1).eq(y).asFloat())}.
     *
     * @param other the right-hand side
     * @return a {@code BOOL} tensor of the broadcast shape
     */
    public final Tensor eq(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this == value}.
     *
     * @param value the right-hand side
     * @return a {@code BOOL} tensor of this shape
     */
    public final Tensor eq(double value) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this != other}, with broadcasting.
     *
     * @param other the right-hand side
     * @return a {@code BOOL} tensor of the broadcast shape
     */
    public final Tensor ne(Tensor other) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise {@code this != value}.
     *
     * @param value the right-hand side
     * @return a {@code BOOL} tensor of this shape
     */
    public final Tensor ne(double value) {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Conversions
    // ----------------------------------------------------------------------------------

    /**
     * Converts the elements to another dtype. Floating to {@code INT32} rounds toward zero;
     * {@code BOOL} converts to 1 and 0; to {@code BOOL}, non-zero becomes true. Casting to
     * the tensor's own dtype does nothing.
     *
     * @param dtype the target dtype
     * @return a tensor of this shape with that dtype
     */
    public final Tensor cast(DType dtype) {
        throw NotExecutable.here();
    }

    /**
     * Converts the elements to {@link DType#FLOAT32}, as {@code cast(DType.FLOAT32)}.
     *
     * @return a {@code FLOAT32} tensor of this shape
     */
    public final Tensor asFloat() {
        throw NotExecutable.here();
    }

    /**
     * Converts the elements to {@link DType#FLOAT64}, as {@code cast(DType.FLOAT64)}.
     *
     * @return a {@code FLOAT64} tensor of this shape
     */
    public final Tensor asDouble() {
        throw NotExecutable.here();
    }

    /**
     * Converts the elements to {@link DType#INT32}, as {@code cast(DType.INT32)}: floating
     * values round toward zero.
     *
     * @return an {@code INT32} tensor of this shape
     */
    public final Tensor asInt() {
        throw NotExecutable.here();
    }
}
