package dev.javano.processor.fuzz;

import java.util.List;

/**
 * The valid model sources the fuzz test mutates: each compiles cleanly with the processor, and
 * together they use every declaration kind, layer methods, a compile-time loop, both floating
 * dtypes and the built-in optimizers.
 */
final class BaseModels {

    private BaseModels() {}

    /** One valid source: its class name (the file name) and text; {@code names} are the identifiers worth swapping. */
    record Base(String className, String source, List<String> names) {}

    /** The north-star model of DESIGN.md, exactly as written there. */
    static final Base MLP = new Base("Mlp", """
            import dev.javano.*;
            import static dev.javano.Ops.*;

            /** The two-layer perceptron of the Theano tutorials. */
            @Model
            abstract class Mlp {
                @Input(shape = "batch, 784") Tensor x;
                @Input(shape = "batch", dtype = DType.INT32) Tensor y;

                @Shared(shape = "784, hidden", init = Init.GLOROT_UNIFORM) Tensor w1;
                @Shared(shape = "hidden") Tensor b1;
                @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor w2;
                @Shared(shape = "10") Tensor b2;

                @Hyper double learningRate = 0.01;
                @Hyper double l2 = 1e-4;

                Tensor hidden() { return tanh(x.dot(w1).plus(b1)); }

                @Output Tensor probabilities() { return softmax(hidden().dot(w2).plus(b2)); }
                @Output Tensor predictedClass() { return argmax(probabilities(), 1); }

                @Loss Tensor cost() {
                    return mean(crossentropy(probabilities(), y))
                            .plus(sum(square(w1)).plus(sum(square(w2))).times(l2));
                }

                @Updates void sgd() {                       // Theano's updates=[(w, w - lr*g), ...]
                    for (Tensor w : shared())               // or written out one update(...) per parameter
                        update(w, w.minus(grad(cost(), w).times(learningRate)));
                }
            }
            """, List.of("x", "y", "w1", "b1", "w2", "b2", "w", "learningRate", "l2", "hidden", "probabilities",
                    "predictedClass", "cost", "sgd"));

    /** Binary logistic regression with a scalar bias, updated by hand. */
    static final Base LOGISTIC = new Base("LogisticRegression", """
            import dev.javano.*;
            import static dev.javano.Ops.*;

            @Model
            abstract class LogisticRegression {
                static final int FEATURES = 20;

                @Input(shape = "batch, FEATURES") Tensor x;
                @Input(shape = "batch") Tensor y;

                @Shared(shape = "FEATURES", init = Init.NORMAL) Tensor w;
                @Shared(shape = "") Tensor b;

                @Hyper double learningRate = 0.1;

                @Output Tensor probability() {
                    return Ops.sigmoid(x.dot(this.w).plus(b));
                }

                @Output Tensor decision() {
                    return this.probability().gt(0.5).cast(DType.INT32);
                }

                @Loss Tensor cost() {
                    return Ops.mean(binaryCrossentropy(probability(), y));
                }

                @Updates void train() {
                    Tensor gw = grad(cost(), w);
                    Tensor gb = grad(cost(), b);
                    update(w, w.minus(gw.times(learningRate)));
                    update(b, b.minus(gb.times(learningRate)));
                }
            }
            """, List.of("x", "y", "w", "b", "gw", "gb", "learningRate", "FEATURES", "probability", "decision", "cost",
                    "train"));

