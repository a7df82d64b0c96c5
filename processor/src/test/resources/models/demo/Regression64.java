package demo;

import dev.javano.*;
import static dev.javano.Ops.*;

/** Linear regression in double precision: every field is float64, so is every node of the graph. */
@Model
abstract class Regression64 {
    @Input(shape = "batch, 8", dtype = DType.FLOAT64) Tensor x;
    @Input(shape = "batch, 1", dtype = DType.FLOAT64) Tensor target;

    @Shared(shape = "8, 1", init = Init.GLOROT_UNIFORM, dtype = DType.FLOAT64) Tensor w;
    @Shared(shape = "1", dtype = DType.FLOAT64) Tensor b;

    @Hyper double learningRate = 0.05;

    @Output Tensor prediction() { return x.dot(w).plus(b); }

    @Loss Tensor cost() { return mean(square(prediction().minus(target))); }

    @Updates void train() {
        update(w, w.minus(grad(cost(), w).times(learningRate)));
        update(b, b.minus(grad(cost(), b).times(learningRate)));
    }
}
