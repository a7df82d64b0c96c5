package dev.javano.symbolic.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Walks over graphs. */
public final class Graphs {

    private Graphs() {}

    /** Every node the roots depend on, inputs before users, each once (iterative: deep graphs are fine). */
    public static List<Node> topologicalOrder(List<Node> roots) {
        return topologicalOrder(roots, n -> false);
    }

    /** As {@link #topologicalOrder(List)}, but neither listing nor entering nodes that {@code known} accepts. */
    public static List<Node> topologicalOrder(List<Node> roots, Predicate<Node> known) {
        List<Node> order = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        for (Node root : roots) {
            if (done.contains(root) || known.test(root)) continue;
            stack.push(new Object[] {root, 0});
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                Node n = (Node) frame[0];
                int next = (Integer) frame[1];
                if (done.contains(n)) {
                    stack.pop();
                } else if (next < n.inputs().size()) {
                    frame[1] = next + 1;
                    Node in = n.input(next);
                    if (!done.contains(in) && !known.test(in)) stack.push(new Object[] {in, 0});
                } else {
                    stack.pop();
                    done.add(n);
                    order.add(n);
                }
            }
        }
        return order;
    }
}
