package dev.javano.symbolic.rewrite;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.shape.Broadcast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies rule tables to a graph, phase by phase. Within a phase, nodes are rewritten bottom-up:
 * a node is rebuilt on its rewritten inputs, then the first rule whose pattern matches replaces
 * it, and the replacement is rewritten in turn until no rule matches. The graph is immutable:
 * the result is new roots over the same builder, and the log says which rule fired where.
 */
public final class Rewriter {

    /** One application of a rule. */
    public record Firing(String phase, String rule, Node before, Node after) {}

    /** The rewritten roots, in the order given, and every firing in order. */
    public record Rewritten(List<Node> roots, List<Firing> log) {}

    /**
     * More firings than this in one phase means a rule keeps producing new work. (Two rules that
     * undo each other stop by themselves: a node is its own provisional normal form.)
     */
    private static final int BUDGET = 1_000_000;

    private final GraphBuilder b;
    private final Phase phase;
    private final List<Firing> log;
    private final Map<Node, Node> memo = new HashMap<>();
    private int budget = BUDGET;

    private Rewriter(GraphBuilder b, Phase phase, List<Firing> log) {
        this.b = b;
        this.phase = phase;
        this.log = log;
    }

    public static Rewritten run(GraphBuilder b, List<Node> roots, List<Phase> phases) {
        List<Firing> log = new ArrayList<>();
        List<Node> current = roots;
        for (Phase phase : phases) {
            Rewriter r = new Rewriter(b, phase, log);
            current = current.stream().map(r::normalize).toList();
        }
        return new Rewritten(current, log);
    }

    private Node normalize(Node root) {
        for (Node n : Graphs.topologicalOrder(List.of(root), memo::containsKey)) {
            memo.put(n, settle(rebuild(n)));
        }
        return memo.get(root);
    }

    private Node rebuild(Node n) {
        List<Node> inputs = n.inputs().stream().map(memo::get).toList();
        if (n.op() instanceof Scan scan) return scan.rebuild(b, inputs, this::normalize); // its body is rewritten too
        if (inputs.equals(n.inputs())) return n;
        Node rebuilt = b.apply(n.op(), inputs);
        if (GraphBuilder.isPoison(rebuilt)) throw new IllegalStateException("rewritten inputs no longer type-check at " + n);
        return rebuilt;
    }

    /** The normal form of {@code n}, whose inputs are already normal. */
    private Node settle(Node n) {
        Node known = memo.get(n);
        if (known != null) return known;
        memo.put(n, n); // provisional: a replacement that contains n keeps it as it is
        for (Rule rule : phase.rules()) {
            Match m = rule.pattern().matchAt(n);
            if (m == null) continue;
            Node replacement = rule.replacement().build(m, b);
            if (replacement == null || replacement == n) continue;
            if (GraphBuilder.isPoison(replacement)) {
                throw new IllegalStateException("rule " + rule.name() + " built a replacement for " + n
                        + " that does not type-check");
            }
            if (--budget < 0) throw new IllegalStateException("rewrite rules loop in phase " + phase.name() + " at " + n);
            Node fitted = fit(rule, replacement, n);
            log.add(new Firing(phase.name(), rule.name(), n, fitted));
            Node result = normalize(fitted);
            memo.put(n, result);
            return result;
        }
        return n;
    }

    /** The replacement with {@code original}'s exact type: a narrower shape is broadcast back. */
    private Node fit(Rule rule, Node replacement, Node original) {
        if (replacement.type().equals(original.type())) return replacement;
        if (replacement.dtype() == original.dtype() && Broadcast.broadcastsTo(replacement.shape(), original.shape())) {
            return b.broadcastTo(replacement, original.shape());
        }
        throw new IllegalStateException("rule " + rule.name() + " changed the type of " + original + " to "
                + replacement.type());
    }
}
