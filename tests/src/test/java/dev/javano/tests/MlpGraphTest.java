package dev.javano.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.processor.stage.CompiledModel;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.SoftmaxCrossentropy;
import dev.javano.symbolic.ops.Variable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The north-star {@code Mlp} of DESIGN.md, compiled by the processor of this build: its
 * optimized graphs, run by the reference evaluator, agree with a float64 forward and backward
 * pass written out by hand, on random inputs.
 */
class MlpGraphTest {

    private static final int BATCH = 6;
    private static final int HIDDEN = 5;
    private static final double LR = 0.01;
    private static final double L2 = 1e-4;

    private static CompiledModel model;
    private final Map<String, NdArray> values = new HashMap<>();

    @BeforeAll
    static void compile() {
        model = ModelCompiler.compile("models/demo/Mlp.java");
    }

    private void draw(long seed) {
        Random r = new Random(seed);
        values.put("x", random(r, BATCH, 784));
        values.put("w1", random(r, 784, HIDDEN));
        values.put("b1", random(r, HIDDEN));
        values.put("w2", random(r, HIDDEN, 10));
        values.put("b2", random(r, 10));
        double[] labels = new double[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = r.nextInt(10);
        values.put("y", new NdArray(new int[] {BATCH}, labels));
        values.put("learningRate", NdArray.scalar(LR));
        values.put("l2", NdArray.scalar(L2));
    }

    @Test
    void lossAndSgdStepMatchHandWrittenFloat64() {
        for (long seed = 1; seed <= 3; seed++) {
            draw(seed);
            HandMlp hand = new HandMlp(values);
            assertClose(hand.loss, eval(ModelCompiler.function(model, "cost").result()).scalarValue());
            FunctionGraph sgd = ModelCompiler.function(model, "sgd");
            assertClose(hand.loss, eval(sgd.result()).scalarValue());
            Map<String, double[]> expected = Map.of(
                    "w1", hand.step(values.get("w1"), hand.gw1), "b1", hand.step(values.get("b1"), hand.gb1),
                    "w2", hand.step(values.get("w2"), hand.gw2), "b2", hand.step(values.get("b2"), hand.gb2));
            assertEquals(expected.keySet(), updatedNames(sgd));
            sgd.updates().forEach((target, value) -> assertAllClose(
                    expected.get(((Variable) target.op()).field()), eval(value).data()));
        }
    }

    @Test
    void predictionsMatchHandWrittenForward() {
        draw(7);
        HandMlp hand = new HandMlp(values);
        assertAllClose(hand.p, eval(ModelCompiler.function(model, "probabilities").result()).data());
        double[] classes = eval(ModelCompiler.function(model, "predictedClass").result()).data();
        for (int i = 0; i < BATCH; i++) assertEquals(hand.argmax(i), (int) classes[i]);
    }

    @Test
    void gradientUsesTheFusedCrossentropy() {
        List<Node> nodes = Graphs.topologicalOrder(List.copyOf(ModelCompiler.function(model, "sgd").updates().values()));
        assertTrue(nodes.stream().anyMatch(n -> n.op() instanceof SoftmaxCrossentropy)
                || nodes.stream().anyMatch(n -> n.op().name().startsWith("oneHot")),
                "the weight gradients should come from the fused crossentropy's softmax - onehot");
    }

    private java.util.Set<String> updatedNames(FunctionGraph f) {
        java.util.Set<String> names = new java.util.HashSet<>();
        f.updates().keySet().forEach(t -> names.add(((Variable) t.op()).field()));
        return names;
    }

    private NdArray eval(Node n) {
        return ReferenceEvaluator.evaluate(n, values, Map.of("hidden", HIDDEN));
    }

    private static NdArray random(Random r, int... shape) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian() * 0.1;
        return new NdArray(shape, d);
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-10 * Math.max(1, Math.abs(expected)));
    }

    private static void assertAllClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertClose(expected[i], actual[i]);
    }

    /** The MLP's forward and backward pass, in float64 loops, independent of Javano. */
    private static final class HandMlp {
        final double[] p = new double[BATCH * 10];
        final double[] gw1 = new double[784 * HIDDEN];
        final double[] gb1 = new double[HIDDEN];
        final double[] gw2 = new double[HIDDEN * 10];
        final double[] gb2 = new double[10];
        final double loss;

        HandMlp(Map<String, NdArray> v) {
            double[] x = v.get("x").data();
            double[] w1 = v.get("w1").data();
            double[] b1 = v.get("b1").data();
            double[] w2 = v.get("w2").data();
            double[] b2 = v.get("b2").data();
            double[] y = v.get("y").data();
            double[] h = new double[BATCH * HIDDEN];
            for (int i = 0; i < BATCH; i++) {
                for (int j = 0; j < HIDDEN; j++) {
                    double s = b1[j];
                    for (int k = 0; k < 784; k++) s += x[i * 784 + k] * w1[k * HIDDEN + j];
                    h[i * HIDDEN + j] = Math.tanh(s);
                }
            }
            double nll = 0;
            double[] dz = new double[BATCH * 10];
            for (int i = 0; i < BATCH; i++) {
                double[] z = new double[10];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < 10; c++) {
                    z[c] = b2[c];
                    for (int j = 0; j < HIDDEN; j++) z[c] += h[i * HIDDEN + j] * w2[j * 10 + c];
                    max = Math.max(max, z[c]);
                }
                double sum = 0;
                for (int c = 0; c < 10; c++) sum += Math.exp(z[c] - max);
                for (int c = 0; c < 10; c++) p[i * 10 + c] = Math.exp(z[c] - max) / sum;
                nll -= Math.log(p[i * 10 + (int) y[i]]);
                for (int c = 0; c < 10; c++) dz[i * 10 + c] = (p[i * 10 + c] - (c == (int) y[i] ? 1 : 0)) / BATCH;
            }
            double squares = 0;
            for (double w : w1) squares += w * w;
            for (double w : w2) squares += w * w;
            loss = nll / BATCH + L2 * squares;
            double[] dh = new double[BATCH * HIDDEN];
            for (int i = 0; i < BATCH; i++) {
                for (int c = 0; c < 10; c++) {
                    gb2[c] += dz[i * 10 + c];
                    for (int j = 0; j < HIDDEN; j++) {
                        gw2[j * 10 + c] += h[i * HIDDEN + j] * dz[i * 10 + c];
                        dh[i * HIDDEN + j] += dz[i * 10 + c] * w2[j * 10 + c];
                    }
                }
            }
            for (int i = 0; i < BATCH; i++) {
                for (int j = 0; j < HIDDEN; j++) {
                    double d = dh[i * HIDDEN + j] * (1 - h[i * HIDDEN + j] * h[i * HIDDEN + j]);
                    gb1[j] += d;
                    for (int k = 0; k < 784; k++) gw1[k * HIDDEN + j] += x[i * 784 + k] * d;
                }
            }
            for (int k = 0; k < gw1.length; k++) gw1[k] += 2 * L2 * w1[k];
            for (int k = 0; k < gw2.length; k++) gw2[k] += 2 * L2 * w2[k];
        }

        double[] step(NdArray w, double[] g) {
            double[] out = w.data().clone();
            for (int i = 0; i < out.length; i++) out[i] -= LR * g[i];
            return out;
        }

        int argmax(int row) {
            int best = 0;
            for (int c = 1; c < 10; c++) if (p[row * 10 + c] > p[row * 10 + best]) best = c;
            return best;
        }
    }
}
