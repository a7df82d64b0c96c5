package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One value of a {@link Loop}: {@code what}, a node of the loop's body (a result, or any
 * intermediate the gradient keeps), stacked over time ({@code [steps, ...]}, indexed by time
 * index whichever way the loop runs) or, with {@code last}, its value at the final step. The
 * nodes of one loop share its body and inputs (sequences, initial states, non-sequences,
 * captures); a back end runs the loop once for all of them.
 */
public record Scan(Loop loop, Node what, boolean last) implements Op {

    /** Evaluates a loop's body for one step: the reference evaluator, with step parameters bound by name. */
    public interface StepEvaluator {

        List<NdArray> evaluate(List<Node> outputs, Map<String, NdArray> bindings);

        int size(Dim dim);
    }

    /** The nodes of a graph and of the bodies of its loops, each once, inputs before users. */
    public static List<Node> everyNode(List<Node> roots) {
        List<Node> out = new ArrayList<>();
        Set<Node> seen = new HashSet<>();
        Deque<List<Node>> pending = new ArrayDeque<>(List.of(roots));
        while (!pending.isEmpty()) {
            for (Node n : Graphs.topologicalOrder(pending.pop(), seen::contains)) {
                seen.add(n);
                out.add(n);
                if (n.op() instanceof Scan s) {
                    List<Node> body = new ArrayList<>(s.loop().results());
                    body.add(s.what());
                    pending.push(body);
                }
            }
        }
        return out;
    }

    /** The node of {@code loop} giving {@code what}, on the loop's inputs (its captures appended). */
    public static Node apply(GraphBuilder b, Loop loop, Node what, boolean last, List<Node> sequences, List<Node> initial,
                             List<Node> nonSequences) {
        List<Node> inputs = new ArrayList<>(sequences);
        inputs.addAll(initial);
        inputs.addAll(nonSequences);
        inputs.addAll(loop.captures());
        return b.apply(new Scan(loop, what, last), inputs);
    }

    @Override
    public String name() {
        return "scan{" + loop.tag() + ", " + (last ? "last" : "stacked") + (loop.backwards() ? ", backwards" : "") + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        if (in.size() != loop.inputCount()) throw new IllegalArgumentException(name() + " takes " + loop.inputCount() + " inputs");
        List<Node> expected = new ArrayList<>(loop.parameters());
        expected.addAll(loop.captures());
        for (int i = 0; i < in.size(); i++) {
            TensorType want = expected.get(i).type();
            if (i < loop.sequences().size()) want = loop.stacked(want);
            if (!in.get(i).equals(want)) {
                return Result.err(new Problem.BadArgument("scan", "input " + i + " of " + loop.tag() + " is " + in.get(i) + ", expected " + want));
            }
        }
        return Result.ok(last ? what.type() : loop.stacked(what.type()));
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return vjp(List.of(node), java.util.Collections.singletonList(g), needed, b);
    }

    /**
     * The cotangents of the inputs given those of several nodes of one loop (same loop, same
     * inputs; an entry of {@code gs} may be null): one reverse loop for all of them, where one
     * {@link #vjp(Node, Node, boolean[], GraphBuilder)} per node would run one each.
     */
    public static Node[] vjp(List<Node> nodes, List<Node> gs, boolean[] needed, GraphBuilder b) {
        Scan first = (Scan) nodes.get(0).op();
        List<Scan> ops = nodes.stream().map(n -> (Scan) n.op()).toList();
        return new ThroughTime(first.loop(), nodes.get(0), b).vjp(ops, gs, needed);
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        throw new IllegalStateException("a scan is evaluated with its body: see run");
    }

    /** The reference semantics: the step, run over time, on plain float64 arrays. */
    public NdArray run(List<NdArray> in, StepEvaluator ev) {
        int nSeq = loop.sequences().size();
        int nState = loop.states().size();
        int steps = ev.size(loop.steps());
        List<NdArray> states = new ArrayList<>(in.subList(nSeq, nSeq + nState));
        Map<String, NdArray> bindings = new HashMap<>();
        List<Node> nonSequences = loop.nonSequences();
        for (int i = 0; i < nonSequences.size(); i++) bindings.put(field(nonSequences.get(i)), in.get(nSeq + nState + i));
        List<Node> outputs = new ArrayList<>(loop.results().subList(0, nState));
        outputs.add(what);
        NdArray[] stacked = new NdArray[steps];
        NdArray lastValue = null;
        for (int s = 0; s < steps; s++) {
            int t = loop.backwards() ? steps - 1 - s : s;
            for (int i = 0; i < nSeq; i++) bindings.put(field(loop.sequences().get(i)), element(in.get(i), t));
            for (int k = 0; k < nState; k++) bindings.put(field(loop.states().get(k)), states.get(k));
            List<NdArray> values = ev.evaluate(outputs, bindings);
            states = new ArrayList<>(values.subList(0, nState));
            lastValue = values.get(nState);
            stacked[t] = lastValue;
        }
        if (last) {
            if (lastValue == null) throw new IllegalArgumentException(name() + ": the last step of a loop of zero steps");
            return lastValue;
        }
        return stack(stacked, steps);
    }

    private static String field(Node parameter) {
        return ((Variable) parameter.op()).field();
    }

    /** Element {@code t} along the leading axis. */
    static NdArray element(NdArray x, int t) {
        int[] shape = Arrays.copyOfRange(x.shape(), 1, x.rank());
        int size = NdArray.sizeOf(shape);
        double[] data = Arrays.copyOfRange(x.data(), t * size, (t + 1) * size);
        return new NdArray(shape, data);
    }

    private NdArray stack(NdArray[] elements, int steps) {
        if (steps == 0) throw new IllegalArgumentException(name() + ": a loop of zero steps stacks nothing");
        int[] inner = elements[0].shape();
        int[] shape = new int[inner.length + 1];
        shape[0] = steps;
        System.arraycopy(inner, 0, shape, 1, inner.length);
        int size = elements[0].size();
        double[] data = new double[steps * size];
        for (int t = 0; t < steps; t++) System.arraycopy(elements[t].data(), 0, data, t * size, size);
        return new NdArray(shape, data);
    }

    /** This op with its body mapped by {@code f} (rewriting), on inputs whose captures follow the new body. */
    public Node rebuild(GraphBuilder b, List<Node> inputs, UnaryOperator<Node> f) {
        Loop mapped = loop.mapResults(f);
        Node mappedWhat = f.apply(what);
        int n = loop.sequences().size();
        int s = loop.states().size();
        int ns = loop.nonSequences().size();
        return apply(b, mapped, mappedWhat, last, inputs.subList(0, n), inputs.subList(n, n + s),
                inputs.subList(n + s, n + s + ns));
    }
}
