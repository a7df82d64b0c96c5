package demo;

import dev.javano.*;
import static dev.javano.Ops.*;

/** No @Loss: two outputs of a fixed projection, one built on the other. */
@Model
abstract class Features {
    @Input(shape = "batch, 300") Tensor x;

    @Shared(shape = "300, dims", init = Init.GLOROT_UNIFORM) Tensor projection;

    @Output Tensor embedding() { return tanh(x.dot(projection)); }

    @Output Tensor norms() { return sqrt(sum(square(embedding()), 1)); }
}
