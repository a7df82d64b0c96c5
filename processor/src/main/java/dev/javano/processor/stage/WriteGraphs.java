package dev.javano.processor.stage;

import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.print.DotPrinter;
import dev.javano.symbolic.print.TextPrinter;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Stage 5, make the graph visible: {@code META-INF/javano/<qualified model name>.graph.txt}
 * (the text printer, one section per function) and a Graphviz {@code .dot} beside it, written
 * next to the compiled classes.
 */
final class WriteGraphs {

    static final String FOLDER = "META-INF/javano/";

    private WriteGraphs() {}

    /** The roots of every function by display name: {@code sgd}, {@code sgd: w1 <-}. */
    static Map<String, Node> named(List<FunctionGraph> functions) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (FunctionGraph f : functions) {
            out.put(f.decl().name(), f.result());
            f.updates().forEach((target, value) ->
                    out.put(f.decl().name() + ": " + ((Variable) target.op()).field() + " <-", value));
        }
        return out;
    }

    static void run(Filer filer, TypeElement model, List<FunctionGraph> functions) throws IOException {
        Map<String, Node> named = named(functions);
        String base = FOLDER + model.getQualifiedName();
        write(filer, model, base + ".graph.txt", TextPrinter.print(named));
        write(filer, model, base + ".dot", DotPrinter.print(model.getSimpleName().toString(), named));
    }

    private static void write(Filer filer, TypeElement model, String path, String text) throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, model);
        try (Writer w = file.openWriter()) {
            w.write(text);
        }
    }
}
