package dev.javano.processor.stage;

import com.sun.source.util.Trees;
import dev.javano.processor.diag.Diagnostics;
import dev.javano.processor.diag.Message;
import dev.javano.processor.emit.UnsupportedByBackend;
import dev.javano.processor.model.FunctionDecl;
import dev.javano.processor.model.ModelDecl;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.build.GraphBuilder;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Runs one {@code @Model} class through the stages, each on what passed the one before:
 * validate declarations, translate bodies and check shapes and dtypes (gradients included),
 * rewrite, write the graph resources. Diagnostics are collected as values and reported at the
 * end; anything unexpected becomes one "internal error" at the model, never an exception in javac.
 */
public final class ModelPipeline {

    /** Processor option for tests: throw inside the named stage, to prove failures are contained. */
    public static final String FAIL_STAGE_OPTION = "javano.testing.failStage";

    private final Trees trees;
    private final Filer filer;
    private final Messager messager;
    private final String failStage;
    private final boolean emit;

    /**
     * @param emit whether to write the generated {@code XxxModel}: only where {@code runtime-cpu},
     *     which it calls, is on the compile classpath
     */
    public ModelPipeline(Trees trees, Filer filer, Messager messager, String failStage, boolean emit) {
        this.trees = trees;
        this.filer = filer;
        this.messager = messager;
        this.failStage = failStage;
        this.emit = emit;
    }

    public Optional<CompiledModel> process(Element annotated) {
        Diagnostics diagnostics = new Diagnostics();
        String stage = "validating the declarations of " + annotated.getSimpleName();
        Optional<ModelDecl> decl = Optional.empty();
        try {
            enter("declarations");
            decl = new DeclarationReader(trees, diagnostics).read(annotated);
            if (decl.isEmpty()) return Optional.empty();
            stage = "translating the methods of " + annotated.getSimpleName();
            enter("translate");
            GraphBuilder b = new GraphBuilder();
            List<FunctionGraph> graphs = TranslateBodies.run(decl.get(), b, trees, diagnostics);
            if (diagnostics.hasErrors()) return Optional.empty();
            stage = "rewriting the graphs of " + annotated.getSimpleName();
            enter("rewrite");
            graphs = RewriteGraphs.run(b, graphs);
            stage = "writing the graph of " + annotated.getSimpleName();
            enter("write");
            WriteGraphs.run(filer, (TypeElement) annotated, graphs);
            CompiledModel compiled = new CompiledModel(decl.get(), b, graphs);
            if (emit) {
                stage = "generating " + annotated.getSimpleName() + "Model";
                enter("emit");
                EmitModel.run(filer, compiled);
            }
            return Optional.of(compiled);
        } catch (UnsupportedByBackend e) {
            Element at = decl.flatMap(d -> d.functions().stream().filter(f -> f.name().equals(e.function())).findFirst())
                    .<Element>map(FunctionDecl::method).orElse(annotated); // the method whose graph it is
            diagnostics.add(at, null, Message.NOT_YET_SUPPORTED, e.getMessage());
            return Optional.empty();
        } catch (Exception | StackOverflowError | AssertionError e) {
            diagnostics.add(annotated, null, Message.INTERNAL_ERROR, stage, e);
            return Optional.empty();
        } finally {
            diagnostics.report(trees, messager);
        }
    }

    private void enter(String stage) {
        if (stage.equals(failStage)) throw new IllegalStateException("failure injected in stage " + stage);
    }
}
