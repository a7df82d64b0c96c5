package dev.javano.examples;

import dev.javano.*;
import static dev.javano.Ops.*;

/**
 * Not a neural network: the polynomial example of Theano's scan tutorial, with its derivative.
 * A polynomial {@code c_0 + c_1·x + c_2·x² + ...} is evaluated at many points at once by a
 * loop over its coefficients (the sequence). The state is the current power of {@code x},
 * starting at {@code x⁰ = 1} and multiplied by {@code x} (a non-sequence, the same at every
 * step) at each step; the step's second result, {@code c_k · x^k}, is a per-step output that is
 * not fed back. The terms of all steps, {@code output(1)}, are summed afterwards.
 *
 * <p>{@link #derivative} is {@code grad} through the loop: the reverse loop carries the
 * cotangent of the power from term to term, so the derivative
 * {@code c_1 + 2·c_2·x + 3·c_3·x² + ...} comes out of the compiler, not out of a hand-written
 * formula.
 */
@Model
abstract class Polynomial {
    @Input(shape = "degreePlusOne") Tensor coefficients;
    @Input(shape = "points") Tensor x;

    /** One term: the next power of x, and this coefficient times the current power. */
    @Scan Tensor[] term(Tensor coefficient, Tensor power, Tensor at) {
        return new Tensor[] {power.times(at), power.times(coefficient)};
    }

    @Output Tensor value() {
        return sum(scan(this::term).sequences(coefficients).states(onesLike(x)).nonSequences(x).output(1), 0);
    }

    @Output Tensor derivative() { return grad(sum(value()), x); }
}
