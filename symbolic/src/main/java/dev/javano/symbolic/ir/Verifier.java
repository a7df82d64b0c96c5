package dev.javano.symbolic.ir;

import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a graph's invariants between phases (in tests), loop bodies included: no poison; every
 * node's type is what its op's type rule gives for its inputs; every node is the builder's interned node for its
 * structure (so structurally equal nodes are one node).
 */
public final class Verifier {

    private Verifier() {}

    /** The violations, each a line naming the node; empty when the graph is sound. */
    public static List<String> violations(GraphBuilder b, List<Node> roots) {
        List<String> out = new ArrayList<>();
        for (Node n : dev.javano.symbolic.ops.Scan.everyNode(roots)) {
            if (GraphBuilder.isPoison(n)) {
                out.add(n + ": poison (an op whose problem was reported)");
                continue;
            }
            Result<TensorType> type = n.op().infer(n.inputs().stream().map(Node::type).toList());
            if (!type.isOk()) out.add(n + ": type rule fails: " + type.problem().message());
            else if (!type.orElseThrow().equals(n.type())) out.add(n + ": type should be " + type.orElseThrow());
            if (b.find(n.op(), n.inputs()) != n) out.add(n + ": not the interned node for its structure");
        }
        return out;
    }

    /** Throws listing the violations: for tests and debug runs. */
    public static void verify(GraphBuilder b, List<Node> roots) {
        List<String> v = violations(b, roots);
        if (!v.isEmpty()) throw new IllegalStateException("graph violates invariants:\n  " + String.join("\n  ", v));
    }
}
