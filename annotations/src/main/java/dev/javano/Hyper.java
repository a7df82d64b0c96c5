package dev.javano;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a scalar field of a {@link Model @Model} class as a hyper-parameter: a number that the
 * graph reads at run time, so that changing it never recompiles anything.
 *
 * <p>The field is a {@code double}, {@code float}, {@code int} or {@code long}, and its
 * initializer is the default value. The generated class has a getter and a setter named after
 * the field. In graph methods the field is used like a scalar constant; its value is read at
 * each call.
 *
 * <pre>{@code
 * @Hyper double learningRate = 0.01;
 *
 * @Updates void train() { sgd(cost(), learningRate); }
 * }</pre>
 *
 * and in application code: {@code model.learningRate(0.005)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Hyper {
}
