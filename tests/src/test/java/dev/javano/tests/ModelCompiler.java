package dev.javano.tests;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.javano.processor.JavanoProcessor;
import dev.javano.processor.stage.CompiledModel;
import dev.javano.processor.translate.FunctionGraph;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles model sources from the test resources with the processor of this build, keeping what it made. */
final class ModelCompiler {

    private ModelCompiler() {}

    /** The compiled model of {@code resource} (e.g. {@code models/demo/Mlp.java}); fails the test on any diagnostic. */
    static CompiledModel compile(String resource) {
        List<CompiledModel> models = new ArrayList<>();
        JavaFileObject source = JavaFileObjects.forResource(resource);
        Compilation c = Compiler.javac().withProcessors(new JavanoProcessor(models::add)).compile(source);
        assertThat(c).succeededWithoutWarnings();
        if (models.size() != 1) throw new AssertionError("expected one compiled model, got " + models.size());
        return models.get(0);
    }

    static FunctionGraph function(CompiledModel model, String name) {
        return model.functions().stream()
                .filter(f -> f.decl().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name));
    }
}
