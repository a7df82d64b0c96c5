package dev.javano.symbolic.rewrite;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.Dot;
import dev.javano.symbolic.ops.Gemm;
import dev.javano.symbolic.ops.Loop;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Reshape;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Transpose;
import dev.javano.symbolic.ops.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the products that do not need the recurrence out of loops, as one matrix product over
 * the whole sequence (a back-end phase, after differentiation, before specialization):
 *
 * <ul>
 *   <li><b>projections</b>: {@code dot(x_t, w)} of a sequence element by a loop-invariant
 *       matrix becomes a new sequence, {@code gemm(x, w)} over {@code [time, batch, in]} before
 *       the loop (an Elman network's input projection);</li>
 *   <li><b>sums over steps</b>: an accumulator state {@code acc + dot(transpose(s_t), y_t)}
 *       (a weight gradient in back-propagation through time), or {@code acc + sum(y_t, 0)} (a
 *       bias gradient), whose accumulator nothing else reads, is dropped from the loop; the loop
 *       stacks {@code y_t} instead, and one {@code gemm(sᵀ, y)} contracting time and batch (or
 *       one sum) after the loop gives the total.</li>
 * </ul>
 *
 * <p>Both trade one small matrix product per step for one large one, which BLAS runs near its
 * peak. The nodes of one loop (same body, same inputs) are rewritten together, so they keep
 * sharing one loop.
 */
public final class LoopHoisting {

    private LoopHoisting() {}

    /** {@code roots} with every loop hoisted. */
    public static List<Node> run(GraphBuilder b, List<Node> roots) {
        List<Node> order = Graphs.topologicalOrder(roots);
        Map<List<Object>, List<Node>> groups = new LinkedHashMap<>();
        for (Node n : order) {
            if (n.op() instanceof Scan s) groups.computeIfAbsent(List.of(s.loop(), n.inputs()), k -> new ArrayList<>()).add(n);
        }
        if (groups.isEmpty()) return roots;
        Map<Node, Node> memo = new HashMap<>();
        Map<List<Object>, Map<Node, Node>> hoisted = new HashMap<>();
        for (Node n : order) {
            List<Node> inputs = n.inputs().stream().map(i -> memo.getOrDefault(i, i)).toList();
            if (n.op() instanceof Scan s) {
                List<Object> key = List.of(s.loop(), n.inputs());
                memo.put(n, hoisted.computeIfAbsent(key, k -> new Group(b, s.loop(), inputs, groups.get(k)).hoist()).get(n));
            } else {
                memo.put(n, inputs.equals(n.inputs()) ? n : b.apply(n.op(), inputs));
            }
        }
        return roots.stream().map(memo::get).toList();
    }

    /**
     * Whether {@code n} is zeros (a constant, or one broadcast): an accumulator that starts there
     * (a weight gradient's) is its sum alone, which later rules fold into the update.
     */
    private static boolean isZero(Node n) {
        Node v = n.op() instanceof BroadcastTo ? n.input(0) : n;
        return v.op() instanceof Constant c && c.isAll(0);
    }

    /** One loop and the nodes that read it, rewritten together. */
    private static final class Group {

        private final GraphBuilder b;
        private final Loop loop;
        private final List<Node> members;
        private final List<Node> sequenceInputs;
        private final List<Node> initialInputs;
        private final List<Node> nonSequenceInputs;
        private final Set<Node> varying;
        private final List<Node> sequences;
        private final List<Node> sequenceValues;
        /** Body nodes replaced by new sequence parameters. */
        private final Map<Node, Node> projected = new LinkedHashMap<>();
        /** Removed accumulator states: index to the terms summed over steps. */
        private final Map<Integer, List<Node>> summed = new LinkedHashMap<>();

        Group(GraphBuilder b, Loop loop, List<Node> inputs, List<Node> members) {
            this.b = b;
            this.loop = loop;
            this.members = members;
            int nSeq = loop.sequences().size();
            int nState = loop.states().size();
            this.sequenceInputs = inputs.subList(0, nSeq);
            this.initialInputs = inputs.subList(nSeq, nSeq + nState);
            this.nonSequenceInputs = inputs.subList(nSeq + nState, nSeq + nState + loop.nonSequences().size());
            this.varying = loop.timeVarying(bodyRoots());
            this.sequences = new ArrayList<>(loop.sequences());
            this.sequenceValues = new ArrayList<>(sequenceInputs);
        }

        private List<Node> bodyRoots() {
            List<Node> roots = new ArrayList<>(loop.results());
            for (Node m : members) roots.add(((Scan) m.op()).what());
            return roots;
        }

        /** Each member's replacement. */
        Map<Node, Node> hoist() {
            findProjections();
            findSums();
            List<Integer> kept = new ArrayList<>();
            for (int k = 0; k < loop.states().size(); k++) if (!summed.containsKey(k)) kept.add(k);
            List<Node> results = new ArrayList<>();
            for (int k : kept) results.add(loop.results().get(k));
            results.addAll(loop.results().subList(loop.states().size(), loop.results().size()));
            List<Node> terms = new ArrayList<>();
            summed.values().forEach(terms::addAll);
            List<Node> whats = new ArrayList<>();
            for (Node m : members) whats.add(((Scan) m.op()).what());
            List<Node> all = new ArrayList<>(results);
            all.addAll(whats);
            for (Node t : terms) all.add(summand(t));
            List<Node> rewritten = b.substitute(all, projected);
            List<Node> states = new ArrayList<>();
            List<Node> initial = new ArrayList<>();
            for (int k : kept) {
                states.add(loop.states().get(k));
                initial.add(initialInputs.get(k));
            }
            Loop hoisted = Loop.of(loop.tag(), sequences, states, loop.nonSequences(), rewritten.subList(0, results.size()),
                    loop.steps(), loop.backwards());
            Map<Node, Node> out = new HashMap<>();
            for (int i = 0; i < members.size(); i++) {
                Scan s = (Scan) members.get(i).op();
                int k = loop.results().subList(0, loop.states().size()).indexOf(s.what());
                Node replacement;
                if (k >= 0 && summed.containsKey(k) && s.last()) {
                    replacement = isZero(initialInputs.get(k)) ? null : initialInputs.get(k);
                    for (Node t : summed.get(k)) {
                        Node stacked = Scan.apply(b, hoisted, rewritten.get(all.indexOf(summand(t))), false, sequenceValues, initial,
                                nonSequenceInputs);
                        Node total = total(t, stacked);
                        replacement = replacement == null ? total : b.add(replacement, total);
                    }
                } else {
                    replacement = Scan.apply(b, hoisted, rewritten.get(results.size() + i), s.last(), sequenceValues, initial,
                            nonSequenceInputs);
                }
                out.put(members.get(i), replacement);
            }
            return out;
        }

        // ---- projections

        private void findProjections() {
            for (Node n : Graphs.topologicalOrder(bodyRoots())) {
                if (!(n.op() instanceof Dot) || n.rank() != 2 || n.input(0).rank() != 2 || n.input(1).rank() != 2) continue;
                int s = loop.sequences().indexOf(n.input(0));
                Node w = n.input(1);
                if (s < 0 || varying.contains(w) || !outsideTheLoop(w)) continue;
                Node parameter = parameter("proj" + projected.size(), n.type());
                Node zero = b.constant(0, n.dtype());
                Node value = b.apply(new Gemm(false, false), sequenceInputs.get(s), outside(w), zero, b.constant(1, n.dtype()), zero);
                projected.put(n, parameter);
                sequences.add(parameter);
                sequenceValues.add(value);
            }
        }

        /** Whether {@code w} reads only the model's variables, constants and non-sequences. */
        private boolean outsideTheLoop(Node w) {
            for (Node n : Graphs.topologicalOrder(List.of(w))) {
                if (n.op() instanceof Variable v && v.kind() == Variable.Kind.STEP && !loop.nonSequences().contains(n)) return false;
            }
            return true;
        }

        /** {@code w} as a value outside the loop: non-sequence parameters replaced by their values. */
        private Node outside(Node w) {
            Map<Node, Node> values = new HashMap<>();
            for (int i = 0; i < loop.nonSequences().size(); i++) values.put(loop.nonSequences().get(i), nonSequenceInputs.get(i));
            return b.substitute(List.of(w), values).get(0);
        }

        // ---- sums over steps

        private void findSums() {
            for (int k = 0; k < loop.states().size(); k++) {
                Node acc = loop.states().get(k);
                Node next = loop.results().get(k);
                if (!(next.op() instanceof Binary add) || add.fn() != Binary.Fn.ADD) continue;
                Node rest = next.input(0) == acc ? next.input(1) : next.input(1) == acc ? next.input(0) : null;
                if (rest == null || !onlyLast(k) || readElsewhere(acc, next)) continue;
                List<Node> terms = new ArrayList<>();
                if (splitTerms(rest, acc, terms)) summed.put(k, terms);
            }
        }

        /** Whether the loop's nodes read state {@code k} only through its last value. */
        private boolean onlyLast(int k) {
            for (Node m : members) {
                Scan s = (Scan) m.op();
                boolean isState = s.what() == loop.states().get(k) || s.what() == loop.results().get(k);
                if (isState && !(s.last() && s.what() == loop.results().get(k))) return false;
            }
            return true;
        }

        /** Whether anything but {@code next} reads the accumulator. */
        private boolean readElsewhere(Node acc, Node next) {
            List<Node> others = new ArrayList<>();
            for (Node r : bodyRoots()) if (r != next) others.add(r);
            for (Node x : next.inputs()) if (x != acc) others.add(x);
            return Graphs.topologicalOrder(others).contains(acc);
        }

        /** {@code rest} as a sum of hoistable terms, none reading {@code acc}. */
        private boolean splitTerms(Node rest, Node acc, List<Node> terms) {
            if (rest.op() instanceof Binary add && add.fn() == Binary.Fn.ADD && rest.input(0).shape().equals(rest.input(1).shape())) {
                return splitTerms(rest.input(0), acc, terms) && splitTerms(rest.input(1), acc, terms);
            }
            Node term = rest.op() instanceof Reshape && rest.input(0).op() instanceof Dot ? rest.input(0) : rest;
            if (!hoistable(term) || Graphs.topologicalOrder(List.of(term)).contains(acc)) return false;
            terms.add(term);
            return true;
        }

        /** {@code dot(transpose(s_t), y_t)} with s a sequence, or a sum of {@code y_t} over its first axis. */
        private boolean hoistable(Node t) {
            if (t.op() instanceof Dot && t.input(0).op() instanceof Transpose && t.input(0).rank() == 2 && t.input(1).rank() == 2) {
                return loop.sequences().contains(t.input(0).input(0));
            }
            return sumOverRows(t) != null;
        }

        /** For {@code sum(y, 0)} of a matrix y, optionally keeping the axis and reshaped to a vector: y. */
        private static Node sumOverRows(Node t) {
            Node r = t.op() instanceof Reshape && t.rank() == 1 ? t.input(0) : t;
            if (r.op() instanceof Reduce red && red.kind() == Reduce.Kind.SUM && r.input(0).rank() == 2
                    && red.axes().equals(List.of(0))) {
                return r.input(0);
            }
            return null;
        }

        /** The per-step value a term sums: the loop stacks it. */
        private Node summand(Node t) {
            return t.op() instanceof Dot ? t.input(1) : sumOverRows(t);
        }

        /** The term summed over all steps, from the stacked summand. */
        private Node total(Node t, Node stacked) {
            if (t.op() instanceof Dot) {
                int s = loop.sequences().indexOf(t.input(0).input(0));
                Node zero = b.constant(0, t.dtype());
                return b.apply(new Gemm(true, false), sequenceValues.get(s), stacked, zero, b.constant(1, t.dtype()), zero);
            }
            return b.reshape(b.sum(stacked, new int[] {0, 1}, false), t.shape());
        }

        private Node parameter(String name, TensorType type) {
            return b.apply(new Variable(Variable.Kind.STEP, loop.tag() + "." + name, type));
        }
    }
}
