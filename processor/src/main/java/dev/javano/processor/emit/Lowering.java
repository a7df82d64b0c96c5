package dev.javano.processor.emit;

import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Verifier;
import dev.javano.symbolic.rewrite.LoopHoisting;
import dev.javano.symbolic.rewrite.Phase;
import dev.javano.symbolic.rewrite.Rewriter;
import dev.javano.symbolic.rewrite.rules.Canonicalize;
import dev.javano.symbolic.rewrite.rules.Specialize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU back end's rewrite phases over a function: hoist what loops need not compute step by
 * step ({@link LoopHoisting}), specialize (gemm and what it folds), then canonicalize again to fold the scalar arithmetic the folding left. Elementwise fusion happens
 * when the function is scheduled ({@link Fusion}), where consumers are known.
 */
public final class Lowering {

    /** The back-end phases, in order. */
    public static final List<Phase> PHASES = List.of(Specialize.PHASE, Canonicalize.PHASE);

    private Lowering() {}

    public static FunctionGraph lower(GraphBuilder b, FunctionGraph f) {
        List<Node> roots = new ArrayList<>();
        roots.add(f.result());
        roots.addAll(f.updates().values());
        List<Node> lowered = Rewriter.run(b, LoopHoisting.run(b, roots), PHASES).roots();
        Verifier.verify(b, lowered);
        Map<Node, Node> updates = new LinkedHashMap<>();
        int i = 1;
        for (Node target : f.updates().keySet()) updates.put(target, lowered.get(i++));
        return f.withGraph(lowered.get(0), updates);
    }
}
