package demo;

import dev.javano.*;
import static dev.javano.Ops.*;

/** Binary logistic regression: float targets in {0, 1}, a sigmoid output and a hard decision. */
@Model
abstract class LogisticRegression {
    static final int FEATURES = 20;

    @Input(shape = "batch, FEATURES") Tensor x;
    @Input(shape = "batch") Tensor y;

    @Shared(shape = "FEATURES") Tensor w;
    @Shared Tensor b;

    @Hyper double learningRate = 0.1;

    @Output Tensor probability() { return sigmoid(x.dot(w).plus(b)); }

    @Output Tensor decision() { return probability().gt(0.5); }

    @Loss Tensor cost() { return mean(binaryCrossentropy(probability(), y)); }

    @Updates void train() { sgd(cost(), learningRate); }
}
