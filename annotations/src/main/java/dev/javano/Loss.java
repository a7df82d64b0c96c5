package dev.javano;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link Model @Model} class that returns the objective to minimize: a
 * scalar (0-D) floating {@link Tensor}.
 *
 * <p>The generated class gets a method of the same name that evaluates it on the inputs it
 * depends on, and a generated {@link Updates @Updates} method that uses it returns its value
 * (computed before the parameters change). Differentiate it with
 * {@link Ops#grad(Tensor, Tensor) grad} or hand it to an optimizer such as
 * {@link Ops#adam(Tensor, double) adam}.
 *
 * <pre>{@code
 * @Loss Tensor cost() {
 *     return mean(crossentropy(probabilities(), y)).plus(sum(square(w)).times(l2));
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Loss {
}
