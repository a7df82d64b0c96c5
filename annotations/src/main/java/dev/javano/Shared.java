package dev.javano;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Tensor} field of a {@link Model @Model} class as a shared variable: a
 * parameter that the model instance owns, keeps between calls, changes only in
 * {@link Updates @Updates} methods, and saves and loads with its other weights (Theano's
 * {@code shared}).
 *
 * <p>Every named dim of a shared shape becomes a method of the generated builder, so
 * {@code @Shared(shape = "784, hidden")} lets the application choose
 * {@code MlpModel.builder().hidden(500)}. {@link Ops#shared()} lists the shared variables in
 * declaration order.
 *
 * <pre>{@code
 * @Shared(shape = "784, hidden", init = Init.GLOROT_UNIFORM) Tensor w1;
 * @Shared(shape = "hidden") Tensor b1;            // zeros
 * @Shared Tensor scale;                           // a FLOAT32 scalar, zero
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Shared {

    /**
     * The shape: a comma-separated list of dims, each an integer literal, the name of a
     * {@code static final int} constant of the model class, or a named dim fixed when the model
     * is built. The empty string, the default, declares a scalar.
     *
     * @return the dims, e.g. {@code "784, hidden"}
     */
    String shape() default "";

    /**
     * How the initial values are drawn when the model is built (and not loaded from a file).
     * Random initializations need a floating {@link #dtype()}.
     *
     * @return the initialization, {@link Init#ZEROS} by default
     */
    Init init() default Init.ZEROS;

    /**
     * The element type of the parameter.
     *
     * @return the dtype, {@link DType#FLOAT32} by default
     */
    DType dtype() default DType.FLOAT32;
}
