package dev.javano.symbolic.print;

import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Loop;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints graphs as indented text, in the style of Theano's {@code debugprint}:
 *
 * <pre>
 * cost:
 * div [id A] float32[]
 *  |sum{axes=[0]} [id B] float32[]
 *  | |input x [id C] float32[batch]
 *  |size batch [id D] float32[]
 * </pre>
 *
 * <p>Each line is {@code op-name [id X] type}; a node's inputs follow it in order, one level
 * deeper, each level drawn as {@code " |"}. Ids are letters ({@code A ... Z, AA, AB ...})
 * given in printing order, so the text depends only on the graph's structure, never on the
 * order its nodes were created in. A node already printed (in this output or an earlier one)
 * is printed again as its one line followed by {@code " ^"}, without its inputs: a shared
 * subgraph appears once, and the text grows with the number of nodes, not of paths. Outputs
 * are separated by a blank line. The tree drawing is plain ASCII; op names and types are
 * printed as they are. Printing uses an explicit stack, so graphs thousands of nodes deep are
 * fine.
 */
public final class TextPrinter {

    /** Marks the line of a node printed earlier, whose inputs are not repeated. */
    private static final String SEEN = " ^";

    private static final String LEVEL = " |";

    private TextPrinter() {}

    /**
     * Prints the graphs of named outputs, in the map's iteration order (use a
     * {@link java.util.LinkedHashMap}): for each, a {@code name:} header line then its tree.
     * Ids are shared across outputs, so a node reached from two outputs is printed in full once.
     *
     * @param outputs function-output names to their root nodes
     * @return the text, one line per printed node, each ending with a newline
     */
    public static String print(Map<String, Node> outputs) {
        StringBuilder out = new StringBuilder();
        Map<Node, String> ids = new HashMap<>();
        for (Map.Entry<String, Node> output : outputs.entrySet()) {
            if (out.length() > 0) out.append('\n');
            out.append(output.getKey()).append(":\n");
            appendTree(output.getValue(), ids, out);
        }
        appendLoopBodies(ids, out);
        return out.toString();
    }

    /**
     * The body of every loop printed so far, after the outputs: a header naming its step
     * parameters, then each result and each other kept value as a tree, sharing ids.
     */
    private static void appendLoopBodies(Map<Node, String> ids, StringBuilder out) {
        Set<Loop> printed = new LinkedHashSet<>();
        for (boolean more = true; more; ) {
            more = false;
            List<Node> byId = new ArrayList<>(ids.keySet());
            byId.sort(Comparator.comparing(n -> ids.get(n).length()).thenComparing(ids::get));
            for (Node n : byId) {
                if (!(n.op() instanceof Scan scan) || !printed.add(scan.loop())) continue;
                more = true;
                Loop loop = scan.loop();
                out.append("\nloop ").append(loop.tag()).append(": ").append(loop.steps()).append(" steps")
                        .append(loop.backwards() ? ", backwards" : "").append("; sequences ").append(names(loop.sequences()))
                        .append("; states ").append(names(loop.states())).append("; non-sequences ")
                        .append(names(loop.nonSequences())).append('\n');
                for (int k = 0; k < loop.results().size(); k++) {
                    out.append(k < loop.states().size() ? "new " + names(List.of(loop.states().get(k))) : "output " + k).append(":\n");
                    appendTree(loop.results().get(k), ids, out);
                }
                for (Node other : byId) {
                    if (other.op() instanceof Scan s && s.loop().equals(loop) && !loop.results().contains(s.what())) {
                        out.append("kept for ").append(ids.get(other)).append(":\n");
                        appendTree(s.what(), ids, out);
                    }
                }
                break; // ids grew: list them again
            }
        }
    }

    private static String names(List<Node> parameters) {
        if (parameters.isEmpty()) return "none";
        List<String> out = new ArrayList<>();
        for (Node p : parameters) out.add(((Variable) p.op()).field());
        return String.join(", ", out);
    }

    /**
     * Prints the graph of a single root, with no header line.
     *
     * @param root the node to print with everything it depends on
     * @return the text, one line per printed node, each ending with a newline
     */
    public static String print(Node root) {
        StringBuilder out = new StringBuilder();
        appendTree(root, new HashMap<>(), out);
        return out.toString();
    }

    /**
     * The id of the {@code index}-th printed node (from 0): {@code A ... Z, AA ... AZ, BA ...}
     * (bijective base 26, like spreadsheet columns).
     */
    static String letters(int index) {
        StringBuilder s = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            s.append((char) ('A' + (n - 1) % 26));
        }
        return s.reverse().toString();
    }

    private record Pending(Node node, int depth) {}

    /** Depth-first, inputs in order; a node gets its id when its line is written. */
    private static void appendTree(Node root, Map<Node, String> ids, StringBuilder out) {
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(root, 0));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            String id = ids.get(p.node());
            boolean seen = id != null;
            if (!seen) {
                id = letters(ids.size());
                ids.put(p.node(), id);
            }
            appendLine(out, p, id, seen);
            if (!seen) pushInputs(stack, p);
        }
    }

    private static void appendLine(StringBuilder out, Pending p, String id, boolean seen) {
        Node n = p.node();
        out.append(LEVEL.repeat(p.depth()));
        out.append(n.op().name()).append(" [id ").append(id).append("] ").append(n.type());
        out.append(seen ? SEEN : "").append('\n');
    }

    /** Pushed last to first, so the first input is printed first. */
    private static void pushInputs(Deque<Pending> stack, Pending p) {
        List<Node> inputs = p.node().inputs();
        for (int i = inputs.size() - 1; i >= 0; i--) {
            stack.push(new Pending(inputs.get(i), p.depth() + 1));
        }
    }
}
