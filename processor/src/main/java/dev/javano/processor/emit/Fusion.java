package dev.javano.processor.emit;

import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Cast;
import dev.javano.symbolic.ops.Compare;
import dev.javano.symbolic.ops.Select;
import dev.javano.symbolic.ops.Unary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups elementwise nodes into fused loops. Walking from consumers to producers, an elementwise
 * node of the same shape joins its consumers' group when all of its consumers are in that one
 * group; broadcasts feeding only elementwise consumers are read in place by the loop. Each group
 * becomes one loop over its root's elements.
 */
final class Fusion {

    /** A fused loop: its root (the node it writes) and its members, producers first. */
    record Group(Node root, List<Node> members) {}

    private Fusion() {}

    static boolean isElementwise(Node n) {
        return n.rank() > 0 && (n.op() instanceof Unary || n.op() instanceof Binary || n.op() instanceof Compare
                || n.op() instanceof Select || n.op() instanceof Cast);
    }

    /** A broadcast read in place by elementwise loops, never materialized. */
    static boolean isFreeBroadcast(Node n, Map<Node, List<Node>> consumers) {
        return n.op() instanceof BroadcastTo
                && consumers.getOrDefault(n, List.of()).stream().allMatch(Fusion::isElementwise);
    }

    /** The groups of {@code schedule} (producers first), keyed by every member. */
    static Map<Node, Group> groups(List<Node> schedule, Map<Node, List<Node>> consumers, Set<Node> roots) {
        Map<Node, Node> rootOf = new HashMap<>();
        for (int i = schedule.size() - 1; i >= 0; i--) {
            Node n = schedule.get(i);
            if (!isElementwise(n)) continue;
            rootOf.put(n, joinedRoot(n, consumers.getOrDefault(n, List.of()), rootOf, roots));
        }
        Map<Node, List<Node>> members = new HashMap<>();
        for (Node n : schedule) {
            Node root = rootOf.get(n);
            if (root != null) members.computeIfAbsent(root, k -> new ArrayList<>()).add(n);
        }
        Map<Node, Group> out = new HashMap<>();
        members.forEach((root, list) -> {
            Group g = new Group(root, List.copyOf(list));
            list.forEach(m -> out.put(m, g));
        });
        return out;
    }

    private static Node joinedRoot(Node n, List<Node> users, Map<Node, Node> rootOf, Set<Node> roots) {
        if (roots.contains(n) || users.isEmpty()) return n;
        Set<Node> userRoots = new LinkedHashSet<>();
        for (Node u : users) userRoots.add(rootOf.get(u));
        if (userRoots.size() != 1 || userRoots.contains(null)) return n;
        Node root = userRoots.iterator().next();
        return root.shape().equals(n.shape()) ? root : n;
    }
}
