package dev.javano.symbolic.eval;

import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.DimSize;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates any graph in float64 with plain loops: the reference every back end and every
 * rewrite is held to. Variables take their values by name; named dims are bound from those
 * values' shapes (and from {@code dims} for dims no input carries), and each result is checked
 * against its node's static shape.
 */
public final class ReferenceEvaluator {

    private final Map<String, NdArray> values;
    private final Map<String, Integer> dims;

    private ReferenceEvaluator(Map<String, NdArray> values, Map<String, Integer> dims) {
        this.values = values;
        this.dims = new HashMap<>(dims);
    }

    /** The value of each output, in order. */
    public static List<NdArray> evaluate(List<Node> outputs, Map<String, NdArray> values, Map<String, Integer> dims) {
        ReferenceEvaluator ev = new ReferenceEvaluator(values, dims);
        Map<Node, NdArray> computed = ev.run(outputs);
        List<NdArray> out = new ArrayList<>();
        for (Node o : outputs) out.add(computed.get(o));
        return out;
    }

    public static NdArray evaluate(Node output, Map<String, NdArray> values, Map<String, Integer> dims) {
        return evaluate(List.of(output), values, dims).get(0);
    }

    private Map<Node, NdArray> run(List<Node> outputs) {
        List<Node> order = Graphs.topologicalOrder(outputs);
        for (Node n : order) {
            if (n.op() instanceof Variable v) bind(v, valueOf(v));
        }
        Map<Node, NdArray> computed = new HashMap<>();
        for (Node n : order) {
            NdArray value = compute(n, computed);
            int[] expected = n.shape().concrete(dims);
            if (!Arrays.equals(value.shape(), expected)) {
                throw new IllegalStateException(n + " evaluated to shape " + Arrays.toString(value.shape())
                        + ", expected " + Arrays.toString(expected));
            }
            computed.put(n, value);
        }
        return computed;
    }

    private NdArray compute(Node n, Map<Node, NdArray> computed) {
        if (n.op() instanceof Variable v) return valueOf(v);
        if (n.op() instanceof DimSize d) return NdArray.scalar(Shape.of(d.dim()).concrete(dims)[0]);
        List<NdArray> in = new ArrayList<>();
        for (Node i : n.inputs()) in.add(computed.get(i));
        if (n.op() instanceof Scan scan) return scan.run(in, steps);
        return n.op().eval(in, n.shape().concrete(dims));
    }

    /** A loop's body, evaluated step by step with its step parameters bound, in this evaluator's dims. */
    private final Scan.StepEvaluator steps = new Scan.StepEvaluator() {
        @Override
        public List<NdArray> evaluate(List<Node> outputs, Map<String, NdArray> bindings) {
            Map<String, NdArray> all = new HashMap<>(values);
            all.putAll(bindings);
            ReferenceEvaluator body = new ReferenceEvaluator(all, dims);
            Map<Node, NdArray> computed = body.run(outputs);
            dims.putAll(body.dims);
            List<NdArray> out = new ArrayList<>();
            for (Node o : outputs) out.add(computed.get(o));
            return out;
        }

        @Override
        public int size(Dim dim) {
            return Shape.of(dim).concrete(dims)[0];
        }
    };

    private NdArray valueOf(Variable v) {
        NdArray value = values.get(v.field());
        if (value == null) throw new IllegalArgumentException("no value given for " + v.field());
        return value;
    }

    /** Binds the named dims of {@code v}'s declared shape from its value, checking the fixed ones. */
    private void bind(Variable v, NdArray value) {
        Shape declared = v.type().shape();
        if (declared.rank() != value.rank()) throw mismatch(v, value, "rank " + value.rank() + " ≠ " + declared.rank());
        for (int i = 0; i < declared.rank(); i++) {
            Dim d = declared.get(i);
            int actual = value.dim(i);
            int expected = d instanceof Dim.Fixed f ? f.size() : dims.computeIfAbsent(((Dim.Named) d).name(), k -> actual);
            if (expected != actual) throw mismatch(v, value, "dim " + i + ": " + actual + " ≠ " + expected);
        }
    }

    private static IllegalArgumentException mismatch(Variable v, NdArray value, String detail) {
        return new IllegalArgumentException(v.field() + " has shape " + Arrays.toString(value.shape()) + ", expected "
                + v.type().shape() + " (" + detail + ")");
    }
}
