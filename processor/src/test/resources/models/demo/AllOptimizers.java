package demo;

import dev.javano.*;
import static dev.javano.Ops.*;

/** Softmax regression with one @Updates method per built-in optimizer. */
@Model
abstract class AllOptimizers {
    @Input(shape = "batch, 784") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "784, 10", init = Init.GLOROT_UNIFORM) Tensor w;
    @Shared(shape = "10") Tensor b;

    @Hyper double learningRate = 0.01;

    @Output Tensor probabilities() { return softmax(x.dot(w).plus(b)); }

    @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }

    @Updates void sgdStep() { sgd(cost(), learningRate); }

    @Updates void momentumStep() { momentum(cost(), learningRate, 0.9); }

    @Updates void nesterovStep() { nesterov(cost(), learningRate, 0.9); }

    @Updates void adamStep() { adam(cost(), 1e-3); }

    @Updates void rmspropStep() { rmsprop(cost(), 1e-3); }

    @Updates void adagradStep() { adagrad(cost(), learningRate); }
}
