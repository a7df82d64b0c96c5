package dev.javano.processor.stage;

import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.javano.processor.diag.Diagnostics;
import dev.javano.processor.diag.Message;
import dev.javano.processor.model.FunctionDecl;
import dev.javano.processor.model.ModelDecl;
import dev.javano.processor.model.TensorField;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.processor.translate.Translator;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.build.Reported;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stages 2 and 3, translate bodies and check shapes and dtypes: every function's body becomes
 * its graph (gradients included), and the shape, dtype and gradient problems the symbolic core
 * found become diagnostics at the expressions that caused them. Then the function-level checks:
 * a scalar {@code @Loss}, no unused {@code @Input}.
 */
final class TranslateBodies {

    private TranslateBodies() {}

    static List<FunctionGraph> run(ModelDecl decl, GraphBuilder b, Trees trees, Diagnostics diagnostics) {
        Translator translator = new Translator(decl, b, trees, diagnostics);
        List<FunctionGraph> graphs = new ArrayList<>();
        for (FunctionDecl f : decl.functions()) translator.translate(f).ifPresent(graphs::add);
        for (Reported r : b.problems()) {
            diagnostics.add(decl.type(), (Tree) r.origin(), ProblemMessages.of(r.problem()), r.problem().message());
        }
        if (!diagnostics.hasErrors()) checkFunctions(decl, graphs, trees, diagnostics);
        return graphs;
    }

    private static void checkFunctions(ModelDecl decl, List<FunctionGraph> graphs, Trees trees, Diagnostics diagnostics) {
        for (FunctionGraph g : graphs) {
            if (g.decl().kind() == FunctionDecl.Kind.LOSS && g.result().rank() != 0) {
                diagnostics.add(g.decl().method(), trees.getTree(g.decl().method()), Message.LOSS_NOT_SCALAR,
                        g.decl().name(), g.result().shape());
            }
        }
        Set<String> used = usedInputs(graphs);
        for (TensorField input : decl.inputs()) {
            if (!used.contains(input.name())) diagnostics.add(input.element(), null, Message.UNUSED_INPUT, input.name());
        }
    }

    private static Set<String> usedInputs(List<FunctionGraph> graphs) {
        List<Node> roots = new ArrayList<>();
        for (FunctionGraph g : graphs) {
            roots.add(g.result());
            roots.addAll(g.updates().values());
        }
        Set<String> used = new HashSet<>();
        for (Node n : Graphs.topologicalOrder(roots)) {
            if (n.op() instanceof dev.javano.symbolic.ops.Variable v && v.kind() == dev.javano.symbolic.ops.Variable.Kind.INPUT) {
                used.add(v.field());
            }
        }
        return used;
    }
}
