package dev.javano.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Variable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated {@code MlpModel} of the north-star model, run: its SGD steps, predictions and
 * parameter files agree with the float64 reference evaluator on the same graphs, within float32
 * tolerance, step after step.
 */
class GeneratedMlpTest {

    private static final int BATCH = 6;
    private static final int HIDDEN = 7;

    private GeneratedModel model;
    private final Map<String, NdArray> values = new HashMap<>();

    @BeforeEach
    void compile() throws IOException {
        String source = resource("models/demo/Mlp.java");
        model = GeneratedModel.compile("Mlp", source, Map.of("hidden", HIDDEN), 42);
        Random r = new Random(3);
        for (String w : List.of("w1", "b1", "w2", "b2")) {
            NdArray v = random(r, model.shared(w).shape());
            model.shared(w, v);
            values.put(w, roundToFloat(v));
        }
        values.put("x", roundToFloat(random(r, BATCH, 784)));
        double[] labels = new double[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = r.nextInt(10);
        values.put("y", new NdArray(new int[] {BATCH}, labels));
        values.put("learningRate", NdArray.scalar(0.01));
        values.put("l2", NdArray.scalar(1e-4));
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void sgdStepsFollowTheReference() {
        FunctionGraph sgd = model.function("sgd");
        for (int step = 0; step < 5; step++) {
            double expectedLoss = eval(sgd.result()).scalarValue();
            Map<String, NdArray> expected = new HashMap<>();
            sgd.updates().forEach((t, v) -> expected.put(((Variable) t.op()).field(), eval(v)));
            double loss = model.call("sgd", values.get("x"), values.get("y")).scalarValue();
            assertEquals(expectedLoss, loss, 1e-5 * Math.max(1, Math.abs(expectedLoss)), "loss at step " + step);
            for (var e : expected.entrySet()) {
                NdArray actual = model.shared(e.getKey());
                assertAllClose(e.getValue(), actual, 1e-5, e.getKey() + " after step " + step);
                values.put(e.getKey(), actual);
            }
        }
    }

    @Test
    void outputsFollowTheReference() {
        NdArray p = model.call("probabilities", values.get("x"));
        assertAllClose(eval(model.function("probabilities").result()), p, 1e-5, "probabilities");
        NdArray classes = model.call("predictedClass", values.get("x"));
        NdArray expected = eval(model.function("predictedClass").result());
        assertEquals(java.util.Arrays.toString(expected.data()), java.util.Arrays.toString(classes.data()));
    }

    @Test
    void argumentsAreCheckedInTheUsersTerms() {
        NdArray wide = new NdArray(new int[] {BATCH, 785}, new double[BATCH * 785]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.call("sgd", wide, values.get("y")));
        assertEquals("MlpModel.sgd: x has shape [6, 785], expected [batch, 784] (dim 1: 785 ≠ 784)", e.getMessage());
        NdArray badLabels = new NdArray(new int[] {BATCH}, new double[] {0, 1, 2, 12, 4, 5});
        e = assertThrows(IllegalArgumentException.class, () -> model.call("sgd", values.get("x"), badLabels));
        assertEquals("MlpModel.sgd: y[3] = 12 is not a class in [0, 10)", e.getMessage());
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mlp.npz");
        model.instance().getClass().getMethod("save", Path.class).invoke(model.instance(), file);
        NdArray w1 = model.shared("w1");
        model.call("sgd", values.get("x"), values.get("y"));
        assertTrue(maxDifference(w1, model.shared("w1")) > 0, "a step changes w1");
        model.instance().getClass().getMethod("load", Path.class).invoke(model.instance(), file);
        assertEquals(0, maxDifference(w1, model.shared("w1")));
        assertEquals(List.of("mlp.npz"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }

    private NdArray eval(Node n) {
        return ReferenceEvaluator.evaluate(n, values, Map.of("hidden", HIDDEN));
    }

    static String resource(String name) {
        try (var in = GeneratedMlpTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NdArray random(Random r, int... shape) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian() * 0.1;
        return new NdArray(shape, d);
    }

    /** The values a float32 tensor holds, so that the reference starts where the model does. */
    static NdArray roundToFloat(NdArray a) {
        return a.map(v -> (float) v);
    }

    static double maxDifference(NdArray a, NdArray b) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) m = Math.max(m, Math.abs(a.get(i) - b.get(i)));
        return m;
    }

    static void assertAllClose(NdArray expected, NdArray actual, double tolerance, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            assertEquals(e, actual.get(i), tolerance * Math.max(1, Math.abs(e)), what + " at " + i);
        }
    }
}
