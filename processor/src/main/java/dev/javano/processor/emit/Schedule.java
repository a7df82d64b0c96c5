package dev.javano.processor.emit;

import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.ops.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which a function's nodes are emitted: topological from its result and its
 * updates, with two moves that let the sum of squares of an L2 term run on a worker thread
 * beside the rest of the step ({@code Blas.Background}), since only the returned loss reads it:
 *
 * <ul>
 *   <li>a sum of the squares of a shared variable starts right after the first other reader of
 *       the variable (the forward product), so that the step's work until the variable's update
 *       overlaps it;
 *   <li>the scalar arithmetic that only the result needs (the loss: mean, L2 term, their sum)
 *       comes last, so that reading the sum waits as late as it can.
 * </ul>
 *
 * Both keep the order topological and every value the same: only where statements stand moves.
 */
final class Schedule {

    private Schedule() {}

    static List<Node> of(List<Node> roots, Collection<Node> updateValues) {
        List<Node> order = new ArrayList<>(Graphs.topologicalOrder(roots));
        Map<Node, List<Node>> consumers = new HashMap<>();
        for (Node n : order) for (Node in : n.inputs()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        startSumsOfSquaresEarly(order, consumers);
        return resultTailLast(order, consumers, updateValues);
    }

    /** The variable whose squares {@code sum} adds up over all axes, or null. */
    static Node summedSquares(Node sum, Map<Node, List<Node>> consumers) {
        if (sum.rank() != 0 || !(sum.op() instanceof Reduce r) || r.kind() != Reduce.Kind.SUM) return null;
        Node square = sum.input(0);
        Node x = squared(square);
        boolean onlyReader = consumers.getOrDefault(square, List.of()).equals(List.of(sum));
        return x != null && x.op() instanceof Variable && x.rank() > 0 && onlyReader ? x : null;
    }

    /** {@code x} when {@code n} is {@code x²} ({@code square(x)} or {@code x * x}), else null. */
    static Node squared(Node n) {
        if (n.op() instanceof Unary u && u.fn() == Unary.Fn.SQUARE) return n.input(0);
        if (n.op() instanceof Binary b && b.fn() == Binary.Fn.MUL && n.input(0) == n.input(1)) return n.input(0);
        return null;
    }

    private static void startSumsOfSquaresEarly(List<Node> order, Map<Node, List<Node>> consumers) {
        for (Node sum : List.copyOf(order)) {
            Node x = summedSquares(sum, consumers);
            if (x == null) continue;
            Node square = sum.input(0);
            order.remove(square);
            order.remove(sum);
            int at = order.indexOf(x);
            for (int i = at + 1; i < order.size(); i++) {
                if (order.get(i).inputs().contains(x)) {
                    at = i;
                    break;
                }
            }
            order.add(at + 1, square);
            order.add(at + 2, sum);
        }
    }

    /**
     * Moves to the end the scalars computed from scalars alone that no update needs, and whose
     * readers all move too (a loss's tail), in their order.
     */
    private static List<Node> resultTailLast(List<Node> order, Map<Node, List<Node>> consumers, Collection<Node> updateValues) {
        Set<Node> needed = ancestors(updateValues);
        Set<Node> tail = new LinkedHashSet<>();
        for (Node n : order) {
            boolean scalarArithmetic = n.rank() == 0 && !n.inputs().isEmpty() && !(n.op() instanceof Reduce)
                    && n.inputs().stream().allMatch(in -> in.rank() == 0);
            if (scalarArithmetic && !needed.contains(n)) tail.add(n);
        }
        boolean changed = true;
        while (changed) { // a value read by something that stays, stays
            changed = tail.removeIf(n -> consumers.getOrDefault(n, List.of()).stream().anyMatch(u -> !tail.contains(u)));
        }
        List<Node> moved = new ArrayList<>(order);
        moved.removeAll(tail);
        moved.addAll(tail);
        return moved;
    }

    private static Set<Node> ancestors(Collection<Node> from) {
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (seen.add(n)) todo.addAll(n.inputs());
        }
        return seen;
    }
}
