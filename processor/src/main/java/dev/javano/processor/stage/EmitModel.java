package dev.javano.processor.stage;

import dev.javano.processor.emit.ModelEmitter;
import java.io.IOException;
import java.io.Writer;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/** Stage 6, emit: writes {@code XxxModel} for the CPU back end next to the model class. */
final class EmitModel {

    private EmitModel() {}

    static void run(Filer filer, CompiledModel model) throws IOException {
        TypeElement type = model.decl().type();
        ModelEmitter emitter = new ModelEmitter(model);
        JavaFileObject file = filer.createSourceFile(emitter.qualifiedClassName(), type);
        String source = emitter.source();
        try (Writer w = file.openWriter()) {
            w.write(source);
        }
    }
}
