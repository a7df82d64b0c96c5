package dev.javano;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Model @Model} class that returns a {@link Tensor} as an output:
 * the generated class gets a method of the same name that computes it.
 *
 * <p>The method takes no parameters. Its generated counterpart takes exactly the
 * {@link Input @Input} fields the result depends on, in declaration order, and returns a
 * run-time tensor of the declared dtype. Outputs never change {@link Shared @Shared}
 * variables.
 *
 * <pre>{@code
 * @Output Tensor probabilities() { return softmax(x.dot(w).plus(b)); }
 * @Output Tensor predictedClass() { return argmax(probabilities(), 1); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Output {
}
