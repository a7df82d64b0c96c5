package dev.javano.samples;

import dev.javano.*;
import static dev.javano.Ops.*;

/**
 * An Elman network over a time-major sequence, classifying it by its last hidden state; its
 * step also returns a per-step prediction that is not fed back.
 */
@Model
abstract class ElmanClassifier {
    static final int FEATURES = 40;
    static final int CLASSES = 10;

    @Input(shape = "batch, time, FEATURES") Tensor batchMajor;
    @Input(shape = "batch", dtype = DType.INT32) Tensor label;

    @Shared(shape = "FEATURES, hidden", init = Init.GLOROT_UNIFORM) Tensor wx;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor wh;
    @Shared(shape = "hidden") Tensor b;
    @Shared(shape = "hidden, CLASSES", init = Init.GLOROT_UNIFORM) Tensor v;

    @Hyper double learningRate = 0.01;
    @Hyper double momentum = 0.9;

    /** Sequence element, previous state; the weights are captured. */
    @Scan Tensor[] step(Tensor xt, Tensor h) {
        Tensor hNew = tanh(xt.dot(wx).plus(h.dot(wh)).plus(b));
        return new Tensor[] {hNew, softmax(hNew.dot(v))};
    }

    @Output Tensor probabilities() {
        Tensor x = batchMajor.transpose(1, 0, 2);                  // [time, batch, FEATURES]
        return scan(this::step).sequences(x).states(constant(0, "batch, hidden")).last(1);
    }

    @Output Tensor predictionsOverTime() {
        Tensor x = batchMajor.transpose(1, 0, 2);
        return scan(this::step).sequences(x).states(constant(0, "batch, hidden"))
                .output(1);                                        // [time, batch, CLASSES]
    }

    @Output Tensor accuracy() {
        return mean(argmax(probabilities(), 1).eq(label).asFloat());
    }

    @Loss Tensor cost() {
        return mean(crossentropy(probabilities(), label));
    }

    @Updates void train() {
        nesterov(cost(), learningRate, momentum);
    }
}
