package dev.javano.symbolic.autodiff;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reverse-mode differentiation, as Theano's {@code grad}. Cotangents flow from the scalar cost
 * back to the requested nodes through each op's vector-Jacobian product; only nodes on a path
 * from a requested node to the cost are visited, and a node that gets no cotangent is a symbolic
 * zero that costs nothing. The gradients are ordinary graph nodes, so they can be differentiated
 * again (Hessian-vector products).
 */
public final class Autodiff {

    /**
     * The gradients, in the order asked for. {@code disconnected} lists the requested nodes the
     * cost does not depend on at all: their gradient is zeros (a front end may warn).
     */
    public record Gradients(List<Node> grads, List<Node> disconnected) {}

    private Autodiff() {}

    public static Result<Gradients> grad(GraphBuilder b, Node cost, List<Node> wrt) {
        Problem p = checkRequest(cost, wrt);
        if (p != null) return Result.err(p);
        List<Node> order = Graphs.topologicalOrder(List.of(cost));
        Set<Node> onPath = dependents(order, new HashSet<>(wrt));
        Map<Node, Node> cotangents = new HashMap<>();
        Map<Node, Node> cuts = new LinkedHashMap<>();
        cotangents.put(cost, b.constant(1, cost.dtype()));
        sweep(b, order, onPath, cotangents, cuts);
        return collect(b, wrt, onPath, cotangents, cuts);
    }

    /**
     * The cotangents of {@code wrt} given the cotangents ({@code seeds}) of several nodes at once:
     * the vector-Jacobian product of a multi-output graph, such as a loop's step. An entry is null
     * where no cotangent arrives (a symbolic zero); values that stop the gradient (an argmax)
     * simply pass none.
     */
    public static List<Node> backprop(GraphBuilder b, Map<Node, Node> seeds, List<Node> wrt) {
        List<Node> order = Graphs.topologicalOrder(new ArrayList<>(seeds.keySet()));
        Set<Node> onPath = dependents(order, new HashSet<>(wrt));
        Map<Node, Node> cotangents = new HashMap<>(seeds);
        sweep(b, order, onPath, cotangents, new LinkedHashMap<>());
        List<Node> out = new ArrayList<>();
        for (Node w : wrt) out.add(cotangents.get(w));
        return out;
    }

    private static Problem checkRequest(Node cost, List<Node> wrt) {
        if (cost.rank() != 0) return new Problem.NonScalarCost(cost.shape());
        if (!cost.type().isFloating()) return new Problem.NonFloatGrad("the cost", cost.dtype());
        for (Node w : wrt) {
            if (!w.type().isFloating()) return new Problem.NonFloatGrad("with respect to " + describe(w), w.dtype());
        }
        return null;
    }

    /** Nodes of {@code order} that depend on one of {@code wrt} (the wrt nodes included). */
    private static Set<Node> dependents(List<Node> order, Set<Node> wrt) {
        Set<Node> out = new HashSet<>();
        for (Node n : order) {
            if (wrt.contains(n) || n.inputs().stream().anyMatch(out::contains)) out.add(n);
        }
        return out;
    }

    /**
     * Sends the cotangents back through {@code order}, users before inputs. The nodes of one loop
     * are differentiated together, when the sweep reaches the first of them (by then every one
     * has its whole cotangent): one reverse loop, not one per value taken from the loop.
     */
    private static void sweep(GraphBuilder b, List<Node> order, Set<Node> onPath, Map<Node, Node> cotangents,
            Map<Node, Node> cuts) {
        Map<List<Object>, List<Node>> loops = new HashMap<>();
        for (Node n : order) {
            if (n.op() instanceof Scan s) loops.computeIfAbsent(List.of(s.loop(), n.inputs()), k -> new ArrayList<>()).add(n);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            if (n.inputs().isEmpty()) continue;
            List<Node> members = n.op() instanceof Scan s ? loops.get(List.of(s.loop(), n.inputs())) : List.of(n);
            if (members.get(0) != n) continue; // a later value of a loop: it waits for the loop's first
            List<Node> gs = new ArrayList<>();
            for (Node m : members) gs.add(cotangents.get(m));
            if (gs.stream().allMatch(Objects::isNull)) continue;
            boolean[] needed = needed(n, onPath, cuts);
            if (needed == null) continue;
            Node[] contributions = members.size() == 1 && !(n.op() instanceof Scan)
                    ? n.op().vjp(n, gs.get(0), needed, b)
                    : Scan.vjp(members, gs, needed, b);
            for (int k = 0; k < needed.length; k++) {
                if (needed[k] && contributions[k] != null) cotangents.merge(n.input(k), contributions[k], b::add);
            }
        }
    }

    /** Which inputs of {@code n} take a gradient; null if none does. Records where one from wrt stops. */
    private static boolean[] needed(Node n, Set<Node> onPath, Map<Node, Node> cuts) {
        boolean[] needed = new boolean[n.inputs().size()];
        boolean any = false;
        for (int i = 0; i < needed.length; i++) {
            Node in = n.input(i);
            boolean reaches = onPath.contains(in);
            needed[i] = reaches && n.op().connected(i) && in.type().isFloating();
            // a value from wrt that stops here: not a float, or an index-like input (labels, a mask)
            if (reaches && !needed[i]) cuts.putIfAbsent(in, n);
            any |= needed[i];
        }
        return any ? needed : null;
    }

    private static Result<Gradients> collect(
            GraphBuilder b, List<Node> wrt, Set<Node> onPath, Map<Node, Node> cotangents, Map<Node, Node> cuts) {
        List<Node> grads = new ArrayList<>();
        List<Node> disconnected = new ArrayList<>();
        for (Node w : wrt) {
            Node g = cotangents.get(w);
            if (g == null) {
                Node cut = cutOnPathFrom(w, cuts);
                if (cut != null) return Result.err(new Problem.NotDifferentiable(describe(w), opName(cut)));
                if (!onPath.contains(w)) disconnected.add(w);
                g = b.zerosLike(w);
            }
            grads.add(g);
        }
        return Result.ok(new Gradients(grads, disconnected));
    }

    /**
     * Why the gradient did not reach {@code w}: of the integer or boolean values on the way from
     * {@code w} to the cost where the gradient stopped, the node that first made such a value out
     * of floats computed from {@code w} (the argmax in {@code argmax(x·w) == y}, not the comparison
     * after it), or the op that takes a float from {@code w} as an index-like input; null when no
     * such value lies on the way.
     */
    private static Node cutOnPathFrom(Node w, Map<Node, Node> cuts) {
        for (Node cut : cuts.keySet()) {
            List<Node> upstream = Graphs.topologicalOrder(List.of(cut));
            if (!upstream.contains(w)) continue;
            Set<Node> fromW = dependents(upstream, Set.of(w));
            for (Node n : upstream) {
                boolean fromFloats = n.inputs().stream().anyMatch(in -> fromW.contains(in) && in.type().isFloating());
                if (fromW.contains(n) && !n.type().isFloating() && fromFloats) return n;
            }
            return cut.type().isFloating() ? cuts.get(cut) : cut;
        }
        return null;
    }

    private static String opName(Node n) {
        String name = n.op().name();
        int brace = name.indexOf('{');
        return brace < 0 ? name : name.substring(0, brace);
    }

    /** A requested node in the user's terms: the variable's name, or the expression's op. */
    public static String describe(Node n) {
        return n.op() instanceof Variable v ? v.field() : "the result of " + opName(n);
    }
}
