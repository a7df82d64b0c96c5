package dev.javano.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.javano.processor.TestSources.compile;
import static dev.javano.processor.TestSources.compileInto;
import static dev.javano.processor.TestSources.exactlyOne;
import static dev.javano.processor.TestSources.resource;
import static dev.javano.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.javano.processor.TestSources.Pos;
import dev.javano.processor.TestSources.Src;
import dev.javano.processor.stage.ModelPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor never lets an exception escape into javac. The test-only option
 * {@code -Ajavano.testing.failStage=<stage>} makes a stage throw; the failure must become one
 * JVN900 error at the model class, and javac must finish normally with a failed compilation
 * (were the exception to escape, compile-testing would rethrow it from {@code compile}).
 */
class InternalErrorTest {

    /**
     * The last stage, {@code emit}, runs only where {@code javano-runtime-cpu} is on the compile
     * classpath, which the processor finds by its class {@code dev.javano.runtime.Storage}: this
     * stand-in turns the stage on. (No generated class gets written: every case fails before.)
     */
    private static final Src RUNTIME = source("dev.javano.runtime.Storage",
            "package dev.javano.runtime;",
            "public class Storage {}");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "declarations, validating the declarations of Mlp",
        "translate,    translating the methods of Mlp",
        "rewrite,      rewriting the graphs of Mlp",
        "write,        writing the graph of Mlp",
        "emit,         generating MlpModel",
    })
    void failureInAStageIsOneErrorAtTheModel(String stage, String doing) {
        Src mlp = resource("demo.Mlp");

        Compilation c = compile(List.of(option(stage)), mlp, RUNTIME);

        assertEquals(Compilation.Status.FAILURE, c.status());
        String message = "[JVN900] internal error in Javano while " + doing + ": java.lang.IllegalStateException:"
                + " failure injected in stage " + stage + " (please report it)";
        exactlyOne(c, Diagnostic.Kind.ERROR, message);
        Pos model = mlp.at("class Mlp");
        assertThat(c).hadErrorContaining(message).inFile(mlp.file()).onLine(model.line()).atColumn(model.column());
        assertThat(c).hadErrorCount(1);
    }

    /**
     * Nothing is written from the failed stage on: the graph is written by the stage {@code write},
     * {@code XxxModel} by {@code emit}. (Compiled to a folder: compile-testing keeps no files of a
     * failed compilation.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "declarations, ''",
        "translate,    ''",
        "rewrite,      ''",
        "write,        ''",
        "emit,         META-INF/javano/demo.Mlp.dot META-INF/javano/demo.Mlp.graph.txt",
    })
    void nothingIsWrittenFromTheFailedStageOn(String stage, String expected, @TempDir Path classes)
            throws IOException {
        List<Diagnostic<? extends JavaFileObject>> diagnostics = compileInto(classes, List.of(option(stage)),
                resource("demo.Mlp"), RUNTIME);
        assertEquals(List.of("JVN900"), diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT).substring(1, 7))
                .toList());
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> written = files.filter(Files::isRegularFile)
                    .map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), written);
        }
    }

    private static String option(String stage) {
        return "-A" + ModelPipeline.FAIL_STAGE_OPTION + "=" + stage;
    }

    /** The control: without the option the same source compiles, so the error above is the injected failure. */
    @Test
    void withoutTheOptionTheModelCompiles() {
        assertThat(compile(resource("demo.Mlp"))).succeededWithoutWarnings();
    }
}
