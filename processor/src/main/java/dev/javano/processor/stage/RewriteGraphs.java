package dev.javano.processor.stage;

import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Verifier;
import dev.javano.symbolic.rewrite.Rewriter;
import dev.javano.symbolic.rewrite.rules.RuleTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 4, rewrite: the front-end rule tables (canonicalize, stabilize) over each function's
 * roots, then the verifier, whose complaint would be a bug in Javano, not in the model.
 */
final class RewriteGraphs {

    private RewriteGraphs() {}

    static List<FunctionGraph> run(GraphBuilder b, List<FunctionGraph> functions) {
        List<FunctionGraph> out = new ArrayList<>();
        for (FunctionGraph f : functions) {
            List<Node> roots = new ArrayList<>();
            roots.add(f.result());
            roots.addAll(f.updates().values());
            List<Node> rewritten = Rewriter.run(b, roots, RuleTables.FRONT_END).roots();
            Verifier.verify(b, rewritten);
            Map<Node, Node> updates = new LinkedHashMap<>();
            int i = 1;
            for (Node target : f.updates().keySet()) updates.put(target, rewritten.get(i++));
            out.add(f.withGraph(rewritten.get(0), updates));
        }
        return out;
    }
}
