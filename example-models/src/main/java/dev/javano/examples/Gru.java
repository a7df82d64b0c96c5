package dev.javano.examples;

import dev.javano.*;
import static dev.javano.Ops.*;

/**
 * A gated recurrent unit network (Cho et al.) reading each image row by row, as {@link Rnn}
 * does: one state, like the Elman network, but with gates that decide how much of it to keep.
 *
 * <p>The update gate {@code z} blends the old state with a candidate {@code n}, which sees the
 * old state only through the reset gate {@code r}:
 * <pre>
 * z = σ(row·wz + h·uz + bz)       r = σ(row·wr + h·ur + br)
 * n = tanh(row·wn + (r ⊙ h)·un + bn)
 * h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
 * </pre>
 */
@Model
abstract class Gru {
    @Input(shape = "batch, 784") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wz;
    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wr;
    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wn;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor uz;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor ur;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor un;
    @Shared(shape = "hidden") Tensor bz;
    @Shared(shape = "hidden") Tensor br;
    @Shared(shape = "hidden") Tensor bn;
    @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor wy;
    @Shared(shape = "10") Tensor by;

    @Hyper double learningRate = 0.1;

    /** One step: the old state blended with the candidate. */
    @Scan Tensor step(Tensor row, Tensor h) {
        Tensor z = sigmoid(row.dot(wz).plus(h.dot(uz)).plus(bz));
        Tensor r = sigmoid(row.dot(wr).plus(h.dot(ur)).plus(br));
        Tensor n = tanh(row.dot(wn).plus(r.times(h).dot(un)).plus(bn));
        return n.minus(z.times(n)).plus(z.times(h));
    }

    Tensor rows() { return x.reshape("batch, 28, 28").transpose(1, 0, 2); }

    Tensor encode() { return scan(this::step).sequences(rows()).states(constant(0, "batch, hidden")).last(); }

    @Output Tensor probabilities() { return softmax(encode().dot(wy).plus(by)); }
    @Output Tensor predictedClass() { return argmax(probabilities(), 1); }

    @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }

    @Updates void train() { sgd(cost(), learningRate); }
}
