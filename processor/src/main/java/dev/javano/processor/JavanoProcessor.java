package dev.javano.processor;

import com.google.auto.service.AutoService;
import dev.javano.processor.diag.Message;
import dev.javano.processor.stage.CompiledModel;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The Javano annotation processor: runs every {@code @Model} class through the
 * {@link dev.javano.processor.stage.ModelPipeline}. This class itself touches no javac API, so
 * that under a compiler without {@code com.sun.source} (Eclipse's) it can say so in one clear
 * error instead of failing with {@code NoClassDefFoundError}.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes("dev.javano.Model")
public final class JavanoProcessor extends AbstractProcessor {

    /** Handles one model class; implemented against javac's tree API in {@link JavacModels}. */
    interface Models {
        void process(Element model);
    }

    private final Consumer<CompiledModel> listener;
    private Models models;
    private String unavailable;

    /** The processor javac finds through {@code META-INF/services}. */
    public JavanoProcessor() {
        this(model -> {});
    }

    /** A processor that also hands every model that passed all stages to {@code listener} (tests, tools). */
    public JavanoProcessor(Consumer<CompiledModel> listener) {
        this.listener = listener;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        try {
            Class.forName("com.sun.source.util.Trees");
            models = JavacModels.create(env, listener);
        } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
            unavailable = env.getClass().getName();
        }
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(dev.javano.processor.stage.ModelPipeline.FAIL_STAGE_OPTION);
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element model : round.getElementsAnnotatedWith(annotation)) {
                if (models == null) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, Message.NOT_JAVAC.format(unavailable), model);
                } else {
                    models.process(model);
                }
            }
        }
        return true;
    }
}
