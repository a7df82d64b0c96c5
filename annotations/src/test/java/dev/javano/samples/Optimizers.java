package dev.javano.samples;

import dev.javano.*;
import static dev.javano.Ops.*;

/** Softmax regression trained every way the DSL offers: one {@code @Updates} method each. */
@Model
abstract class Optimizers {
    static final int FEATURES = 784;
    static final int CLASSES = 10;

    @Input(shape = "batch, FEATURES") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "FEATURES, CLASSES", init = Init.HE_NORMAL) Tensor w;
    @Shared(shape = "CLASSES") Tensor b;

    @Hyper double learningRate = 0.01;
    @Hyper double weightDecay = 1e-4;

    @Output Tensor probabilities() {
        return softmax(x.dot(w).plus(b));
    }

    @Loss Tensor cost() {
        Tensor penalty = constant(0);
        for (Tensor p : shared())
            penalty = penalty.plus(sum(square(p)));
        return mean(crossentropy(probabilities(), y)).plus(penalty.times(weightDecay));
    }

    @Updates void sgdStep() { sgd(cost(), learningRate); }

    @Updates void momentumStep() { momentum(cost(), learningRate, 0.9); }

    @Updates void nesterovStep() { nesterov(cost(), learningRate, 0.9); }

    @Updates void adamStep() { adam(cost(), 1e-3); }

    @Updates void tunedAdamStep() { adam(cost(), 1e-3, 0.9, 0.98, 1e-9); }

    @Updates void rmspropStep() { rmsprop(cost(), 1e-3); }

    @Updates void tunedRmspropStep() { rmsprop(cost(), 1e-3, 0.95, 1e-7); }

    @Updates void adagradStep() { adagrad(cost(), learningRate); }

    @Updates void tunedAdagradStep() { adagrad(cost(), learningRate, 1e-8); }

    /** The same as {@link #sgdStep()}, written out with one backward pass for both. */
    @Updates void manualStep() {
        Tensor[] g = grads(cost(), w, b);
        update(w, w.minus(g[0].times(learningRate)));
        update(b, b.minus(g[1].times(learningRate)));
    }

    /** Gradient clipping by value before a plain step. */
    @Updates void clippedStep() {
        for (Tensor p : shared())
            update(p, p.minus(clip(grad(cost(), p), -1, 1).times(learningRate)));
    }
}
