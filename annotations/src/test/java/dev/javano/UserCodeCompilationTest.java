package dev.javano;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles user code against the DSL, as a model class outside this package would be. */
class UserCodeCompilationTest {

    private static final String HEADER =
            "package user;\nimport dev.javano.*;\nimport static dev.javano.Ops.*;\n";

    @TempDir
    Path dir;

    @Test
    void everyStepShapePicksExactlyOneScanOverload() throws IOException {
        String steps = IntStream.rangeClosed(1, 6).mapToObj(UserCodeCompilationTest::stepsOfArity)
                .collect(Collectors.joining());
        assertEquals(List.of(), errorsAndWarnings(compile(model("Steps", steps))));
    }

    @Test
    void samplesCompileWithoutWarnings() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/java/dev/javano/samples"))) {
            List<Path> samples = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            assertTrue(samples.size() >= 4, samples::toString);
            assertEquals(List.of(), errorsAndWarnings(compile(samples)));
        }
    }

    @Test
    void userCodeCannotCreateTensors() throws IOException {
        assertError("Tensor x() { return new Tensor() { }; }", "not public");
    }

    @Test
    void userCodeCannotCreateLoops() throws IOException {
        assertError("ScanBuilder x() { return new ScanBuilder(); }", "not public");
    }

    @Test
    void aStepMustReturnTensors() throws IOException {
        assertError("@Scan double step(Tensor a) { return 0; }\n"
                + "ScanBuilder loop() { return scan(this::step); }", "no suitable method found for scan");
    }

    private static String stepsOfArity(int n) {
        String parameters = IntStream.rangeClosed(1, n).mapToObj(i -> "Tensor t" + i)
                .collect(Collectors.joining(", "));
        return "@Scan Tensor single" + n + "(" + parameters + ") { return t1; }\n"
                + "@Scan Tensor[] multi" + n + "(" + parameters + ") { return new Tensor[] {t1}; }\n"
                + "ScanBuilder loopSingle" + n + "() { return scan(this::single" + n + "); }\n"
                + "ScanBuilder loopMulti" + n + "() { return scan(this::multi" + n + "); }\n";
    }

    private void assertError(String body, String expected) throws IOException {
        List<String> errors = errorsAndWarnings(compile(model("Bad", body)));
        assertTrue(errors.stream().anyMatch(e -> e.contains(expected)), errors::toString);
    }

    private List<Path> model(String name, String body) throws IOException {
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, HEADER + "@Model abstract class " + name + " {\n" + body + "}\n");
        return List.of(file);
    }

    private List<Diagnostic<? extends JavaFileObject>> compile(List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-Xlint:all", "-proc:none", "-classpath", dslClasses(),
                    "-d", Files.createDirectories(dir.resolve("out")).toString());
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
        }
        return diagnostics.getDiagnostics();
    }

    private static List<String> errorsAndWarnings(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.NOTE) {
                messages.add(d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        return messages;
    }

    private static String dslClasses() {
        try {
            return Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
