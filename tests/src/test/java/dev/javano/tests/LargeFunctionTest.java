package dev.javano.tests;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.javano.tests.GeneratedMlpTest.assertAllClose;
import static dev.javano.tests.GeneratedMlpTest.random;
import static dev.javano.tests.GeneratedMlpTest.roundToFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.javano.processor.JavanoProcessor;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ops.Variable;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A function too large for one Java method (the JVM's 64 KB of bytecode) is cut into methods,
 * compiles, and computes what the reference computes; one that fits stays one method.
 */
class LargeFunctionTest {

    private static String deep(int layers) {
        return "package demo;\n"
                + "import dev.javano.*;\n"
                + "import static dev.javano.Ops.*;\n"
                + "@Model\n"
                + "abstract class Deep" + layers + " {\n"
                + "    static final int LAYERS = " + layers + ";\n"
                + "    @Input(shape = \"batch, 16\") Tensor x;\n"
                + "    @Input(shape = \"batch\", dtype = DType.INT32) Tensor y;\n"
                + "    @Shared(shape = \"16, 16\", init = Init.GLOROT_UNIFORM) Tensor w;\n"
                + "    @Shared(shape = \"16\") Tensor b;\n"
                + "    @Hyper double learningRate = 0.01;\n"
                + "    Tensor net() { Tensor h = x; for (int i = 0; i < LAYERS; i++) h = tanh(h.dot(w).plus(b)); return h; }\n"
                + "    @Loss Tensor cost() { return mean(crossentropy(softmax(net()), y)); }\n"
                + "    @Updates void train() { sgd(cost(), learningRate); }\n"
                + "}\n";
    }

    private static String generated(int layers) throws IOException {
        Compilation c = Compiler.javac().withProcessors(new JavanoProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Deep" + layers, deep(layers)));
        assertThat(c).succeededWithoutWarnings();
        JavaFileObject model = c.generatedSourceFile("demo.Deep" + layers + "Model").orElseThrow();
        return model.getCharContent(true).toString();
    }

    @Test
    void aFunctionThatFitsStaysOneMethod() throws IOException {
        assertTrue(!generated(20).contains("train$1("), "no parts for a small function");
    }

    /** The same kernels in the same order: cutting a function into methods changes no bit of its results. */
    @Test
    void partsComputeExactlyWhatOneMethodComputes() {
        String source = deep(12);
        NdArray[] whole = trainTwice(source, false);
        NdArray[] parts = trainTwice(source, true);
        for (int i = 0; i < whole.length; i++) assertEquals(Arrays.toString(whole[i].data()), Arrays.toString(parts[i].data()));
    }

    /** Two steps of train: the losses, then w and b. */
    private static NdArray[] trainTwice(String source, boolean cut) {
        if (cut) System.setProperty("javano.testing.methodChars", "3000");
        try (GeneratedModel model = GeneratedModel.compile("Deep12", source, Map.of(), 42)) {
            long parts = Arrays.stream(model.instance().getClass().getDeclaredMethods()).filter(m -> m.getName().startsWith("train$")).count();
            assertEquals(cut, parts > 1, "parts: " + parts);
            Random r = new Random(5);
            NdArray x = roundToFloat(random(r, 4, 16));
            NdArray y = new NdArray(new int[] {4}, new double[] {0, 3, 7, 15});
            NdArray first = model.call("train", x, y);
            NdArray second = model.call("train", x, y);
            return new NdArray[] {first, second, model.shared("w"), model.shared("b")};
        } finally {
            System.clearProperty("javano.testing.methodChars");
        }
    }

    @Test
    void aFunctionTooLargeForOneMethodIsCutIntoMethodsAndComputesTheSame() {
        int layers = 150;
        String source = deep(layers);
        try (GeneratedModel model = GeneratedModel.compile("Deep" + layers, source, Map.of(), 42)) {
            Map<String, NdArray> values = new HashMap<>();
            Random r = new Random(9);
            for (String w : new String[] {"w", "b"}) {
                NdArray v = random(r, model.shared(w).shape());
                model.shared(w, v);
                values.put(w, roundToFloat(v));
            }
            values.put("x", roundToFloat(random(r, 4, 16)));
            values.put("y", new NdArray(new int[] {4}, new double[] {0, 3, 7, 15}));
            values.put("learningRate", NdArray.scalar(0.01));
            FunctionGraph train = model.function("train");
            double expected = ReferenceEvaluator.evaluate(train.result(), values, Map.of()).scalarValue();
            Map<String, NdArray> updated = new HashMap<>();
            train.updates().forEach((t, v) -> updated.put(((Variable) t.op()).field(), ReferenceEvaluator.evaluate(v, values, Map.of())));
            double loss = model.call("train", values.get("x"), values.get("y")).scalarValue();
            assertEquals(expected, loss, 1e-4 * Math.max(1, Math.abs(expected)));
            for (var e : updated.entrySet()) assertAllClose(e.getValue(), model.shared(e.getKey()), 1e-4, e.getKey());
            long parts = Arrays.stream(model.instance().getClass().getDeclaredMethods()).filter(m -> m.getName().startsWith("train$")).count();
            assertTrue(parts >= 1, "train is cut into methods");
        }
    }
}
