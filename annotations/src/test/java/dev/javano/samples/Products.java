package dev.javano.samples;

import dev.javano.*;
import static dev.javano.Ops.*;

/** Scans without and with sequences: powers by a fixed number of steps, running products. */
@Model
abstract class Products {
    static final int K = 10;

    @Input(shape = "n") Tensor a;
    @Input(shape = "time") Tensor xs;

    /** Previous state, then a non-sequence. */
    @Scan Tensor multiply(Tensor prior, Tensor factor) {
        return prior.times(factor);
    }

    /** Sequence element, then previous state. */
    @Scan Tensor accumulate(Tensor xt, Tensor product) {
        return product.times(xt);
    }

    /** {@code a, a^2, ..., a^K}: shape {@code [K, n]}. */
    @Output Tensor powers() {
        return scan(this::multiply).states(onesLike(a)).nonSequences(a).steps(K).output();
    }

    /** Only {@code a^K}, without keeping the intermediate powers. */
    @Output Tensor highestPower() {
        return scan(this::multiply).states(onesLike(a)).nonSequences(a).steps(K).last();
    }

    /** {@code xs[0], xs[0]*xs[1], ...}: shape {@code [time]}. */
    @Output Tensor runningProduct() {
        return scan(this::accumulate).sequences(xs).states(constant(1)).output();
    }

    /** The same products taken from the end: {@code xs[T-1], xs[T-1]*xs[T-2], ...}. */
    @Output Tensor runningProductFromTheEnd() {
        return scan(this::accumulate).sequences(xs).states(constant(1)).backwards().output();
    }
}
