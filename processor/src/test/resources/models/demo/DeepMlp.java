package demo;

import dev.javano.*;
import static dev.javano.Ops.*;

/** Three hidden layers, each a call of one layer method, unrolled by a loop over a compile-time range. */
@Model
abstract class DeepMlp {
    static final int LAYERS = 3;
    static final int CLASSES = 10;

    @Input(shape = "batch, 784") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "784, hidden", init = Init.HE_NORMAL) Tensor w1;
    @Shared(shape = "hidden") Tensor b1;
    @Shared(shape = "hidden, hidden", init = Init.HE_NORMAL) Tensor w2;
    @Shared(shape = "hidden") Tensor b2;
    @Shared(shape = "hidden, hidden", init = Init.HE_NORMAL) Tensor w3;
    @Shared(shape = "hidden") Tensor b3;
    @Shared(shape = "hidden, CLASSES", init = Init.GLOROT_UNIFORM) Tensor wOut;
    @Shared(shape = "CLASSES") Tensor bOut;

    @Hyper double learningRate = 0.01;

    /** A fully connected layer with a ReLU: reusable, because it takes its weights as parameters. */
    Tensor dense(Tensor in, Tensor w, Tensor b) {
        return relu(in.dot(w).plus(b));
    }

    Tensor logits() {
        Tensor[] ws = {w1, w2, w3};
        Tensor[] bs = {b1, b2, b3};
        Tensor h = x;
        for (int i = 0; i < LAYERS; i++) {
            h = dense(h, ws[i], bs[i]);
        }
        return h.dot(wOut).plus(bOut);
    }

    @Output Tensor probabilities() { return softmax(logits()); }

    @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }

    @Updates void train() { momentum(cost(), learningRate, 0.9); }
}