    /** Three hidden layers written as one reusable layer method, applied by a compile-time loop. */
    static final Base DEEP = new Base("DeepMlp", """
            import dev.javano.*;
            import static dev.javano.Ops.*;

            @Model
            abstract class DeepMlp {
                static final int IN = 784;
                static final int CLASSES = 10;
                static final int LAYERS = 3;

                @Input(shape = "batch, IN") Tensor x;
                @Input(shape = "batch", dtype = DType.INT32) Tensor y;

                @Shared(shape = "IN, hidden", init = Init.HE_NORMAL) Tensor w1;
                @Shared(shape = "hidden") Tensor b1;
                @Shared(shape = "hidden, hidden", init = Init.HE_NORMAL) Tensor w2;
                @Shared(shape = "hidden") Tensor b2;
                @Shared(shape = "hidden, hidden", init = Init.HE_NORMAL) Tensor w3;
                @Shared(shape = "hidden") Tensor b3;
                @Shared(shape = "hidden, CLASSES", init = Init.GLOROT_UNIFORM) Tensor w4;
                @Shared(shape = "CLASSES") Tensor b4;

                @Hyper double learningRate = 0.05;

                Tensor layer(Tensor in, Tensor w, Tensor b) {
                    return relu(in.dot(w).plus(b));
                }

                Tensor features() {
                    Tensor[] ws = {w1, w2, w3};
                    Tensor[] bs = {b1, b2, b3};
                    Tensor h = x.reshape("batch, IN");
                    for (int i = 0; i < LAYERS; i += 1) {
                        h = layer(h, ws[i], bs[i]);
                    }
                    return h;
                }

                Tensor logits() {
                    return features().dot(w4).plus(b4);
                }

                @Output Tensor probabilities() {
                    return softmax(logits(), 1);
                }

                @Output Tensor predicted() {
                    return argmax(logits(), 1);
                }

                @Loss Tensor cost() {
                    Tensor nll = crossentropy(softmax(logits()), y);
                    return LAYERS > 1 ? mean(nll, new int[] {0}, false) : mean(nll);
                }

                @Updates void train() {
                    sgd(cost(), learningRate);
                }
            }
            """, List.of("x", "y", "w1", "b1", "w2", "b3", "w4", "b4", "in", "w", "b", "ws", "bs", "h", "i", "nll",
                    "IN", "CLASSES", "LAYERS", "learningRate", "layer", "features", "logits", "probabilities", "cost"));

    /** Linear regression in double precision, with a {@code @Hyper} used in arithmetic. */
    static final Base REGRESSION64 = new Base("Regression64", """
            import dev.javano.*;
            import static dev.javano.Ops.*;

            @Model
            abstract class Regression64 {
                @Input(shape = "n, 4", dtype = DType.FLOAT64) Tensor x;
                @Input(shape = "n", dtype = DType.FLOAT64) Tensor y;

                @Shared(shape = "3", dtype = DType.FLOAT64) Tensor w;
                @Shared(shape = "1", dtype = DType.FLOAT64) Tensor b;

                @Hyper double learningRate = 0.05;
                @Hyper double decay = 0.001;

                Tensor features() {
                    return x.slice(1, 0, 3, 1);
                }

                @Output Tensor prediction() {
                    return features().dot(w).plus(b);
                }

                @Output Tensor clipped() {
                    return clip(prediction(), -10.0, 10.0);
                }

                @Output Tensor positive() {
                    return where(prediction().gt(0), 1.0, 0.0);
                }

                @Loss Tensor cost() {
                    Tensor error = prediction().minus(y);
                    return mean(square(error)).plus(sum(square(w)).times(decay * 0.5));
                }

                @Updates void step() {
                    Tensor[] g = grads(cost(), w, b);
                    update(w, w.minus(g[0].times(learningRate)));
                    update(b, b.minus(g[1].times(learningRate * 2)));
                }
            }
            """, List.of("x", "y", "w", "b", "g", "error", "learningRate", "decay", "features", "prediction", "clipped",
                    "positive", "cost", "step"));

