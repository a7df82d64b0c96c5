package dev.javano.examples;

import dev.javano.*;
import static dev.javano.Ops.*;

/**
 * A long short-term memory network (Hochreiter and Schmidhuber) reading each image row by row,
 * as {@link Rnn} does, with two states: the output {@code h} and the memory cell {@code c}.
 *
 * <p>At every step four gates look at the row and at {@code h}: the input gate {@code i}
 * decides how much of the candidate {@code g} enters the cell, the forget gate {@code f} how
 * much of the old cell stays, and the output gate {@code o} how much of the cell shows in
 * {@code h}:
 * <pre>
 * c_t = f ⊙ c_{t-1} + i ⊙ g        h_t = o ⊙ tanh(c_t)
 * </pre>
 * The step returns both new states, {@code new Tensor[] {h, c}}, in the order of
 * {@code states(h0, c0)}; {@code last()} is the final {@code h}. Each gate has its own weights,
 * written out as in the deeplearning.net LSTM tutorial, and one {@link #gate} method computes any
 * of them. The generated code computes the four input projections of all 28 rows as four
 * matrix products before the loop, and sums the weight gradients over time after the reverse
 * loop.
 */
@Model
abstract class Lstm {
    @Input(shape = "batch, 784") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wxi;
    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wxf;
    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wxo;
    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wxg;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor whi;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor whf;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor who;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor whg;
    @Shared(shape = "hidden") Tensor bi;
    @Shared(shape = "hidden", init = Init.ONES) Tensor bf;   // remember by default at the start
    @Shared(shape = "hidden") Tensor bo;
    @Shared(shape = "hidden") Tensor bg;
    @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor wy;
    @Shared(shape = "10") Tensor by;

    @Hyper double learningRate = 0.1;

    /** A gate's pre-activation: {@code row·wx + h·wh + b}. */
    Tensor gate(Tensor row, Tensor h, Tensor wx, Tensor wh, Tensor b) {
        return row.dot(wx).plus(h.dot(wh)).plus(b);
    }

    /** One step: the new output and the new memory cell. */
    @Scan Tensor[] step(Tensor row, Tensor h, Tensor c) {
        Tensor i = sigmoid(gate(row, h, wxi, whi, bi));
        Tensor f = sigmoid(gate(row, h, wxf, whf, bf));
        Tensor o = sigmoid(gate(row, h, wxo, who, bo));
        Tensor g = tanh(gate(row, h, wxg, whg, bg));
        Tensor cNew = f.times(c).plus(i.times(g));
        return new Tensor[] {o.times(tanh(cNew)), cNew};
    }

    Tensor rows() { return x.reshape("batch, 28, 28").transpose(1, 0, 2); }

    Tensor encode() {
        Tensor zero = constant(0, "batch, hidden");
        return scan(this::step).sequences(rows()).states(zero, zero).last();
    }

    @Output Tensor probabilities() { return softmax(encode().dot(wy).plus(by)); }
    @Output Tensor predictedClass() { return argmax(probabilities(), 1); }

    @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }

    @Updates void train() { sgd(cost(), learningRate); }
}
