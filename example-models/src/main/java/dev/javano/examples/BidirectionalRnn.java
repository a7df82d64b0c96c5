package dev.javano.examples;

import dev.javano.*;
import static dev.javano.Ops.*;

/**
 * A bidirectional Elman network: one recurrence reads the rows of an image top to bottom, a
 * second (with its own weights) bottom to top, and the classifier sees both final states. The
 * second loop is the same kind of {@code @Scan} step run with {@code backwards()}; the weights
 * each loop uses are passed as non-sequences, so one step method serves both directions.
 *
 * <p>Where a model needs the states of every step in input order (a tagger, say),
 * {@code flip(scan(...).backwards().output(), 0)} aligns the backward states with the forward
 * ones; this classifier needs only the last state of each direction.
 */
@Model
abstract class BidirectionalRnn {
    @Input(shape = "batch, 784") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wxDown;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor whDown;
    @Shared(shape = "hidden") Tensor bDown;
    @Shared(shape = "28, hidden", init = Init.GLOROT_UNIFORM) Tensor wxUp;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor whUp;
    @Shared(shape = "hidden") Tensor bUp;
    @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor wyDown;
    @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor wyUp;
    @Shared(shape = "10") Tensor by;

    @Hyper double learningRate = 0.05;

    /** One Elman step with the weights of its direction. */
    @Scan Tensor step(Tensor row, Tensor h, Tensor wx, Tensor wh, Tensor b) {
        return tanh(row.dot(wx).plus(h.dot(wh)).plus(b));
    }

    Tensor rows() { return x.reshape("batch, 28, 28").transpose(1, 0, 2); }

    @Output Tensor probabilities() {
        Tensor h0 = constant(0, "batch, hidden");
        Tensor down = scan(this::step).sequences(rows()).states(h0).nonSequences(wxDown, whDown, bDown).last();
        Tensor up = scan(this::step).sequences(rows()).states(h0).nonSequences(wxUp, whUp, bUp).backwards().last();
        return softmax(down.dot(wyDown).plus(up.dot(wyUp)).plus(by));
    }

    @Output Tensor predictedClass() { return argmax(probabilities(), 1); }

    @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }

    @Updates void train() { sgd(cost(), learningRate); }
}
