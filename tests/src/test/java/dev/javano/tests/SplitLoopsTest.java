package dev.javano.tests;

import static dev.javano.tests.GeneratedMlpTest.assertAllClose;
import static dev.javano.tests.GeneratedMlpTest.random;
import static dev.javano.tests.GeneratedMlpTest.roundToFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.processor.emit.ModelEmitter;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ops.Variable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fused elementwise loops large enough to be split over the model's threads ({@code SplitLoop},
 * from 32 chunks of 1024 elements), run on 2 threads: every way a loop reads its operands (plain,
 * a row, a column, strided), vector math, an int32 result, a summed loop, a sum of squares (a BLAS
 * dot product of the buffer with itself, cut over the threads); against the float64
 * reference, and bit for bit against the same model on 1 thread where no sum is involved. The
 * split itself (two threads, each its own chunks) is checked in runtime-cpu's SplitLoopTest.
 */
class SplitLoopsTest {

    /** 300 × 129 = 38,700 elements: over the threshold, and not a whole number of chunks. */
    private static final int BATCH = 300;
    private static final int HIDDEN = 129;

    private static String wide(String dtype) {
        return """
                package demo;

                import dev.javano.*;
                import static dev.javano.Ops.*;

                @Model
                abstract class Wide$D {
                    @Input(shape = "batch, hidden", dtype = DType.$D) Tensor x;
                    @Input(shape = "hidden", dtype = DType.$D) Tensor v;
                    @Input(shape = "batch, 1", dtype = DType.$D) Tensor c;
                    @Input(shape = "batch, 4, hidden", dtype = DType.$D) Tensor z;
                    @Input(shape = "4, 1", dtype = DType.$D) Tensor k;

                    @Output Tensor act() { return tanh(x.plus(v)).times(sigmoid(x)); }
                    @Output Tensor col() { return exp(x.minus(c)).minus(x.times(c)); }
                    @Output Tensor strided() { return z.times(k).plus(z); }
                    @Output Tensor total() { return sum(square(x.minus(v))); }
                    @Output Tensor squares() { return sum(square(x)).times(0.5); } // (a sum that is itself the result is computed apart)
                    @Output Tensor above() { return x.gt(v).asInt(); }
                }
                """.replace("$D", dtype);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT32", "FLOAT64"})
    void splitLoopsFollowTheReference(String dtype) {
        boolean f32 = dtype.equals("FLOAT32");
        Random r = new Random(11);
        Map<String, NdArray> values = new HashMap<>();
        values.put("x", random(r, BATCH, HIDDEN).map(d -> d * 20));
        values.put("v", random(r, HIDDEN).map(d -> d * 10));
        values.put("c", random(r, BATCH, 1).map(d -> d * 10));
        values.put("z", random(r, BATCH, 4, HIDDEN));
        values.put("k", random(r, 4, 1));
        if (f32) values.replaceAll((name, a) -> roundToFloat(a));
        Map<String, Integer> dims = Map.of("hidden", HIDDEN);
        try (GeneratedModel two = GeneratedModel.compile("Wide" + dtype, wide(dtype), Map.of(), 1, 2);
                GeneratedModel one = GeneratedModel.compile("Wide" + dtype, wide(dtype), Map.of(), 1, 1)) {
            String source = new ModelEmitter(two.compiled).source();
            assertTrue(source.contains(f32 ? "Blas.sdot(x.address(), x.address()" : "Blas.ddot(x.address(), x.address()"),
                    "the sum of squares as a dot product");
            for (String out : List.of("act", "col", "strided", "total", "squares", "above")) {
                FunctionGraph f = two.function(out);
                NdArray[] args = List.of("x", "v", "c", "z", "k").stream().filter(in -> GeneratedOpsTest.used(f, in))
                        .map(values::get).toArray(NdArray[]::new);
                NdArray expected = ReferenceEvaluator.evaluate(f.result(), values, dims);
                NdArray split = two.call(out, args);
                GeneratedOpsTest.assertClose(expected, split, f32 ? 1e-5 : 1e-12, out + " on 2 threads");
                if (!out.equals("total") && !out.equals("squares")) {
                    assertEquals(0, GeneratedMlpTest.maxDifference(one.call(out, args), split), out + ": 1 and 2 threads");
                }
            }
        }
    }

    /** The north-star MLP at hidden 64: its L2 term sums 784 × 64 weights, split over 2 threads. */
    @Test
    void mlpStepsOnTwoThreadsFollowTheReference() {
        int hidden = 64, batch = 600;
        Random r = new Random(5);
        Map<String, NdArray> values = new HashMap<>();
        try (GeneratedModel model = GeneratedModel.compile("Mlp", GeneratedMlpTest.resource("models/demo/Mlp.java"),
                Map.of("hidden", hidden), 42, 2)) {
            for (String w : List.of("w1", "b1", "w2", "b2")) {
                NdArray v = roundToFloat(random(r, model.shared(w).shape()));
                model.shared(w, v);
                values.put(w, v);
            }
            values.put("x", roundToFloat(random(r, batch, 784).map(d -> d * 10)));
            double[] labels = new double[batch];
            for (int i = 0; i < batch; i++) labels[i] = r.nextInt(10);
            values.put("y", new NdArray(new int[] {batch}, labels));
            values.put("learningRate", NdArray.scalar(0.01));
            values.put("l2", NdArray.scalar(1e-4));
            FunctionGraph sgd = model.function("sgd");
            for (int step = 0; step < 3; step++) {
                double expectedLoss = ReferenceEvaluator.evaluate(sgd.result(), values, Map.of("hidden", hidden)).scalarValue();
                Map<String, NdArray> expected = new HashMap<>();
                sgd.updates().forEach((t, v) -> expected.put(((Variable) t.op()).field(),
                        ReferenceEvaluator.evaluate(v, values, Map.of("hidden", hidden))));
                double loss = model.call("sgd", values.get("x"), values.get("y")).scalarValue();
                assertEquals(expectedLoss, loss, 1e-5 * Math.abs(expectedLoss), "loss at step " + step);
                for (var e : expected.entrySet()) {
                    NdArray actual = model.shared(e.getKey());
                    assertAllClose(e.getValue(), actual, 1e-5, e.getKey() + " after step " + step);
                    values.put(e.getKey(), actual);
                }
            }
        }
    }
}
