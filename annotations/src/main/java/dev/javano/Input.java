package dev.javano;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Tensor} field of a {@link Model @Model} class as an input: data passed in by
 * each call of a generated method.
 *
 * <p>A generated method takes exactly the inputs its computation depends on, in declaration
 * order: with inputs {@code x} and {@code y}, a prediction that needs only {@code x} is
 * generated as {@code predict(x)}, and a training step as {@code train(x, y)}.
 *
 * <pre>{@code
 * @Input(shape = "batch, 784") Tensor images;
 * @Input(shape = "batch", dtype = DType.INT32) Tensor labels;
 * @Input Tensor temperature;                     // a FLOAT32 scalar
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Input {

    /**
     * The shape: a comma-separated list of dims, each an integer literal ({@code "784"}), the
     * name of a {@code static final int} constant of the model class ({@code "FEATURES"}), or a
     * named dim ({@code "batch"}). A named dim that appears only in inputs is bound per call
     * from the arguments, and checked for consistency across them; one that also appears in a
     * {@link Shared @Shared} shape is fixed when the model is built. The empty string, the
     * default, declares a scalar.
     *
     * @return the dims, e.g. {@code "batch, 28, 28"}
     */
    String shape() default "";

    /**
     * The element type of the data passed in.
     *
     * @return the dtype, {@link DType#FLOAT32} by default
     */
    DType dtype() default DType.FLOAT32;
}
