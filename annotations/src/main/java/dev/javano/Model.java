package dev.javano;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that describes a model, to be compiled by the Javano annotation processor.
 *
 * <p>While {@code javac} compiles the class, the processor reads its declarations and method
 * bodies, builds the symbolic graph, checks every shape and dtype, derives the gradients and
 * writes a class named after it with the suffix {@code Model} ({@code MlpModel} for
 * {@code Mlp}), with one typed method per {@link Output @Output}, {@link Loss @Loss} and
 * {@link Updates @Updates} method. The annotated class itself is a description: it is never
 * instantiated and its methods never run, so it is usually declared {@code abstract}.
 *
 * <p>Its members are:
 * <ul>
 *   <li>{@link Input @Input} fields: the data each call receives;</li>
 *   <li>{@link Shared @Shared} fields: the parameters the model owns and updates;</li>
 *   <li>{@link Hyper @Hyper} fields: scalar hyper-parameters that can change at run time;</li>
 *   <li>{@code static final} numeric constants, usable in shapes and expressions;</li>
 *   <li>graph methods returning {@link Tensor}: plain helpers (inlined where they are called;
 *       those with {@code Tensor} parameters are reusable layers) and the annotated ones;</li>
 *   <li>{@link Scan @Scan} step methods, run over time by {@link Ops#scan(Scan.Step1) scan}.</li>
 * </ul>
 *
 * <p>Method bodies may use local variables, calls to other methods of the class, constants,
 * numeric literals, the methods of {@link Tensor} and {@link Ops}, and loops over
 * compile-time ranges or over {@link Ops#shared()}. Anything else is reported as a compile
 * error that names the construct and points at it.
 *
 * <pre>{@code
 * @Model
 * abstract class LogisticRegression {
 *     @Input(shape = "batch, 784") Tensor x;
 *     @Input(shape = "batch", dtype = DType.INT32) Tensor y;
 *     @Shared(shape = "784, 10") Tensor w;
 *     @Shared(shape = "10") Tensor b;
 *
 *     @Output Tensor probabilities() { return softmax(x.dot(w).plus(b)); }
 *     @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }
 *     @Updates void train() { sgd(cost(), 0.1); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {
}
