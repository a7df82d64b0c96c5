package dev.javano;

import java.util.List;

/**
 * The functions of the model language, meant to be imported statically:
 * {@code import static dev.javano.Ops.*;}.
 *
 * <p>Like {@link Tensor}, this class only describes computations: the annotation processor
 * translates calls to it inside a {@link Model @Model} class at compile time, and every
 * method throws {@link UnsupportedOperationException} if actually called. It offers
 * <ul>
 *   <li>elementwise functions ({@link #tanh(Tensor) tanh}, {@link #relu(Tensor) relu},
 *       {@link #exp(Tensor) exp}, {@link #where(Tensor, Tensor, Tensor) where}, ...), which
 *       keep the shape of their argument or broadcast their arguments as described in
 *       {@link Tensor};</li>
 *   <li>reductions over all axes or chosen ones ({@link #sum(Tensor) sum},
 *       {@link #mean(Tensor) mean}, {@link #max(Tensor) max}, {@link #argmax(Tensor, int)
 *       argmax}, ...);</li>
 *   <li>classification helpers ({@link #softmax(Tensor) softmax},
 *       {@link #crossentropy(Tensor, Tensor) crossentropy}, {@link #oneHot(Tensor, int)
 *       oneHot}, ...) and tensor construction ({@link #constant(double) constant},
 *       {@link #concat(int, Tensor...) concat}, {@link #stack(int, Tensor...) stack}, ...);</li>
 *   <li>symbolic differentiation and updates ({@link #grad(Tensor, Tensor) grad},
 *       {@link #update(Tensor, Tensor) update}, {@link #shared() shared}) and built-in
 *       optimizers ({@link #sgd(Tensor, double) sgd}, {@link #adam(Tensor, double) adam},
 *       ...);</li>
 *   <li>loops over time: {@link #scan(Scan.Step1) scan}, configured by a {@link ScanBuilder}.</li>
 * </ul>
 *
 * <p>Reductions keep the dtype: {@code sum}, {@code max} and {@code min} of an {@code INT32}
 * tensor are {@code INT32}; {@code mean} needs a floating tensor, and a {@code BOOL} tensor is
 * cast first (to count the true elements, {@code sum(mask.asInt())}). Axis arguments may be
 * negative, counting from the end.
 */
public final class Ops {

    /**
     * Stands for the end of an axis as the upper bound of a slice:
     * {@code x.slice(1, END)} is Python's {@code x[1:]}. Any bound beyond the end of the axis
     * is clamped to it, as in Python.
     */
    public static final int END = Integer.MAX_VALUE;

    private Ops() {
    }

    // ----------------------------------------------------------------------------------
    // Elementwise functions
    // ----------------------------------------------------------------------------------

