package dev.javano.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaCompiler.CompilationTask;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import javax.tools.JavaFileObject;

/** Model sources for the processor's compile-testing suites, and the positions inside them. */
final class TestSources {

    private TestSources() {}

    /** A source file with its lines, so a test can say where a diagnostic belongs by the text it points at. */
    record Src(JavaFileObject file, List<String> lines) {

        /**
         * A position given by the text around it: {@code marker} without its {@code ^} must occur
         * exactly once in the source, and the position is the character after the {@code ^}
         * (the first character when there is none). {@code at("x.dot(w1).plus^(b9)")} is the
         * column of the parenthesis after {@code plus}. Line and column count from 1.
         */
        Pos at(String marker) {
            int caret = Math.max(marker.indexOf('^'), 0);
            String text = marker.replace("^", "");
            Pos found = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (int from = line.indexOf(text); from >= 0; from = line.indexOf(text, from + 1)) {
                    if (found != null) fail("\"" + text + "\" occurs more than once in " + file.getName());
                    found = new Pos(this, i + 1, from + caret + 1);
                }
            }
            if (found == null) fail("\"" + text + "\" does not occur in " + file.getName());
            return found;
        }
    }

    /** A line and column of a source, both counted from 1 as javac's diagnostics count them. */
    record Pos(Src src, long line, long column) {}

    /** A source of the class {@code qualifiedName} with the given lines. */
    static Src source(String qualifiedName, String... lines) {
        return new Src(JavaFileObjects.forSourceLines(qualifiedName, lines), List.of(lines));
    }

    /** The sample model {@code qualifiedName} from the test resources: {@code models/demo/Mlp.java} for {@code demo.Mlp}. */
    static Src resource(String qualifiedName) {
        String path = "models/" + qualifiedName.replace('.', '/') + ".java";
        try (InputStream in = TestSources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return source(qualifiedName, text.split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The model {@code demo.<name>} with a fixed set of fields, then {@code members} (one line
     * each, indented four spaces):
     *
     * <pre>
     * &#64;Input(shape = "batch, 784") Tensor x;
     * &#64;Input(shape = "batch", dtype = DType.INT32) Tensor y;
     * &#64;Shared(shape = "784, 500") Tensor w1;
     * &#64;Shared(shape = "500") Tensor b1;
     * &#64;Shared(shape = "10") Tensor b9;
     * &#64;Hyper double lr = 0.1;
     * </pre>
     */
    static Src model(String name, String... members) {
        List<String> lines = new ArrayList<>(List.of(
                "package demo;",
                "",
                "import dev.javano.*;",
                "import static dev.javano.Ops.*;",
                "",
                "@Model",
                "abstract class " + name + " {",
                "    @Input(shape = \"batch, 784\") Tensor x;",
                "    @Input(shape = \"batch\", dtype = DType.INT32) Tensor y;",
                "    @Shared(shape = \"784, 500\") Tensor w1;",
                "    @Shared(shape = \"500\") Tensor b1;",
                "    @Shared(shape = \"10\") Tensor b9;",
                "    @Hyper double lr = 0.1;"));
        for (String m : members) lines.add("    " + m);
        lines.add("}");
        return source("demo." + name, lines.toArray(String[]::new));
    }

    /** Compiles {@code sources} with the Javano processor and the given javac options. */
    static Compilation compile(List<String> options, Src... sources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (Src s : sources) files.add(s.file());
        return Compiler.javac().withProcessors(new JavanoProcessor()).withOptions(options).compile(files);
    }

    static Compilation compile(Src... sources) {
        return compile(List.of(), sources);
    }

    /**
     * Compiles {@code sources} with the Javano processor into the folder {@code classes}, the
     * class output, and returns the diagnostics: for what a failed compilation still wrote, which
     * compile-testing does not keep.
     */
    static List<Diagnostic<? extends JavaFileObject>> compileInto(Path classes, List<String> options, Src... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            List<String> all = new ArrayList<>(options);
            all.addAll(List.of("-classpath", System.getProperty("java.class.path")));
            CompilationTask task = javac.getTask(null, files, diagnostics, all, null,
                    Arrays.stream(sources).map(Src::file).toList());
            task.setProcessors(List.of(new JavanoProcessor()));
            task.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return diagnostics.getDiagnostics();
    }

    /**
     * The one diagnostic of {@code kind} whose text is exactly {@code message}; fails, listing
     * every diagnostic, when there is none or more than one.
     */
    static Diagnostic<? extends JavaFileObject> exactlyOne(Compilation c, Diagnostic.Kind kind, String message) {
        List<Diagnostic<? extends JavaFileObject>> matching = c.diagnostics().stream()
                .filter(d -> d.getKind() == kind && d.getMessage(Locale.ROOT).equals(message))
                .toList();
        assertEquals(1, matching.size(),
                () -> "expected one " + kind + " \"" + message + "\"; the compilation reported:\n" + describe(c));
        return matching.get(0);
    }

    /** Every diagnostic of {@code c}, one a line, with its position: for failure messages. */
    static String describe(Compilation c) {
        return c.diagnostics().stream()
                .map(d -> "  " + d.getKind() + " " + (d.getSource() == null ? "-" : d.getSource().getName()) + ":"
                        + d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }
}
