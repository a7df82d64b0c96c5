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
        String source = new ModelEmitter(model).source();
        String name = type.getQualifiedName() + "Model";
        JavaFileObject file = filer.createSourceFile(name, type);
        try (Writer w = file.openWriter()) {
            w.write(source);
        }
    }
}
