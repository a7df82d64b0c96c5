package dev.javano;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} method of a {@link Model @Model} class that changes the
 * {@link Shared @Shared} variables: a training step (Theano's {@code updates=[...]}).
 *
 * <p>The body states new values with {@link Ops#update(Tensor, Tensor) update}, or calls a
 * built-in optimizer ({@link Ops#sgd(Tensor, double) sgd}, {@link Ops#adam(Tensor, double)
 * adam}, ...) that expands into such updates. All new values are computed from the values
 * before the step, then assigned together, as in Theano. The generated method takes the
 * inputs the updates depend on and returns the value of the {@link Loss @Loss} it uses.
 *
 * <pre>{@code
 * @Updates void sgdStep() {
 *     for (Tensor w : shared())
 *         update(w, w.minus(grad(cost(), w).times(learningRate)));
 * }
 *
 * @Updates void adamStep() { adam(cost(), 1e-3); }
 * }</pre>
 *
 * <p>Name the method differently from the optimizer it calls: a method {@code sgd()} of the
 * model class hides the statically imported {@code Ops.sgd} inside that class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Updates {
}
