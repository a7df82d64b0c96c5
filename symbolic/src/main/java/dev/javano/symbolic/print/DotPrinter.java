package dev.javano.symbolic.print;

import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.Variable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints graphs in Graphviz DOT, for {@code dot -Tsvg}. One DOT node per graph node, named
 * {@code n0, n1, ...} in {@link Graphs#topologicalOrder topological order} (inputs first), with
 * the op name and the type as its label: variables are ellipses, constants notes, other ops
 * boxes, and output roots get a double border. Edges run from an input to its consumer and
 * carry the input's index when the consumer has more than one input. Each output's name is a
 * plaintext node {@code out0, out1, ...} fed by its root through a dashed edge. The text
 * depends only on the graph's structure, never on the order its nodes were created in.
 */
public final class DotPrinter {

    private DotPrinter() {}

    /**
     * Prints the graphs of named outputs as one DOT digraph.
     *
     * @param graphName the digraph's name (quoted and escaped as needed)
     * @param outputs function-output names to their root nodes, in the order to print them
     * @return the DOT text: node statements, then edges, then the output names
     */
    public static String print(String graphName, Map<String, Node> outputs) {
        List<Node> order = Graphs.topologicalOrder(List.copyOf(outputs.values()));
        Map<Node, String> ids = new HashMap<>();
        for (Node n : order) ids.put(n, "n" + ids.size());
        Set<Node> roots = new HashSet<>(outputs.values());

        StringBuilder out = new StringBuilder("digraph ").append(quote(graphName)).append(" {\n");
        for (Node n : order) appendNode(out, ids.get(n), n, roots.contains(n));
        for (Node n : order) appendEdges(out, ids, n);
        appendOutputs(out, ids, outputs);
        return out.append("}\n").toString();
    }

    private static void appendNode(StringBuilder out, String id, Node n, boolean root) {
        String label = escape(n.op().name()) + "\\n" + escape(n.type().toString());
        out.append("  ").append(id).append(" [label=\"").append(label).append("\", shape=").append(shape(n));
        out.append(root ? ", peripheries=2" : "").append("];\n");
    }

    private static String shape(Node n) {
        if (n.op() instanceof Variable) return "ellipse";
        if (n.op() instanceof Constant) return "note";
        return "box";
    }

    private static void appendEdges(StringBuilder out, Map<Node, String> ids, Node n) {
        List<Node> inputs = n.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            out.append("  ").append(ids.get(inputs.get(i))).append(" -> ").append(ids.get(n));
            out.append(inputs.size() > 1 ? " [label=\"" + i + "\"]" : "").append(";\n");
        }
    }

    private static void appendOutputs(StringBuilder out, Map<Node, String> ids, Map<String, Node> outputs) {
        int k = 0;
        for (Map.Entry<String, Node> output : outputs.entrySet()) {
            String id = "out" + k++;
            out.append("  ").append(id).append(" [label=").append(quote(output.getKey()));
            out.append(", shape=plaintext];\n");
            out.append("  ").append(ids.get(output.getValue())).append(" -> ").append(id).append(" [style=dashed];\n");
        }
    }

    private static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    /** For a DOT quoted string: backslashes and quotes escaped, line breaks as {@code \n}. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n");
    }
}
