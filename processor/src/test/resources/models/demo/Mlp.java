package demo;

import dev.javano.*;
import static dev.javano.Ops.*;

/** The two-layer perceptron of the Theano tutorials. */
@Model
abstract class Mlp {
    @Input(shape = "batch, 784") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "784, hidden", init = Init.GLOROT_UNIFORM) Tensor w1;
    @Shared(shape = "hidden") Tensor b1;
    @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor w2;
    @Shared(shape = "10") Tensor b2;

    @Hyper double learningRate = 0.01;
    @Hyper double l2 = 1e-4;

    Tensor hidden() { return tanh(x.dot(w1).plus(b1)); }

    @Output Tensor probabilities() { return softmax(hidden().dot(w2).plus(b2)); }
    @Output Tensor predictedClass() { return argmax(probabilities(), 1); }

    @Loss Tensor cost() {
        return mean(crossentropy(probabilities(), y))
                .plus(sum(square(w1)).plus(sum(square(w2))).times(l2));
    }

    @Updates void sgd() {                       // Theano's updates=[(w, w - lr*g), ...]
        for (Tensor w : shared())               // or written out one update(...) per parameter
            update(w, w.minus(grad(cost(), w).times(learningRate)));
    }
}
