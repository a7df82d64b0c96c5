package dev.javano.examples;

import dev.javano.*;
import static dev.javano.Ops.*;

/**
 * An Elman recurrent network reading each image as a sequence: 28 steps of 28 pixels, one row
 * of the image per step (the RNN workload of the benchmarks).
 *
 * <p>At step t the hidden state takes in row t and its own previous value:
 * {@code h_t = tanh(row_t · wx + h_{t-1} · wh + bh)}, starting from {@code h_0 = 0}; after the
 * last row, a softmax layer reads {@code h_28} and predicts the class. The step is the
 * {@code @Scan} method {@link #step}; {@code scan(this::step)} runs it over the rows, and
 * {@code last()} keeps only the final state, so no step's state is stored that the gradient
 * does not need. Training differentiates through the loop (back-propagation through time):
 * the generated code runs the loop forwards, then a second loop backwards that carries the
 * gradient of the state from step to step and sums the weight gradients.
 *
 * <p>The images arrive batch-major, {@code [batch, 784]}; {@link #rows} views them as
 * {@code [batch, 28, 28]} and makes time the leading axis, {@code [28, batch, 28]}, as
 * {@code scan} expects of its sequences.
 */
@Model
abstract class Rnn {
    @Input(shape = "batch, 784") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wx;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor wh;
    @Shared(shape = "hidden") Tensor bh;
    @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor wy;
    @Shared(shape = "10") Tensor by;

    @Hyper double learningRate = 0.05;

    /** One step: the new hidden state from the current row and the previous state. */
    @Scan Tensor step(Tensor row, Tensor h) {
        return tanh(row.dot(wx).plus(h.dot(wh)).plus(bh));
    }

    /** The images as 28 rows over time: {@code [28, batch, 28]}. */
    Tensor rows() { return x.reshape("batch, 28, 28").transpose(1, 0, 2); }

    /** The hidden state after the last row. */
    Tensor encode() {
        return scan(this::step).sequences(rows()).states(constant(0, "batch, hidden")).last();
    }

    @Output Tensor probabilities() { return softmax(encode().dot(wy).plus(by)); }
    @Output Tensor predictedClass() { return argmax(probabilities(), 1); }

    @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }

    @Updates void train() { sgd(cost(), learningRate); }
}