    /** Softmax regression trained by several built-in optimizers. */
    static final Base OPTIMIZERS = new Base("Trained", """
            import dev.javano.*;
            import static dev.javano.Ops.*;

            @Model
            abstract class Trained {
                static final int FEATURES = 64;
                static final int CLASSES = 10;

                @Input(shape = "batch, FEATURES") Tensor x;
                @Input(shape = "batch", dtype = DType.INT32) Tensor y;

                @Shared(shape = "FEATURES, CLASSES", init = Init.HE_NORMAL) Tensor w;
                @Shared(shape = "CLASSES") Tensor b;

                @Hyper double learningRate = 0.01;
                @Hyper double weightDecay = 1e-4;

                @Output Tensor probabilities() {
                    return softmax(x.dot(w).plus(b));
                }

                @Loss Tensor cost() {
                    Tensor penalty = constant(0);
                    for (Tensor p : shared())
                        penalty = penalty.plus(sum(square(p)));
                    return mean(crossentropy(probabilities(), y)).plus(penalty.times(weightDecay));
                }

                @Updates void sgdStep() { sgd(cost(), learningRate); }

                @Updates void momentumStep() { momentum(cost(), learningRate, 0.9); }

                @Updates void adamStep() { adam(cost(), 1e-3); }

                @Updates void tunedAdamStep() { adam(cost(), 1e-3, 0.9, 0.98, 1e-9); }

                @Updates void rmspropStep() { rmsprop(cost(), 1e-3, 0.95, 1e-7); }

                @Updates void manualStep() {
                    Tensor[] g = grads(cost(), w, b);
                    update(w, w.minus(g[0].times(learningRate)));
                    update(b, b.minus(g[1].times(learningRate)));
                }
            }
            """, List.of("x", "y", "w", "b", "p", "g", "penalty", "learningRate", "weightDecay", "FEATURES", "CLASSES",
                    "probabilities", "cost", "sgdStep", "adamStep"));

    /** Recurrent: an LSTM-like cell with two states and a per-step output, a backwards loop, a loop of fixed length. */
    static final Base RECURRENT = new Base("Recurrent", """
            import dev.javano.*;
            import static dev.javano.Ops.*;

            @Model
            abstract class Recurrent {
                static final int STEPS = 3;

                @Input(shape = "time, batch, 8") Tensor xs;
                @Input(shape = "batch", dtype = DType.INT32) Tensor y;

                @Shared(shape = "8, hidden", init = Init.GLOROT_UNIFORM) Tensor wx;
                @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor wh;
                @Shared(shape = "hidden") Tensor b;
                @Shared(shape = "hidden, 4", init = Init.GLOROT_UNIFORM) Tensor v;

                @Hyper double learningRate = 0.1;

                @Scan Tensor[] cell(Tensor xt, Tensor h, Tensor c) {
                    Tensor gate = sigmoid(xt.dot(wx).plus(b));
                    Tensor cNew = gate.times(c).plus(tanh(h.dot(wh)));
                    Tensor hNew = tanh(cNew).times(gate);
                    return new Tensor[] {hNew, cNew, softmax(hNew.dot(v))};
                }

                @Scan Tensor grow(Tensor h, Tensor w) { return tanh(h.dot(w).plus(b)); }

                @Output Tensor probabilities() {
                    Tensor zero = constant(0, "batch, hidden");
                    ScanBuilder loop = scan(this::cell).sequences(xs).states(zero, zero);
                    Tensor back = scan(this::cell).sequences(xs).states(zero, zero).backwards().last();
                    Tensor grown = scan(this::grow).states(back).nonSequences(wh).steps(STEPS).last();
                    return mean(loop.output(2), 0).plus(softmax(grown.plus(loop.last(1)).dot(v)));
                }

                @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }

                @Updates void train() { sgd(cost(), learningRate); }
            }
            """, List.of("xs", "y", "wx", "wh", "b", "v", "h", "c", "cNew", "hNew", "gate", "zero", "loop", "back", "grown",
                    "cell", "grow", "STEPS", "probabilities", "cost"));

    static final List<Base> ALL = List.of(MLP, LOGISTIC, DEEP, REGRESSION64, OPTIMIZERS, RECURRENT);
}
