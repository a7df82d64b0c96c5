package dev.javano.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.javano.processor.TestSources.compile;
import static dev.javano.processor.TestSources.compileInto;
import static dev.javano.processor.TestSources.model;
import static dev.javano.processor.TestSources.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.javano.processor.TestSources.Src;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample models of {@code src/test/resources/models/demo/} compile without errors or
 * warnings, and each writes its graph: {@code META-INF/javano/<qualified name>.graph.txt} (one
 * section per function and per update, as {@code "sgd: w1 <-:"}) and a Graphviz {@code .dot}
 * beside it, in the class output.
 */
class SampleModelsTest {

    /** Compiles the sample {@code demo.<name>}, asserts it is clean, and returns its graph text by section. */
    private static Map<String, String> compileSample(String name) {
        Compilation c = compile(resource("demo." + name));
        assertThat(c).succeededWithoutWarnings();
        String dot = generated(c, "demo." + name + ".dot");
        assertTrue(dot.startsWith("digraph \"" + name + "\" {"), dot);
        assertTrue(dot.strip().endsWith("}"), dot);
        return sections(generated(c, "demo." + name + ".graph.txt"));
    }

    /** The text of {@code META-INF/javano/<file>} in the class output. */
    private static String generated(Compilation c, String file) {
        String path = "META-INF/javano/" + file;
        JavaFileObject f = c.generatedFile(StandardLocation.CLASS_OUTPUT, path)
                .orElseThrow(() -> new AssertionError("not generated: " + path + "; generated: " + c.generatedFiles()));
        try {
            return f.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The graph text split at its section headers ({@code "probabilities:"}, {@code "sgd: w1 <-:"}):
     * header without the colon to the printed graph under it, in order.
     */
    static Map<String, String> sections(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            boolean header = line.endsWith(":") && !line.startsWith(" ") && !line.contains("[id ");
            if (header) {
                if (current != null) out.put(current, body.toString());
                current = line.substring(0, line.length() - 1);
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        if (current != null) out.put(current, body.toString());
        return out;
    }

    /** How many printed nodes of {@code section} are the op {@code op} (first occurrences and references). */
    private static int count(String section, String op) {
        Matcher m = Pattern.compile("(^|\\|)" + Pattern.quote(op) + "(\\{[^}]*})? \\[id ", Pattern.MULTILINE).matcher(section);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** The id of the node a section prints first: its root. */
    private static String rootId(String section) {
        Matcher m = Pattern.compile("\\[id (\\w+)]").matcher(section);
        assertTrue(m.find(), section);
        return m.group(1);
    }

    @Test
    void northStarMlp() {
        Map<String, String> graph = compileSample("Mlp");
        assertEquals(List.of("probabilities", "predictedClass", "cost", "sgd", "sgd: w1 <-", "sgd: b1 <-",
                "sgd: w2 <-", "sgd: b2 <-"), List.copyOf(graph.keySet()));
        // stabilized: crossentropy of softmax is one fused op, in the cost and in what the gradients start from
        assertEquals(1, count(graph.get("cost"), "softmaxCrossentropy"), graph.get("cost"));
        assertEquals(0, count(graph.get("cost"), "log"), graph.get("cost"));
        assertEquals(1, count(graph.get("predictedClass"), "argmax"));
        assertTrue(graph.get("sgd: w1 <-").contains("hyper learningRate"), graph.get("sgd: w1 <-"));
    }

    @Test
    void logisticRegression() {
        Map<String, String> graph = compileSample("LogisticRegression");
        assertEquals(List.of("probability", "decision", "cost", "train", "train: w <-", "train: b <-"),
                List.copyOf(graph.keySet()));
        assertEquals(1, count(graph.get("probability"), "sigmoid"), graph.get("probability"));
        assertTrue(graph.get("decision").startsWith("gt"), graph.get("decision"));
    }

    @Test
    void threeHiddenLayersAsMethodsUnrolledByALoop() {
        Map<String, String> graph = compileSample("DeepMlp");
        assertEquals(List.of("probabilities", "cost", "train"), List.copyOf(graph.keySet()).subList(0, 3));
        for (String w : List.of("w1", "b1", "w2", "b2", "w3", "b3", "wOut", "bOut")) {
            assertTrue(graph.containsKey("train: train." + w + ".velocity <-"), w);
            assertTrue(graph.containsKey("train: " + w + " <-"), w);
        }
        // the loop inlined dense(...) three times, then the output layer: four products
        assertEquals(4, count(graph.get("probabilities"), "dot"), graph.get("probabilities"));
        for (String w : List.of("w1", "w2", "w3", "wOut")) {
            assertTrue(graph.get("probabilities").contains("shared " + w + " [id"), w);
        }
    }

    @Test
    void twoOutputsWithoutALoss() {
        Map<String, String> graph = compileSample("Features");
        assertEquals(List.of("embedding", "norms"), List.copyOf(graph.keySet()));
        // norms() is built on embedding(): on its very node, not on a copy
        assertTrue(graph.get("norms").contains("[id " + rootId(graph.get("embedding")) + "]"), graph.get("norms"));
        assertFalse(graph.values().stream().anyMatch(g -> g.contains("<-")));
    }

    @Test
    void float64Model() {
        Compilation c = compile(resource("demo.Regression64"));
        assertThat(c).succeededWithoutWarnings();
        String text = generated(c, "demo.Regression64.graph.txt");
        assertEquals(List.of("prediction", "cost", "train", "train: w <-", "train: b <-"),
                List.copyOf(sections(text).keySet()));
        assertTrue(text.contains("float64[batch, 1]"), text);
        assertFalse(text.contains("float32"), "every node of a float64 model is float64:\n" + text);
        assertTrue(generated(c, "demo.Regression64.dot").contains("float64[8, 1]"));
    }

    @Test
    void everyOptimizer() {
        Map<String, String> graph = compileSample("AllOptimizers");
        Map<String, List<String>> state = Map.of(
                "sgd", List.of(),
                "momentum", List.of("velocity"),
                "nesterov", List.of("velocity"),
                "adam", List.of("m", "v"),
                "rmsprop", List.of("accumulator"),
                "adagrad", List.of("accumulator"));
        state.forEach((optimizer, slots) -> {
            String f = optimizer + "Step";
            assertTrue(graph.containsKey(f), f);
            for (String w : List.of("w", "b")) {
                assertTrue(graph.containsKey(f + ": " + w + " <-"), f + ": " + w);
                for (String slot : slots) {
                    String key = f + ": " + f + "." + w + "." + slot + " <-";
                    assertTrue(graph.containsKey(key), key + " in " + graph.keySet());
                }
            }
        });
        assertTrue(graph.containsKey("adamStep: adamStep.t <-"), "Adam's step counter");
        long updates = graph.keySet().stream().filter(k -> k.endsWith("<-")).count();
        assertEquals(2 + 4 + 4 + 7 + 4 + 4, updates, graph.keySet().toString());
    }

    /** Arithmetic on {@code @Hyper} fields is a float64 run-time scalar that takes the dtype of the tensor it scales. */
    @Test
    void hyperArithmeticTakesTheTensorsDType() {
        Src src = model("HyperArithmetic",
                "@Output Tensor scaled() { return x.times(-lr).plus(x.times(lr * lr - 2)).plus(sum(y.asFloat())); }");
        Compilation c = compile(src);
        assertThat(c).succeededWithoutWarnings();
        String scaled = sections(generated(c, "demo.HyperArithmetic.graph.txt")).get("scaled");
        assertTrue(scaled.startsWith("add [id A] float32[batch, 784]"), scaled);
        assertEquals(2, scaled.lines().filter(l -> l.contains("|mul [id") && l.endsWith("float32[batch, 784]")).count(),
                scaled);
        assertEquals(3, count(scaled, "cast"), scaled); // -lr, lr * lr - 2, and y.asFloat()
        assertTrue(scaled.contains("|neg [id"), scaled);
    }

    /**
     * One model's errors do not keep the processor from the others in the same compilation
     * (compiled to a folder: compile-testing keeps no files of a failed compilation).
     */
    @Test
    void aBadModelDoesNotStopTheOthers(@TempDir Path classes) {
        Src bad = model("Broken", "@Output Tensor out() { return x.dot(w1).plus(b9); }");
        List<Diagnostic<? extends JavaFileObject>> diagnostics = compileInto(classes, List.of(), bad, resource("demo.Mlp"));
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .toList();
        assertEquals(1, errors.size(), errors::toString);
        assertSame(bad.file(), errors.get(0).getSource());
        assertEquals("[JVN200] cannot add [batch, 500] and [10]: dims 500 and 10 differ",
                errors.get(0).getMessage(Locale.ROOT));
        assertTrue(Files.isRegularFile(classes.resolve("META-INF/javano/demo.Mlp.graph.txt")));
        assertTrue(Files.isRegularFile(classes.resolve("META-INF/javano/demo.Mlp.dot")));
        assertFalse(Files.exists(classes.resolve("META-INF/javano/demo.Broken.graph.txt")));
    }

    /**
     * IntelliJ and Gradle hand processors a wrapped environment that javac's {@code Trees}
     * rejects; the processor unwraps it. Here the wrapper is a {@link Proxy} holding the real one.
     */
    @Test
    void wrappedProcessingEnvironment() {
        Compilation c = Compiler.javac().withProcessors(new WrappingProcessor()).compile(resource("demo.Mlp").file());
        assertThat(c).succeededWithoutWarnings();
        assertTrue(generated(c, "demo.Mlp.graph.txt").contains("softmaxCrossentropy"));
    }

    /** Runs {@link JavanoProcessor} on a proxy of javac's environment, as IntelliJ does. */
    static final class WrappingProcessor extends AbstractProcessor {
        private final JavanoProcessor inner = new JavanoProcessor();

        /** Forwards every call to the environment it wraps, which it keeps in a field, as real wrappers do. */
        private record Forwarding(ProcessingEnvironment delegate) implements InvocationHandler {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            inner.init((ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class}, new Forwarding(env)));
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return inner.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return inner.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return inner.process(annotations, round);
        }
    }
}
