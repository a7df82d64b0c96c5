package dev.javano.processor.emit;

import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Gemm;
import dev.javano.symbolic.ops.Loop;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.shape.Dim;
import java.util.ArrayList;
import java.util.List;

/**
 * When a loop over time can run as independent bands of rows, one per thread: every state, every
 * sequence's step value and every value the step computes has the same named dim (the batch) as
 * its first axis and nowhere else, and each is computed row by row from the rows of the same index
 * — elementwise (operands without that dim are broadcast to every row), or a product
 * {@code rows · w} whose right operand has no rows. Then row i of every state depends only on row
 * i of the sequences and initial states, and a band of rows is a recurrence of its own (an Elman
 * RNN's step, and its reverse loop once {@code LoopHoisting} has moved the weight gradients out).
 * A step that mixes rows (a sum over the batch, a transpose, a softmax over it) runs as one loop.
 */
final class RowBands {

    private RowBands() {}

    /**
     * The dim a loop can be cut along, or null.
     *
     * @param group the loop's values the function reads (stacked or last)
     * @param varying the nodes of the step computed at every step, in order
     */
    static Dim rowDim(Loop loop, List<Node> group, List<Node> varying) {
        if (loop.states().isEmpty() || loop.states().get(0).rank() == 0) return null;
        Dim rows = loop.states().get(0).shape().get(0);
        if (!(rows instanceof Dim.Named)) return null;
        List<Node> leading = new ArrayList<>(loop.states());
        leading.addAll(loop.sequences());
        for (Node n : group) leading.add(((Scan) n.op()).what());
        for (Node n : leading) if (!rowsFirst(n, rows)) return null;
        for (Node p : loop.nonSequences()) if (!rowsFirst(p, rows) && !withoutRows(p, rows)) return null;
        for (Node n : varying) if (!rowByRow(n, rows)) return null;
        return rows;
    }

    private static boolean rowByRow(Node n, Dim rows) {
        if (n.op() instanceof Variable) return true;
        if (!rowsFirst(n, rows)) return false;
        if (n.op() instanceof Gemm g) {
            Node a = n.input(0), b = n.input(1), c = n.input(2);
            return !g.transA() && a.rank() == 2 && rowsFirst(a, rows) && withoutRows(b, rows)
                    && (withoutRows(c, rows) || c.rank() == 2 && rowsFirst(c, rows) || broadcastOfRows(c, rows))
                    && n.input(3).rank() == 0 && n.input(4).rank() == 0;
        }
        if (n.op() instanceof BroadcastTo) return operand(n.input(0), n, rows);
        if (!Fusion.isElementwise(n)) return false;
        for (Node in : n.inputs()) if (!operand(in, n, rows)) return false;
        return true;
    }

    /** An elementwise operand: rows aligned with the result's, or none (broadcast to every row). */
    private static boolean operand(Node in, Node result, Dim rows) {
        Node source = in.op() instanceof BroadcastTo ? in.input(0) : in;
        return withoutRows(source, rows) || source.rank() == result.rank() && rowsFirst(source, rows);
    }

    private static boolean broadcastOfRows(Node n, Dim rows) {
        return n.op() instanceof BroadcastTo && n.input(0).rank() == n.rank() && rowsFirst(n.input(0), rows);
    }

    /** The rows dim on axis 0, and on no other axis. */
    private static boolean rowsFirst(Node n, Dim rows) {
        return n.rank() > 0 && n.shape().get(0).equals(rows) && n.shape().dims().subList(1, n.rank()).stream().noneMatch(rows::equals);
    }

    private static boolean withoutRows(Node n, Dim rows) {
        return n.shape().dims().stream().noneMatch(rows::equals);
    }
}