    /**
     * Hyperbolic tangent of every element, in {@code (-1, 1)}.
     *
     * @param x a floating tensor
     * @return a tensor of the same shape
     */
    public static Tensor tanh(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The logistic function {@code 1 / (1 + exp(-x))} of every element, in {@code (0, 1)}.
     *
     * @param x a floating tensor
     * @return a tensor of the same shape
     */
    public static Tensor sigmoid(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The rectifier {@code max(x, 0)} of every element. Its gradient at 0 is taken as 0.
     *
     * @param x a tensor
     * @return a tensor of the same shape
     */
    public static Tensor relu(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * {@code log(1 + exp(x))} of every element, computed without overflow for large
     * {@code x}; a smooth {@link #relu(Tensor) relu}.
     *
     * @param x a floating tensor
     * @return a tensor of the same shape
     */
    public static Tensor softplus(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The exponential {@code e^x} of every element.
     *
     * @param x a floating tensor
     * @return a tensor of the same shape
     */
    public static Tensor exp(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The natural logarithm of every element: {@code -Infinity} at 0, {@code NaN} below.
     * {@code log(1 + x)} is compiled as {@link #log1p(Tensor) log1p} and
     * {@code log(softmax(x))} as {@link #logSoftmax(Tensor) logSoftmax}.
     *
     * @param x a floating tensor
     * @return a tensor of the same shape
     */
    public static Tensor log(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * {@code log(1 + x)} of every element, accurate for {@code x} near 0.
     *
     * @param x a floating tensor
     * @return a tensor of the same shape
     */
    public static Tensor log1p(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The square root of every element; {@code NaN} for negative elements.
     *
     * @param x a floating tensor
     * @return a tensor of the same shape
     */
    public static Tensor sqrt(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The square {@code x * x} of every element. {@code sum(square(w))} is the usual L2
     * penalty.
     *
     * @param x a tensor
     * @return a tensor of the same shape
     */
    public static Tensor square(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The absolute value of every element. Its gradient at 0 is taken as 0.
     *
     * @param x a tensor
     * @return a tensor of the same shape
     */
    public static Tensor abs(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The sign of every element: -1, 0 or 1, in the dtype of {@code x}. Its gradient is 0.
     *
     * @param x a tensor
     * @return a tensor of the same shape
     */
    public static Tensor sign(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * Raises every element to a constant power; the same as {@code x.pow(exponent)}.
     *
     * @param x        the bases
     * @param exponent the power
     * @return a tensor of the same shape
     */
    public static Tensor pow(Tensor x, double exponent) {
        throw NotExecutable.here();
    }

    /**
     * Elementwise power, with broadcasting; the same as {@code x.pow(exponent)}.
     *
     * @param x        the bases
     * @param exponent the powers
     * @return a tensor of the broadcast shape
     */
    public static Tensor pow(Tensor x, Tensor exponent) {
        throw NotExecutable.here();
    }

    /**
     * The larger of {@code a} and {@code b} at each position, with broadcasting. The gradient
     * flows to the larger operand ({@code a} on ties). For the largest element along an axis
     * use {@link #max(Tensor, int) max}.
     *
     * @param a a tensor
     * @param b a tensor
     * @return a tensor of the broadcast shape
     */
    public static Tensor maximum(Tensor a, Tensor b) {
        throw NotExecutable.here();
    }

    /**
     * The larger of each element and a constant: {@code maximum(x, 0)} is
     * {@link #relu(Tensor) relu}.
     *
     * @param x     a tensor
     * @param value the constant
     * @return a tensor of the same shape
     */
    public static Tensor maximum(Tensor x, double value) {
        throw NotExecutable.here();
    }

    /**
     * The smaller of {@code a} and {@code b} at each position, with broadcasting. The gradient
     * flows to the smaller operand ({@code a} on ties).
     *
     * @param a a tensor
     * @param b a tensor
     * @return a tensor of the broadcast shape
     */
    public static Tensor minimum(Tensor a, Tensor b) {
        throw NotExecutable.here();
    }

    /**
     * The smaller of each element and a constant.
     *
     * @param x     a tensor
     * @param value the constant
     * @return a tensor of the same shape
     */
    public static Tensor minimum(Tensor x, double value) {
        throw NotExecutable.here();
    }

    /**
     * Chooses elementwise between two tensors, with broadcasting of all three arguments:
     * {@code cond ? a : b} at each position. The gradient flows to the chosen branch only.
     * For example {@code where(x.gt(0), x, x.times(0.01))} is a leaky rectifier.
     *
     * @param cond a {@code BOOL} tensor, typically a comparison
     * @param a    the values where {@code cond} is true
     * @param b    the values where {@code cond} is false
     * @return a tensor of the broadcast shape
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        throw NotExecutable.here();
    }

    /**
     * Chooses elementwise between a tensor and a constant: {@code cond ? a : b}, with
     * broadcasting. {@code where(mask, x, 0)} zeroes the masked-out positions.
     *
     * @param cond a {@code BOOL} tensor
     * @param a    the values where {@code cond} is true
     * @param b    the constant where {@code cond} is false
     * @return a tensor of the broadcast shape
     */
    public static Tensor where(Tensor cond, Tensor a, double b) {
        throw NotExecutable.here();
    }

    /**
     * Chooses elementwise between a constant and a tensor: {@code cond ? a : b}, with
     * broadcasting.
     *
     * @param cond a {@code BOOL} tensor
     * @param a    the constant where {@code cond} is true
     * @param b    the values where {@code cond} is false
     * @return a tensor of the broadcast shape
     */
    public static Tensor where(Tensor cond, double a, Tensor b) {
        throw NotExecutable.here();
    }

    /**
     * Chooses elementwise between two constants: {@code cond ? a : b}.
     * {@code where(y.eq(0), 1, 0)} turns a condition into numbers.
     *
     * @param cond a {@code BOOL} tensor
     * @param a    the constant where {@code cond} is true
     * @param b    the constant where {@code cond} is false
     * @return a {@code FLOAT32} tensor of the shape of {@code cond}
     */
    public static Tensor where(Tensor cond, double a, double b) {
        throw NotExecutable.here();
    }

    /**
     * Limits every element to {@code [lo, hi]}: {@code minimum(maximum(x, lo), hi)}. The
     * gradient is 0 where the value was clipped.
     *
     * @param x  a tensor
     * @param lo the lower bound
     * @param hi the upper bound, not below {@code lo}
     * @return a tensor of the same shape
     */
    public static Tensor clip(Tensor x, double lo, double hi) {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Reductions
    // ----------------------------------------------------------------------------------

    /**
     * The sum of all elements.
     *
     * @param x a tensor
     * @return a scalar
     */
    public static Tensor sum(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * Sums along one axis, removing it: {@code sum(m, 0)} of a matrix {@code [rows, cols]} is
     * the vector {@code [cols]} of column sums.
     *
     * @param x    a tensor
     * @param axis the axis to reduce
     * @return a tensor with one dim fewer
     */
    public static Tensor sum(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * Sums along one axis, keeping it with length 1 if {@code keepdims} is set, so that the
     * result broadcasts against {@code x}: {@code x.div(sum(x, -1, true))} normalizes rows.
     *
     * @param x        a tensor
     * @param axis     the axis to reduce
     * @param keepdims whether to keep the reduced axis with length 1
     * @return the sums
     */
    public static Tensor sum(Tensor x, int axis, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * Sums along several axes: {@code sum(images, new int[] {1, 2}, false)} turns
     * {@code [batch, 28, 28]} into {@code [batch]}.
     *
     * @param x        a tensor
     * @param axes     distinct axes to reduce; an empty array reduces nothing
     * @param keepdims whether to keep the reduced axes with length 1
     * @return the sums
     */
    public static Tensor sum(Tensor x, int[] axes, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * The mean of all elements.
     *
     * @param x a tensor
     * @return a floating scalar
     */
    public static Tensor mean(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * Averages along one axis, removing it: {@code mean(x, 0)} of {@code [batch, features]}
     * is the vector {@code [features]} of feature means.
     *
     * @param x    a tensor
     * @param axis the axis to reduce
     * @return a floating tensor with one dim fewer
     */
    public static Tensor mean(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * Averages along one axis, keeping it with length 1 if {@code keepdims} is set:
     * {@code x.minus(mean(x, -1, true))} centers each row.
     *
     * @param x        a tensor
     * @param axis     the axis to reduce
     * @param keepdims whether to keep the reduced axis with length 1
     * @return the floating means
     */
    public static Tensor mean(Tensor x, int axis, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * Averages along several axes.
     *
     * @param x        a tensor
     * @param axes     distinct axes to reduce; an empty array reduces nothing
     * @param keepdims whether to keep the reduced axes with length 1
     * @return the floating means
     */
    public static Tensor mean(Tensor x, int[] axes, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * The largest element. The gradient flows to the elements equal to it.
     *
     * @param x a tensor
     * @return a scalar
     */
    public static Tensor max(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The largest element along one axis, removing it. For the elementwise larger of two
     * tensors use {@link #maximum(Tensor, Tensor) maximum}; for the position of the largest
     * element, {@link #argmax(Tensor, int) argmax}.
     *
     * @param x    a tensor
     * @param axis the axis to reduce
     * @return a tensor with one dim fewer
     */
    public static Tensor max(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * The largest element along one axis, keeping it with length 1 if {@code keepdims} is
     * set: {@code x.minus(max(x, -1, true))} shifts each row so its maximum is 0.
     *
     * @param x        a tensor
     * @param axis     the axis to reduce
     * @param keepdims whether to keep the reduced axis with length 1
     * @return the maxima
     */
    public static Tensor max(Tensor x, int axis, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * The largest element along several axes.
     *
     * @param x        a tensor
     * @param axes     distinct axes to reduce; an empty array reduces nothing
     * @param keepdims whether to keep the reduced axes with length 1
     * @return the maxima
     */
    public static Tensor max(Tensor x, int[] axes, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * The smallest element. The gradient flows to the elements equal to it.
     *
     * @param x a tensor
     * @return a scalar
     */
    public static Tensor min(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The smallest element along one axis, removing it.
     *
     * @param x    a tensor
     * @param axis the axis to reduce
     * @return a tensor with one dim fewer
     */
    public static Tensor min(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * The smallest element along one axis, keeping it with length 1 if {@code keepdims} is
     * set.
     *
     * @param x        a tensor
     * @param axis     the axis to reduce
     * @param keepdims whether to keep the reduced axis with length 1
     * @return the minima
     */
    public static Tensor min(Tensor x, int axis, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * The smallest element along several axes.
     *
     * @param x        a tensor
     * @param axes     distinct axes to reduce; an empty array reduces nothing
     * @param keepdims whether to keep the reduced axes with length 1
     * @return the minima
     */
    public static Tensor min(Tensor x, int[] axes, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * The position of the largest element along an axis, the first one on ties:
     * {@code argmax(probabilities, 1)} is the predicted class of each row. Not
     * differentiable.
     *
     * @param x    a tensor
     * @param axis the axis to search
     * @return an {@code INT32} tensor with one dim fewer
     */
    public static Tensor argmax(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * The position of the largest element along an axis, keeping the axis with length 1 if
     * {@code keepdims} is set.
     *
     * @param x        a tensor
     * @param axis     the axis to search
     * @param keepdims whether to keep the searched axis with length 1
     * @return an {@code INT32} tensor of positions
     */
    public static Tensor argmax(Tensor x, int axis, boolean keepdims) {
        throw NotExecutable.here();
    }

    /**
     * The position of the smallest element along an axis, the first one on ties. Not
     * differentiable.
     *
     * @param x    a tensor
     * @param axis the axis to search
     * @return an {@code INT32} tensor with one dim fewer
     */
    public static Tensor argmin(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * The position of the smallest element along an axis, keeping the axis with length 1 if
     * {@code keepdims} is set.
     *
     * @param x        a tensor
     * @param axis     the axis to search
     * @param keepdims whether to keep the searched axis with length 1
     * @return an {@code INT32} tensor of positions
     */
    public static Tensor argmin(Tensor x, int axis, boolean keepdims) {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Classification
    // ----------------------------------------------------------------------------------

    /**
     * Softmax along the last axis: {@code exp(x) / sum(exp(x), -1, true)}, computed as
     * {@code exp(x - max)} so that it never overflows. Each row of {@code [batch, classes]}
     * logits becomes a probability distribution.
     *
     * @param x floating logits
     * @return probabilities of the same shape, summing to 1 along the last axis
     */
    public static Tensor softmax(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * Softmax along the given axis.
     *
     * @param x    floating logits
     * @param axis the axis along which the result sums to 1
     * @return probabilities of the same shape
     */
    public static Tensor softmax(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * The logarithm of the softmax along the last axis, {@code x - max - log(sum(exp(x -
     * max)))}: accurate where {@code log(softmax(x))} would give {@code -Infinity}.
     *
     * @param x floating logits
     * @return log-probabilities of the same shape
     */
    public static Tensor logSoftmax(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * The logarithm of the softmax along the given axis.
     *
     * @param x    floating logits
     * @param axis the axis of the distribution
     * @return log-probabilities of the same shape
     */
    public static Tensor logSoftmax(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * Categorical cross-entropy between predicted distributions along the last axis and
     * targets given either way:
     * <ul>
     *   <li>{@code INT32} class labels with one dim fewer ({@code [batch]} for
     *       {@code [batch, classes]}): {@code -log p[i, y[i]]} for each row {@code i}, the
     *       negative log-likelihood;</li>
     *   <li>a floating tensor of the same shape, one-hot or soft targets:
     *       {@code -sum(t * log(p), -1)}.</li>
     * </ul>
     * {@code crossentropy(softmax(z), y)} is compiled into one numerically stable operation
     * whose gradient with respect to {@code z} is {@code softmax(z) - oneHot(y)}.
     *
     * <pre>{@code
     * @Loss Tensor cost() { return mean(crossentropy(probabilities(), labels)); }
     * }</pre>
     *
     * @param probabilities predicted probabilities, each row summing to 1
     * @param targets       class labels or target distributions
     * @return the loss of each row: the shape of {@code probabilities} without its last axis
     */
    public static Tensor crossentropy(Tensor probabilities, Tensor targets) {
        throw NotExecutable.here();
    }

    /**
     * Binary cross-entropy, elementwise: {@code -(t * log(p) + (1 - t) * log(1 - p))}.
     * {@code binaryCrossentropy(sigmoid(z), t)} is compiled into the stable form
     * {@code softplus(z) - t * z}.
     *
     * @param p       predicted probabilities in {@code (0, 1)}
     * @param targets floating targets in {@code [0, 1]}, broadcast against {@code p}
     * @return the loss of each element, in the broadcast shape
     */
    public static Tensor binaryCrossentropy(Tensor p, Tensor targets) {
        throw NotExecutable.here();
    }

    /**
     * Turns class labels into one-hot rows of {@code FLOAT32}: a label {@code k} becomes a
     * row with 1 at position {@code k} and 0 elsewhere; a label outside
     * {@code 0 .. classes-1} becomes a row of zeros. {@code [batch]} labels give
     * {@code [batch, classes]}.
     *
     * @param labels  an {@code INT32} tensor
     * @param classes the number of classes
     * @return a {@code FLOAT32} tensor with an extra last axis of length {@code classes}
     */
    public static Tensor oneHot(Tensor labels, int classes) {
        throw NotExecutable.here();
    }

    /**
     * Turns class labels into one-hot rows of the given dtype, as
     * {@link #oneHot(Tensor, int)}.
     *
     * @param labels  an {@code INT32} tensor
     * @param classes the number of classes
     * @param dtype   the dtype of the result
     * @return a tensor with an extra last axis of length {@code classes}
     */
    public static Tensor oneHot(Tensor labels, int classes, DType dtype) {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Construction
    // ----------------------------------------------------------------------------------

    /**
     * Joins tensors along an existing axis. They must have the same rank and the same dims
     * except along {@code axis}, whose lengths add up; dtypes are widened as in
     * {@link Tensor}. {@code concat(1, a, b)} of {@code [batch, 3]} and {@code [batch, 5]}
     * gives {@code [batch, 8]}.
     *
     * @param axis the axis to join along
     * @param xs   at least one tensor
     * @return the joined tensor
     */
    public static Tensor concat(int axis, Tensor... xs) {
        throw NotExecutable.here();
    }

    /**
     * Stacks tensors of the same shape along a new axis inserted at {@code axis} (negative
     * counts from the end of the result). {@code stack(0, a, b, c)} of three {@code [n]}
     * vectors gives {@code [3, n]}; {@code stack(-1, a, b, c)} gives {@code [n, 3]}.
     *
     * @param axis the position of the new axis in the result
     * @param xs   at least one tensor, all of the same shape
     * @return a tensor with one more dim, of length {@code xs.length}
     */
    public static Tensor stack(int axis, Tensor... xs) {
        throw NotExecutable.here();
    }

    /**
     * Reverses the order of the entries along an axis, Python's {@code x[::-1]} for axis 0.
     * It aligns the output of a {@link ScanBuilder#backwards() backwards} scan with its input:
     * {@code flip(backwardStates, 0)}.
     *
     * @param x    a tensor
     * @param axis the axis to reverse
     * @return a view of the same shape
     */
    public static Tensor flip(Tensor x, int axis) {
        throw NotExecutable.here();
    }

    /**
     * A tensor of zeros with the shape and dtype of {@code x}.
     *
     * @param x a tensor
     * @return zeros shaped like {@code x}
     */
    public static Tensor zerosLike(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * A tensor of ones with the shape and dtype of {@code x}.
     *
     * @param x a tensor
     * @return ones shaped like {@code x}
     */
    public static Tensor onesLike(Tensor x) {
        throw NotExecutable.here();
    }

    /**
     * A {@code FLOAT32} scalar constant. Arithmetic with a plain number ({@code x.plus(1)})
     * needs no {@code constant}; this is for places that want a {@code Tensor}, such as an
     * initial state.
     *
     * @param value the value
     * @return a scalar
     */
    public static Tensor constant(double value) {
        throw NotExecutable.here();
    }

    /**
     * A {@code FLOAT32} vector constant, written as an array creation expression or a
     * {@code static final} array: {@code constant(new double[] {0.2, 0.3, 0.5})}.
     *
     * @param values the elements
     * @return a vector {@code [values.length]}
     */
    public static Tensor constant(double[] values) {
        throw NotExecutable.here();
    }

    /**
     * A {@code FLOAT32} matrix constant, written as an array creation expression or a
     * {@code static final} array whose rows all have the same length:
     * {@code constant(new double[][] {{1, 0}, {0, 1}})}.
     *
     * @param values the rows
     * @return a matrix {@code [rows, columns]}
     */
    public static Tensor constant(double[][] values) {
        throw NotExecutable.here();
    }

    /**
     * A {@code FLOAT32} tensor filled with one value, its shape written as in
     * {@link Input#shape()}; named dims are those of the model, e.g. {@code batch} bound by
     * the inputs of the call. {@code constant(0, "batch, hidden")} is a typical initial state
     * of a recurrent layer.
     *
     * @param value the value of every element
     * @param shape the dims, comma-separated; empty for a scalar
     * @return the filled tensor
     */
    public static Tensor constant(double value, String shape) {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Differentiation and updates
    // ----------------------------------------------------------------------------------

    /**
     * The gradient of a scalar cost with respect to a tensor it depends on (Theano's
     * {@code theano.grad}), derived symbolically at compile time. {@code wrt} is usually a
     * {@link Shared @Shared} field but may be any floating tensor of the graph, an input for
     * instance. It is a compile error if {@code cost} does not depend on {@code wrt}.
     *
     * <pre>{@code
     * update(w, w.minus(grad(cost(), w).times(learningRate)));
     * }</pre>
     *
     * @param cost a floating scalar, typically the {@link Loss @Loss}
     * @param wrt  the tensor to differentiate with respect to
     * @return {@code d cost / d wrt}, with the shape and dtype of {@code wrt}
     */
    public static Tensor grad(Tensor cost, Tensor wrt) {
        throw NotExecutable.here();
    }

    /**
     * The gradients of a scalar cost with respect to several tensors, sharing one backward
     * pass; otherwise as {@link #grad(Tensor, Tensor)}.
     *
     * <pre>{@code
     * Tensor[] g = grads(cost(), w, b);
     * update(w, w.minus(g[0].times(learningRate)));
     * update(b, b.minus(g[1].times(learningRate)));
     * }</pre>
     *
     * @param cost a floating scalar
     * @param wrt  the tensors to differentiate with respect to
     * @return the gradients, in the order of {@code wrt}
     */
    public static Tensor[] grads(Tensor cost, Tensor... wrt) {
        throw NotExecutable.here();
    }

    /**
     * States the new value of a {@link Shared @Shared} variable, inside an
     * {@link Updates @Updates} method (Theano's {@code updates=[(shared, newValue)]}). The new
     * value must have the shape of the variable and is converted to its dtype. All the new
     * values of one {@code @Updates} method are computed from the values before the call and
     * assigned together; a variable may be updated at most once per method, counting the
     * updates made by optimizers.
     *
     * @param shared   a {@code @Shared} field
     * @param newValue its value after the call
     */
    public static void update(Tensor shared, Tensor newValue) {
        throw NotExecutable.here();
    }

    /**
     * All the {@link Shared @Shared} variables of the model, in declaration order, for loops
     * that the processor unrolls at compile time:
     *
     * <pre>{@code
     * for (Tensor w : shared())
     *     update(w, w.minus(grad(cost(), w).times(learningRate)));
     * }</pre>
     *
     * The state created by optimizers is not listed.
     *
     * @return the shared variables
     */
    public static List<Tensor> shared() {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Optimizers
    // ----------------------------------------------------------------------------------

    /**
     * Plain stochastic gradient descent, for use in an {@link Updates @Updates} method. For
     * every floating {@link Shared @Shared} variable {@code w} that the cost depends on, with
     * {@code g = grad(cost, w)}: {@code w <- w - learningRate * g}. Other shared variables are
     * left alone.
     *
     * <p>Like every optimizer it expands at compile time into ordinary
     * {@link #update(Tensor, Tensor) updates}; hyper-parameters may be literals, constants or
     * {@link Hyper @Hyper} fields. Give the {@code @Updates} method another name than the
     * optimizer ({@code train}, {@code sgdStep}): a model method named {@code sgd} would hide
     * this one.
     *
     * <pre>{@code
     * @Updates void train() { sgd(cost(), learningRate); }
     * }</pre>
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size
     */
    public static void sgd(Tensor cost, double learningRate) {
        throw NotExecutable.here();
    }

    /**
     * Stochastic gradient descent with momentum, for use in an {@link Updates @Updates}
     * method. For every floating {@link Shared @Shared} variable {@code w} that the cost
     * depends on, with {@code g = grad(cost, w)} and a velocity {@code v} (model state,
     * initially zero, shaped like {@code w}):
     * {@code v <- momentum * v - learningRate * g; w <- w + v}.
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size
     * @param momentum     the decay of the velocity, typically 0.9
     */
    public static void momentum(Tensor cost, double learningRate, double momentum) {
        throw NotExecutable.here();
    }

    /**
     * Stochastic gradient descent with Nesterov momentum, for use in an
     * {@link Updates @Updates} method. For every floating {@link Shared @Shared} variable
     * {@code w} that the cost depends on, with {@code g = grad(cost, w)} and a velocity
     * {@code v} (model state, initially zero):
     * {@code v <- momentum * v - learningRate * g; w <- w + momentum * v - learningRate * g},
     * using the new {@code v}.
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size
     * @param momentum     the decay of the velocity, typically 0.9
     */
    public static void nesterov(Tensor cost, double learningRate, double momentum) {
        throw NotExecutable.here();
    }

    /**
     * Adam with the usual constants {@code beta1 = 0.9}, {@code beta2 = 0.999},
     * {@code epsilon = 1e-8}; see {@link #adam(Tensor, double, double, double, double)}.
     *
     * <pre>{@code
     * @Updates void train() { adam(cost(), 1e-3); }
     * }</pre>
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size, typically 1e-3
     */
    public static void adam(Tensor cost, double learningRate) {
        throw NotExecutable.here();
    }

    /**
     * Adam (Kingma and Ba, 2015), for use in an {@link Updates @Updates} method. The model
     * keeps a step counter {@code t}, initially 0, and for every floating
     * {@link Shared @Shared} variable {@code w} that the cost depends on two moments
     * {@code m} and {@code v}, initially zero. With {@code g = grad(cost, w)}, each step does
     * {@code t <- t + 1;
     * m <- beta1 * m + (1 - beta1) * g;
     * v <- beta2 * v + (1 - beta2) * g^2;
     * w <- w - learningRate * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)}.
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size
     * @param beta1        the decay of the first moment, typically 0.9
     * @param beta2        the decay of the second moment, typically 0.999
     * @param epsilon      the small constant that keeps the division finite, typically 1e-8
     */
    public static void adam(Tensor cost, double learningRate, double beta1, double beta2,
                            double epsilon) {
        throw NotExecutable.here();
    }

    /**
     * RMSprop with {@code rho = 0.9} and {@code epsilon = 1e-6}; see
     * {@link #rmsprop(Tensor, double, double, double)}.
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size, typically 1e-3
     */
    public static void rmsprop(Tensor cost, double learningRate) {
        throw NotExecutable.here();
    }

    /**
     * RMSprop (Tieleman and Hinton), for use in an {@link Updates @Updates} method. For every
     * floating {@link Shared @Shared} variable {@code w} that the cost depends on, with
     * {@code g = grad(cost, w)} and an accumulator {@code a} (model state, initially zero):
     * {@code a <- rho * a + (1 - rho) * g^2; w <- w - learningRate * g / sqrt(a + epsilon)}.
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size
     * @param rho          the decay of the accumulator, typically 0.9
     * @param epsilon      the small constant that keeps the division finite, typically 1e-6
     */
    public static void rmsprop(Tensor cost, double learningRate, double rho, double epsilon) {
        throw NotExecutable.here();
    }

    /**
     * Adagrad with {@code epsilon = 1e-6}; see {@link #adagrad(Tensor, double, double)}.
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size, typically 0.01
     */
    public static void adagrad(Tensor cost, double learningRate) {
        throw NotExecutable.here();
    }

    /**
     * Adagrad (Duchi et al., 2011), for use in an {@link Updates @Updates} method. For every
     * floating {@link Shared @Shared} variable {@code w} that the cost depends on, with
     * {@code g = grad(cost, w)} and an accumulator {@code a} (model state, initially zero):
     * {@code a <- a + g^2; w <- w - learningRate * g / sqrt(a + epsilon)}.
     *
     * @param cost         the floating scalar to minimize
     * @param learningRate the step size
     * @param epsilon      the small constant that keeps the division finite, typically 1e-6
     */
    public static void adagrad(Tensor cost, double learningRate, double epsilon) {
        throw NotExecutable.here();
    }

    // ----------------------------------------------------------------------------------
    // Scan: loops over time. One overload per step shape; see ScanBuilder.
    //
    // javac -Xlint:overloads notes that an implicitly typed lambda would match both
    // scan(Scan.StepN) and scan(Scan.MultiStepN). Steps are @Scan methods passed as exact
    // method references, whose return type (Tensor or Tensor[]) picks one overload.
    // ----------------------------------------------------------------------------------

    /**
     * Starts a loop over a {@link Scan @Scan} step method with one parameter that returns the
     * next state. The {@link ScanBuilder} says what the parameter receives.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.Step1 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with two parameters that returns the
     * next state. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.Step2 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with three parameters that returns
     * the next state. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.Step3 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with four parameters that returns
     * the next state. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.Step4 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with five parameters that returns
     * the next state. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.Step5 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with six parameters that returns the
     * next state. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.Step6 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with one parameter that returns
     * several tensors ({@code new Tensor[] {h, c}}). The {@link ScanBuilder} says what the
     * parameter receives.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.MultiStep1 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with two parameters that returns
     * several tensors. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.MultiStep2 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with three parameters that returns
     * several tensors. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.MultiStep3 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with four parameters that returns
     * several tensors. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.MultiStep4 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with five parameters that returns
     * several tensors. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.MultiStep5 step) {
        throw NotExecutable.here();
    }

    /**
     * Starts a loop over a {@link Scan @Scan} step method with six parameters that returns
     * several tensors. The {@link ScanBuilder} says what the parameters receive.
     *
     * @param step the step, as a method reference: {@code scan(this::step)}
     * @return the loop, to configure and finish
     */
    @SuppressWarnings("overloads")
    public static ScanBuilder scan(Scan.MultiStep6 step) {
        throw NotExecutable.here();
    }
}
