package dev.javano.tests;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.javano.processor.JavanoProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generated source of the north-star {@code Mlp}, held to a golden file that a person has
 * read. A deliberate change to the emitter regenerates it with
 * {@code mvn -pl tests -am verify -Dtest=GoldenSourceTest -Djavano.golden.update=true}; the diff
 * then shows in review what users will see in their generated classes.
 */
class GoldenSourceTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/MlpModel.java");

    @Test
    void theGeneratedMlpModelIsTheReviewedOne() throws IOException {
        Compilation c = Compiler.javac().withProcessors(new JavanoProcessor())
                .compile(JavaFileObjects.forResource("models/demo/Mlp.java"));
        assertThat(c).succeededWithoutWarnings();
        String generated = c.generatedSourceFile("demo.MlpModel").orElseThrow().getCharContent(true).toString();
        if (Boolean.getBoolean("javano.golden.update")) Files.writeString(GOLDEN, generated, StandardCharsets.UTF_8);
        String golden = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        assertEquals(golden, generated, "the generated MlpModel changed; if on purpose, regenerate " + GOLDEN
                + " with -Djavano.golden.update=true and review the diff");
    }
}
