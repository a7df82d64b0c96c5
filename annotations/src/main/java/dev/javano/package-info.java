/**
 * The model language of Javano, Theano for Java done at build time: what a model class
 * compiles against.
 *
 * <p>A class annotated {@link dev.javano.Model @Model} describes a model with symbolic
 * {@link dev.javano.Tensor}s: its inputs ({@link dev.javano.Input @Input}), parameters
 * ({@link dev.javano.Shared @Shared}), hyper-parameters ({@link dev.javano.Hyper @Hyper}),
 * outputs ({@link dev.javano.Output @Output}), objective ({@link dev.javano.Loss @Loss}),
 * training steps ({@link dev.javano.Updates @Updates}) and loops
 * ({@link dev.javano.Scan @Scan}), using the functions of {@link dev.javano.Ops}. While
 * {@code javac} compiles it, the Javano annotation processor builds the graph, checks shapes
 * and dtypes (reporting errors at the offending expression), derives gradients, optimizes,
 * and generates a class with one typed method per annotated method. Nothing in this package
 * runs: its methods throw {@link java.lang.UnsupportedOperationException} when called, and
 * applications call the generated class.
 *
 * <pre>{@code
 * import dev.javano.*;
 * import static dev.javano.Ops.*;
 *
 * // The two-layer perceptron of the Theano tutorials.
 * @Model
 * abstract class Mlp {
 *     @Input(shape = "batch, 784") Tensor x;
 *     @Input(shape = "batch", dtype = DType.INT32) Tensor y;
 *
 *     @Shared(shape = "784, hidden", init = Init.GLOROT_UNIFORM) Tensor w1;
 *     @Shared(shape = "hidden") Tensor b1;
 *     @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor w2;
 *     @Shared(shape = "10") Tensor b2;
 *
 *     @Hyper double learningRate = 0.01;
 *     @Hyper double l2 = 1e-4;
 *
 *     Tensor hidden() { return tanh(x.dot(w1).plus(b1)); }
 *
 *     @Output Tensor probabilities() { return softmax(hidden().dot(w2).plus(b2)); }
 *     @Output Tensor predictedClass() { return argmax(probabilities(), 1); }
 *
 *     @Loss Tensor cost() {
 *         return mean(crossentropy(probabilities(), y))
 *                 .plus(sum(square(w1)).plus(sum(square(w2))).times(l2));
 *     }
 *
 *     @Updates void sgd() {                       // Theano's updates=[(w, w - lr*g), ...]
 *         for (Tensor w : shared())               // or written out one update(...) per parameter
 *             update(w, w.minus(grad(cost(), w).times(learningRate)));
 *     }
 * }
 * }</pre>
 *
 * and in the application, with the generated {@code MlpModel}:
 *
 * <pre>{@code
 * try (MlpModel model = MlpModel.builder().hidden(500).seed(42).build()) {   // CPU by default
 *     float loss = model.sgd(xBatch, yBatch);        // cost + gradients + updates, one call
 *     IntTensor labels = model.predictedClass(xTest); // needs only x: the graph says so
 *     model.learningRate(0.005);
 *     model.save(Path.of("mlp.npz"));
 * }
 * }</pre>
 */
package dev.javano;
