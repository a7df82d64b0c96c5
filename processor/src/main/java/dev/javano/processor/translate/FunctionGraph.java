package dev.javano.processor.translate;

import dev.javano.processor.model.FunctionDecl;
import dev.javano.symbolic.ir.Node;
import java.util.Map;

/**
 * A function's graph: its result (the output, the loss, or for {@code @Updates} the loss it
 * returns) and, for {@code @Updates}, the new value of each updated shared variable, in the
 * order the updates were written.
 */
public record FunctionGraph(FunctionDecl decl, Node result, Map<Node, Node> updates) {

    public FunctionGraph {
        updates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(updates));
    }

    public FunctionGraph withGraph(Node newResult, Map<Node, Node> newUpdates) {
        return new FunctionGraph(decl, newResult, newUpdates);
    }
}
