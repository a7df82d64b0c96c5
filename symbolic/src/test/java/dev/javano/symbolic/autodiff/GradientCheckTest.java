package dev.javano.symbolic.autodiff;

import static dev.javano.symbolic.TestGraphs.assertClose;
import static dev.javano.symbolic.TestGraphs.axpy;
import static dev.javano.symbolic.TestGraphs.difference;
import static dev.javano.symbolic.TestGraphs.numericGradient;
import static dev.javano.symbolic.TestGraphs.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import dev.javano.symbolic.Loops;
import dev.javano.symbolic.TestGraphs.Domain;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.ir.Verifier;
import dev.javano.symbolic.ops.ArgReduce;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Compare;
import dev.javano.symbolic.ops.Gemm;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.ops.Unslice;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable op, primitive or composite, against central finite differences in
 * float64: the analytic gradient graph from {@link Autodiff#grad} and the perturbed costs are
 * both computed by the reference evaluator. Each entry reduces the op's output to a scalar cost
 * {@code sum(out · R)} with R a random constant, so that every output element matters.
 */
class GradientCheckTest {

    static final double H = 1e-6;
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-5;
    static final long SEED = 20240611L;
    /** Named dims of the entries' inputs, bound by the values given (and checked against this). */
    static final Map<String, Integer> DIMS = Map.of("batch", 5);

    /** Op kinds with no float gradient by nature: checked in {@link #opsWithoutGradientGiveNone}. */
    static final Set<String> NOT_DIFFERENTIABLE =
            Set.of("Compare", "ArgReduce", "OneHot", "Variable", "Constant", "DimSize");

    private static int checksRun;
    private static int partialsCompared;

    // ---- the table

    /** One input of an entry: its dtype, shape text and how its values are drawn. */
    record In(String name, DType dtype, String shape, Domain domain) {
        Node node(GraphBuilder b) {
            return b.input(name, TensorType.of(dtype, Shape.parse(shape)));
        }

        boolean differentiable() {
            return dtype.isFloating();
        }
    }

    @FunctionalInterface
    interface Expr {
        Node apply(GraphBuilder b, Node[] in);
    }

    record Entry(String name, Expr expr, List<In> inputs) {
        @Override
        public String toString() {
            return name;
        }

        Node build(GraphBuilder b, Node[] nodes) {
            for (int i = 0; i < nodes.length; i++) nodes[i] = inputs.get(i).node(b);
            return expr.apply(b, nodes);
        }
    }

    static Entry check(String name, Expr expr, In... inputs) {
        return new Entry(name, expr, List.of(inputs));
    }

    static In x(String shape) {
        return new In("x", DType.FLOAT64, shape, Domain.UNIFORM);
    }

    static In x(String shape, Domain domain) {
        return new In("x", DType.FLOAT64, shape, domain);
    }

    static In named(String name, String shape) {
        return new In(name, DType.FLOAT64, shape, Domain.UNIFORM);
    }

    static In y(String shape) {
        return new In("y", DType.FLOAT64, shape, Domain.UNIFORM);
    }

    static In y(String shape, Domain domain) {
        return new In("y", DType.FLOAT64, shape, domain);
    }

    static In f64(String name, String shape, Domain domain) {
        return new In(name, DType.FLOAT64, shape, domain);
    }

    static In labels(String shape, int classes) {
        return new In("labels", DType.INT32, shape, Domain.labels(classes));
    }

    static In mask(String shape) {
        return new In("cond", DType.BOOL, shape, Domain.BOOL);
    }

    static Stream<Entry> entries() {
        return Stream.of(
                // -- unary functions
                check("neg", (b, v) -> b.neg(v[0]), x("3, 4")),
                check("exp", (b, v) -> b.exp(v[0]), x("3, 4")),
                check("exp of a scalar", (b, v) -> b.exp(v[0]), x("")),
                check("log", (b, v) -> b.log(v[0]), x("3, 4", Domain.POSITIVE)),
                check("log1p", (b, v) -> b.unary(Unary.Fn.LOG1P, v[0]), x("3, 4", Domain.POSITIVE)),
                check("tanh", (b, v) -> b.unary(Unary.Fn.TANH, v[0]), x("3, 4")),
                check("tanh of rank 3", (b, v) -> b.unary(Unary.Fn.TANH, v[0]), x("2, 3, 2")),
                check("sigmoid", (b, v) -> b.sigmoid(v[0]), x("3, 4")),
                check("softplus", (b, v) -> b.unary(Unary.Fn.SOFTPLUS, v[0]), x("3, 4")),
                check("sqrt", (b, v) -> b.unary(Unary.Fn.SQRT, v[0]), x("3, 4", Domain.POSITIVE)),
                check("square", (b, v) -> b.square(v[0]), x("3, 4")),
                check("abs", (b, v) -> b.unary(Unary.Fn.ABS, v[0]), x("3, 4", Domain.AWAY_FROM_ZERO)),
                check("sign (zero gradient)", (b, v) -> b.sign(v[0]), x("3, 4", Domain.AWAY_FROM_ZERO)),

                // -- binary arithmetic, with broadcasting
                check("add [3,4] + [4]", (b, v) -> b.add(v[0], v[1]), x("3, 4"), y("4")),
                check("add [3,4] + scalar", (b, v) -> b.add(v[0], v[1]), x("3, 4"), y("")),
                check("add literal + [2,3]", (b, v) -> b.add(b.constant(2.5, DType.FLOAT64), v[0]), x("2, 3")),
                check("add [batch,3] + [3]", (b, v) -> b.add(v[0], v[1]), x("batch, 3"), y("3")),
                check("subtract [3,1] - [1,4]", (b, v) -> b.sub(v[0], v[1]), x("3, 1"), y("1, 4")),
                check("subtract [4] - [3,4]", (b, v) -> b.sub(v[0], v[1]), x("4"), y("3, 4")),
                check("multiply [3,1] * [1,4]", (b, v) -> b.mul(v[0], v[1]), x("3, 1"), y("1, 4")),
                check("multiply [2,3] * scalar", (b, v) -> b.mul(v[0], v[1]), x("2, 3"), y("")),
                check("multiply x * x (one node used twice)", (b, v) -> b.mul(v[0], v[0]), x("3, 4")),
                check("divide [3,4] / [4]", (b, v) -> b.div(v[0], v[1]), x("3, 4"), y("4", Domain.POSITIVE)),
                check("divide scalar / [2,3]", (b, v) -> b.div(v[0], v[1]), x(""), y("2, 3", Domain.POSITIVE)),
                check("pow [3,4] ** [3,4]", (b, v) -> b.pow(v[0], v[1]),
                        x("3, 4", Domain.POSITIVE), y("3, 4")),
                check("pow [3] ** [2,1]", (b, v) -> b.pow(v[0], v[1]), x("3", Domain.POSITIVE), y("2, 1")),
                check("pow [2,3] ** literal 3", (b, v) -> b.pow(v[0], b.constant(3, DType.FLOAT64)),
                        x("2, 3", Domain.POSITIVE)),
                check("maximum [3,4] [3,4]", (b, v) -> b.binary(Binary.Fn.MAXIMUM, v[0], v[1]),
                        x("3, 4", Domain.DISTINCT), y("3, 4", Domain.DISTINCT_SHIFTED)),
                check("maximum [3,4] [4]", (b, v) -> b.binary(Binary.Fn.MAXIMUM, v[0], v[1]),
                        x("3, 4", Domain.DISTINCT), y("4", Domain.DISTINCT_SHIFTED)),
                check("minimum [3,4] [3,4]", (b, v) -> b.binary(Binary.Fn.MINIMUM, v[0], v[1]),
                        x("3, 4", Domain.DISTINCT), y("3, 4", Domain.DISTINCT_SHIFTED)),
                check("minimum [3,1] [1,4]", (b, v) -> b.binary(Binary.Fn.MINIMUM, v[0], v[1]),
                        x("3, 1", Domain.DISTINCT), y("1, 4", Domain.DISTINCT_SHIFTED)),

                // -- selection and casts
                check("where [3,4] [3,4] [3,4]", (b, v) -> b.select(v[0], v[1], v[2]),
                        mask("3, 4"), x("3, 4"), y("3, 4")),
                check("where [3,4] [4] scalar", (b, v) -> b.select(v[0], v[1], v[2]), mask("3, 4"), x("4"), y("")),
                check("cast float64 -> float32", (b, v) -> b.square(b.cast(v[0], DType.FLOAT32)), x("3, 4")),
                check("cast float32 -> float64", (b, v) -> b.square(b.cast(v[0], DType.FLOAT64)),
                        new In("x", DType.FLOAT32, "3, 4", Domain.UNIFORM)),

                // -- reductions
                check("sum axis 1", (b, v) -> b.sum(v[0], new int[] {1}, false), x("3, 4")),
                check("sum axis 0 keepdims", (b, v) -> b.sum(v[0], new int[] {0}, true), x("3, 4")),
                check("sum axes 0,2 of rank 3", (b, v) -> b.sum(v[0], new int[] {0, 2}, false), x("2, 3, 4")),
                check("sum axes -1,0 keepdims", (b, v) -> b.sum(v[0], new int[] {-1, 0}, true), x("2, 3, 4")),
                check("sum of all", (b, v) -> b.sumAll(v[0]), x("2, 3, 4")),
                check("max axis 1", (b, v) -> b.reduce(Reduce.Kind.MAX, v[0], new int[] {1}, false),
                        x("3, 4", Domain.DISTINCT)),
                check("max axes 0,2 keepdims", (b, v) -> b.reduce(Reduce.Kind.MAX, v[0], new int[] {0, 2}, true),
                        x("2, 3, 4", Domain.DISTINCT)),
                check("min axis 0", (b, v) -> b.reduce(Reduce.Kind.MIN, v[0], new int[] {0}, false),
                        x("3, 4", Domain.DISTINCT)),
                check("min axes 1,2", (b, v) -> b.reduce(Reduce.Kind.MIN, v[0], new int[] {1, 2}, false),
                        x("2, 3, 4", Domain.DISTINCT)),
                check("min of all keepdims", (b, v) -> b.reduce(Reduce.Kind.MIN, v[0], new int[] {0, 1}, true),
                        x("3, 4", Domain.DISTINCT)),

                // -- linear algebra and views
                check("dot matrix·matrix", (b, v) -> b.dot(v[0], v[1]), x("3, 4"), y("4, 2")),
                check("dot matrix·vector", (b, v) -> b.dot(v[0], v[1]), x("3, 4"), y("4")),
                check("dot vector·matrix", (b, v) -> b.dot(v[0], v[1]), x("4"), y("4, 2")),
                check("dot vector·vector", (b, v) -> b.dot(v[0], v[1]), x("4"), y("4")),
                check("dot [batch,4]·[4,3]", (b, v) -> b.dot(v[0], v[1]), x("batch, 4"), y("4, 3")),
                check("gemm α·a·b + β·c, c a bias", (b, v) -> b.apply(new Gemm(false, false), v[0], v[1], v[2], v[3], v[4]),
                        x("3, 4"), y("4, 2"), named("c", "2"), named("alpha", ""), named("beta", "")),
                check("gemm α·aᵀ·bᵀ + β·c", (b, v) -> b.apply(new Gemm(true, true), v[0], v[1], v[2], v[3], v[4]),
                        x("4, 3"), y("2, 4"), named("c", "3, 2"), named("alpha", ""), named("beta", "")),
                check("gemm over a sequence: [3,batch,4]·[4,2]", (b, v) -> b.apply(new Gemm(false, false), v[0], v[1], v[2], v[3], v[4]),
                        x("3, batch, 4"), y("4, 2"), named("c", "2"), named("alpha", ""), named("beta", "")),
                check("gemm over a sequence: [3,batch,4]·[2,4]ᵀ", (b, v) -> b.apply(new Gemm(false, true), v[0], v[1], v[2], v[3], v[4]),
                        x("3, batch, 4"), y("2, 4"), named("c", "2"), named("alpha", ""), named("beta", "")),
                check("gemm summed over steps: [3,batch,4]ᵀ·[3,batch,2]", (b, v) -> b.apply(new Gemm(true, false), v[0], v[1], v[2], v[3], v[4]),
                        x("3, batch, 4"), y("3, batch, 2"), named("c", "4, 2"), named("alpha", ""), named("beta", "")),
                check("reshape [2,6] -> [3,4]", (b, v) -> b.reshape(v[0], Shape.of(3, 4)), x("2, 6")),
                check("reshape [2,3,4] -> [6,4]", (b, v) -> b.reshape(v[0], Shape.of(6, 4)), x("2, 3, 4")),
                check("reshape [batch,6] -> [batch,2,3]",
                        (b, v) -> b.reshape(v[0], Shape.parse("batch, 2, 3")), x("batch, 6")),
                check("transpose rank 3 (2,0,1)", (b, v) -> b.transpose(v[0], 2, 0, 1), x("2, 3, 4")),
                check("transpose rank 3 (1,0,2)", (b, v) -> b.transpose(v[0], 1, 0, 2), x("2, 3, 4")),
                check("transpose matrix", (b, v) -> b.transpose(v[0]), x("3, 4")),
                check("broadcastTo [4] -> [3,4]", (b, v) -> b.broadcastTo(v[0], Shape.of(3, 4)), x("4")),
                check("broadcastTo [3,1] -> [3,4]", (b, v) -> b.broadcastTo(v[0], Shape.of(3, 4)), x("3, 1")),
                check("broadcastTo scalar -> [2,3]", (b, v) -> b.broadcastTo(v[0], Shape.of(2, 3)), x("")),
                check("broadcastTo [1,4] -> [2,3,4]", (b, v) -> b.broadcastTo(v[0], Shape.of(2, 3, 4)), x("1, 4")),
                check("slice axis 1, 1:7:2", (b, v) -> b.slice(v[0], 1, 1, 7, 2), x("3, 8")),
                check("slice axis 0, -4:-1", (b, v) -> b.slice(v[0], 0, -4, -1, 1), x("5, 2")),
                check("slice axis -1, 0:4:3", (b, v) -> b.slice(v[0], -1, 0, 4, 3), x("2, 3, 4")),
                check("slice axis 1, 6:0:-2", (b, v) -> b.slice(v[0], 1, 6, 0, -2), x("3, 8")),
                check("unslice [3,3] into [3,8] at 1:7:2",
                        (b, v) -> b.apply(new Unslice(Shape.of(3, 8), 1, 1, 7, 2), v[0]), x("3, 3")),
                check("unslice [4] into [5] reversed",
                        (b, v) -> b.apply(new Unslice(Shape.of(5), 0, 4, 0, -1), v[0]), x("4")),
                check("concat axis 0", (b, v) -> b.concat(0, List.of(v[0], v[1])), x("2, 3"), y("1, 3")),
                check("concat axis -1 of three", (b, v) -> b.concat(-1, List.of(v[0], v[1], v[2])),
                        x("2, 1"), y("2, 3"), f64("z", "2, 2", Domain.UNIFORM)),
                check("concat one node twice", (b, v) -> b.concat(1, List.of(v[0], v[0])), x("batch, 2")),

                // -- indexing and the fused specials
                check("pick [4,3] by labels [4]", (b, v) -> b.pick(v[0], v[1]), x("4, 3"), labels("4", 3)),
                check("pick [2,3,4] by labels [2,3]", (b, v) -> b.pick(v[0], v[1]), x("2, 3, 4"), labels("2, 3", 4)),
                check("softmax axis -1", (b, v) -> b.softmax(v[0], -1), x("3, 4")),
                check("softmax axis 0", (b, v) -> b.softmax(v[0], 0), x("3, 4")),
                check("softmax axis 1 of rank 3", (b, v) -> b.softmax(v[0], 1), x("2, 3, 4")),
                check("logSoftmax axis -1", (b, v) -> b.logSoftmax(v[0], -1), x("3, 4")),
                check("logSoftmax axis 0", (b, v) -> b.logSoftmax(v[0], 0), x("3, 4")),
                check("softmaxCrossentropy [4,3]", (b, v) -> b.softmaxCrossentropy(v[0], v[1]),
                        x("4, 3"), labels("4", 3)),
                check("softmaxCrossentropy [2,3,4]", (b, v) -> b.softmaxCrossentropy(v[0], v[1]),
                        x("2, 3, 4"), labels("2, 3", 4)),

                // -- composites
                check("relu", (b, v) -> Composites.relu(b, v[0]), x("3, 4", Domain.AWAY_FROM_ZERO)),
                check("clip -0.5..0.5", (b, v) -> Composites.clip(b, v[0], -0.5, 0.5), x("3, 4", Domain.DISTINCT)),
                check("mean axis 1", (b, v) -> Composites.mean(b, v[0], new int[] {1}, false), x("3, 4")),
                check("mean axes 0,1 keepdims", (b, v) -> Composites.mean(b, v[0], new int[] {0, 1}, true), x("3, 4")),
                check("mean over batch", (b, v) -> Composites.mean(b, v[0], new int[] {0}, false), x("batch, 3")),
                check("mean over batch and -1", (b, v) -> Composites.mean(b, v[0], new int[] {0, -1}, false),
                        x("batch, 3")),
                check("mean of all [batch,3]", (b, v) -> Composites.meanAll(b, v[0]), x("batch, 3")),
                check("crossentropy with int labels", (b, v) -> Composites.crossentropy(b, v[0], v[1]),
                        x("4, 3", Domain.POSITIVE), labels("4", 3)),
                check("crossentropy with one-hot targets", (b, v) -> Composites.crossentropy(b, v[0], v[1]),
                        x("4, 3", Domain.POSITIVE), y("4, 3", Domain.oneHotRows(3))),
                check("crossentropy of a softmax", (b, v) -> Composites.crossentropy(b, b.softmax(v[0], -1), v[1]),
                        x("batch, 3"), labels("batch", 3)),
                check("binaryCrossentropy", (b, v) -> Composites.binaryCrossentropy(b, v[0], v[1]),
                        x("3, 4", Domain.PROBABILITY), y("3, 4", Domain.PROBABILITY)),
                check("stack axis 0 of three", (b, v) -> Composites.stack(b, 0, List.of(v[0], v[1], v[2])),
                        x("2, 3"), y("2, 3"), f64("z", "2, 3", Domain.UNIFORM)),
                check("stack axis -1", (b, v) -> Composites.stack(b, -1, List.of(v[0], v[1])), x("3"), y("3")),
                check("index axis 1, 2", (b, v) -> Composites.index(b, v[0], 1, 2), x("3, 4")),
                check("index axis 0, -1", (b, v) -> Composites.index(b, v[0], 0, -1), x("3, 4")),
                check("flip axis 0", (b, v) -> Composites.flip(b, v[0], 0), x("3, 4")),
                check("flip axis -1", (b, v) -> Composites.flip(b, v[0], -1), x("2, 3, 4")),
                check("take rows [5,3] by [2,3]", (b, v) -> Composites.take(b, v[0], v[1]),
                        x("5, 3"), labels("2, 3", 5)),
                check("take rows [5,2,2] by [4] (repeats)", (b, v) -> Composites.take(b, v[0], v[1]),
                        x("5, 2, 2"), labels("4", 5)),
                check("reduce max over all axes", (b, v) -> Composites.reduce(b, Reduce.Kind.MAX, v[0], new int[0], false),
                        x("3, 4", Domain.DISTINCT)),
                // -- loops (scan): back-propagation through time
                check("scan: elman, stacked states", (b, v) -> Loops.elman(b, v, false, false), ELMAN),
                check("scan: elman, last state", (b, v) -> Loops.elman(b, v, false, true), ELMAN),
                check("scan: elman backwards, stacked", (b, v) -> Loops.elman(b, v, true, false), ELMAN),
                check("scan: elman backwards, last state", (b, v) -> Loops.elman(b, v, true, true), ELMAN),
                check("scan: a non-sequence argument", Loops::elmanWithNonSequence, ELMAN),
                check("scan: two sequences, two states, a per-step softmax output", Loops::twoStates,
                        named("xs", "4, batch, 3"), named("ys", "4, batch, 2"), named("h0", "batch, 2"),
                        named("c0", "batch, 2"), named("w", "3, 2"), named("v", "2, 2")),
                check("scan: n_steps without sequences (powers)", Loops::powers, named("a", "batch, 3")));
    }

    static final In[] ELMAN = {
        named("xs", "4, batch, 3"), named("h0", "batch, 2"), named("wx", "3, 2"), named("wh", "2, 2")
    };

    // ---- the check

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void gradientMatchesCentralDifferences(Entry entry) {
        Random random = new Random(SEED ^ entry.name().hashCode());
        GraphBuilder b = new GraphBuilder();
        Node[] inputs = new Node[entry.inputs().size()];
        Node out = entry.build(b, inputs);
        assertEquals(List.of(), b.problems(), entry.name() + ": building the op");
        Node cost = weightedSum(b, out, random);

        Map<String, NdArray> values = new HashMap<>();
        List<Node> wrt = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            In in = entry.inputs().get(i);
            values.put(in.name(), random(random, Shape.parse(in.shape()).concrete(DIMS), in.domain()));
            if (in.differentiable()) wrt.add(inputs[i]);
        }

        Autodiff.Gradients grads = Autodiff.grad(b, cost, wrt).orElseThrow();
        assertEquals(List.of(), grads.disconnected(), entry.name() + ": every input reaches the cost");
        List<Node> roots = new ArrayList<>(grads.grads());
        roots.add(cost);
        Verifier.verify(b, roots);

        List<NdArray> analytic = ReferenceEvaluator.evaluate(grads.grads(), values, DIMS);
        for (int k = 0; k < wrt.size(); k++) {
            String name = ((Variable) wrt.get(k).op()).field();
            NdArray numeric = numericGradient(
                    value -> costWith(cost, values, name, value), values.get(name), H);
            assertClose(numeric, analytic.get(k), RTOL, ATOL, entry.name() + ": d cost / d " + name);
            partialsCompared += numeric.size();
        }
        checksRun++;
    }

    /**
     * The same graphs in float32: the gradient graph must type-check, every cotangent in its
     * input's dtype and every constant of the right dtype.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void gradientGraphTypeChecksInFloat32(Entry entry) {
        Entry f32 = new Entry(entry.name(), entry.expr(), entry.inputs().stream()
                .map(in -> in.dtype() == DType.FLOAT64 ? new In(in.name(), DType.FLOAT32, in.shape(), in.domain()) : in)
                .toList());
        GraphBuilder b = new GraphBuilder();
        Node[] inputs = new Node[f32.inputs().size()];
        Node out = f32.build(b, inputs);
        Node cost = weightedSum(b, out, new Random(SEED));
        List<Node> wrt = Arrays.stream(inputs).filter(n -> n.type().isFloating()).toList();
        Autodiff.Gradients grads = Autodiff.grad(b, cost, wrt).orElseThrow();
        assertEquals(List.of(), b.problems(), entry.name() + " in float32");
        Verifier.verify(b, grads.grads());
        for (int k = 0; k < wrt.size(); k++) assertEquals(wrt.get(k).type(), grads.grads().get(k).type());
    }

    /**
     * {@code sum(out · R)} with R a random constant of out's shape; a named dim gets a 1 in R
     * (its elements share one weight but still all count).
     */
    static Node weightedSum(GraphBuilder b, Node out, Random random) {
        int[] weightShape = new int[out.rank()];
        for (int i = 0; i < weightShape.length; i++) {
            weightShape[i] = out.shape().get(i) instanceof Dim.Fixed f ? f.size() : 1;
        }
        Node weights = b.constant(random(random, weightShape, Domain.UNIFORM), out.dtype());
        return b.sumAll(b.mul(out, weights));
    }

    static double costWith(Node cost, Map<String, NdArray> values, String name, NdArray value) {
        Map<String, NdArray> perturbed = new HashMap<>(values);
        perturbed.put(name, value);
        return ReferenceEvaluator.evaluate(cost, perturbed, DIMS).scalarValue();
    }

    @AfterAll
    static void report() {
        System.out.println("gradient checks run: " + checksRun + " (" + partialsCompared + " partial derivatives compared)");
    }

    // ---- coverage: every op kind of the code has an entry

    @Test
    void everyDifferentiableOpKindHasAnEntry() {
        Set<String> covered = new TreeSet<>();
        entries().forEach(entry -> {
            GraphBuilder b = new GraphBuilder();
            Node out = entry.build(b, new Node[entry.inputs().size()]);
            for (Node n : Graphs.topologicalOrder(List.of(out))) covered.add(kindOf(n.op()));
        });
        Set<String> required = new TreeSet<>(opKindsInCode());
        required.removeAll(NOT_DIFFERENTIABLE);
        required.removeAll(covered);
        assertEquals(Set.of(), required, "op kinds with no gradient check");
    }

    @Test
    void theOpsWithoutGradientExist() {
        Set<String> kinds = opKindsInCode();
        assertTrue(kinds.containsAll(NOT_DIFFERENTIABLE), "not all of " + NOT_DIFFERENTIABLE + " are in " + kinds);
        assertTrue(kinds.containsAll(Set.of("Unary.TANH", "Binary.POW", "Reduce.MAX", "Dot", "Unslice")),
                "scanning the ops package found only " + kinds);
    }

    /** The ops without a float gradient: their VJP gives none, whatever cotangent comes in. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nodesWithoutGradient")
    void opsWithoutGradientGiveNone(String kind, Node node, GraphBuilder b) {
        assertEquals(kind, kindOf(node.op()));
        boolean[] needed = new boolean[node.inputs().size()];
        Arrays.fill(needed, true);
        Node[] vjp = node.op().vjp(node, b.zerosLike(node), needed, b);
        assertEquals(node.inputs().size(), vjp.length, kind + ": one entry per input");
        for (Node g : vjp) assertEquals(null, g, kind + " gives a gradient");
    }

    static Stream<Arguments> nodesWithoutGradient() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", TensorType.of(DType.FLOAT64, Shape.parse("batch, 3")));
        Node labels = b.input("labels", TensorType.of(DType.INT32, Shape.parse("batch")));
        Node[] nodes = {
            b.compare(Compare.Fn.GT, x, b.constant(0, DType.FLOAT64)),
            b.argReduce(ArgReduce.Kind.ARGMAX, x, 1, false),
            b.oneHot(labels, 3, DType.FLOAT64),
            x,
            b.constant(2, DType.FLOAT64),
            b.dimSize(Dim.of("batch"), DType.FLOAT64),
        };
        assertEquals(List.of(), b.problems());
        return Arrays.stream(nodes).map(n -> Arguments.of(kindOf(n.op()), n, b));
    }

    /** An op's kind: the function of an elementwise op or reduction, else its record's name. */
    static String kindOf(Op op) {
        if (op instanceof Unary u) return "Unary." + u.fn().name();
        if (op instanceof Binary bin) return "Binary." + bin.fn().name();
        if (op instanceof Reduce r) return "Reduce." + r.kind().name();
        return op.getClass().getSimpleName();
    }

    /**
     * The op kinds of the code: each {@link Op} implementation in the compiled ops package,
     * the elementwise ops and reductions split into their functions.
     */
    static Set<String> opKindsInCode() {
        Map<Class<?>, Enum<?>[]> split = Map.of(
                Unary.class, Unary.Fn.values(), Binary.class, Binary.Fn.values(), Reduce.class, Reduce.Kind.values());
        Set<String> kinds = new TreeSet<>();
        for (Class<?> c : opClassesInOpsPackage()) {
            Enum<?>[] fns = split.get(c);
            if (fns == null) kinds.add(c.getSimpleName());
            else for (Enum<?> fn : fns) kinds.add(c.getSimpleName() + "." + fn.name());
        }
        return kinds;
    }

    /** Scans the classes directory (or jar) that holds the compiled ops for top-level implementations of {@link Op}. */
    static List<Class<?>> opClassesInOpsPackage() {
        String pkg = Unary.class.getPackageName();
        String dir = pkg.replace('.', '/') + "/";
        List<String> files;
        try {
            Path root = Path.of(Unary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                try (Stream<Path> listing = Files.list(root.resolve(dir))) {
                    files = listing.map(p -> p.getFileName().toString()).toList();
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    files = jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(dir) && n.indexOf('/', dir.length()) < 0)
                            .map(n -> n.substring(dir.length()))
                            .toList();
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the compiled ops", e);
        }
        List<Class<?>> ops = new ArrayList<>();
        for (String file : files) {
            if (!file.endsWith(".class") || file.contains("$")) continue;
            Class<?> c = load(pkg + "." + file.substring(0, file.length() - ".class".length()));
            if (Op.class.isAssignableFrom(c) && !c.isInterface()) ops.add(c);
        }
        return ops;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- second derivatives

    /**
     * The two-layer perceptron of the tutorials: Hv from differentiating {@code sum(g · v)} with
     * g = ∂L/∂w1, against central differences of g along v.
     */
    @Test
    void hessianVectorProductOfAnMlpLoss() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", TensorType.of(DType.FLOAT64, Shape.of(5, 4)));
        Node y = b.input("y", TensorType.of(DType.INT32, Shape.of(5)));
        Node w1 = b.shared("w1", TensorType.of(DType.FLOAT64, Shape.of(4, 3)));
        Node b1 = b.shared("b1", TensorType.of(DType.FLOAT64, Shape.of(3)));
        Node w2 = b.shared("w2", TensorType.of(DType.FLOAT64, Shape.of(3, 2)));
        Node b2 = b.shared("b2", TensorType.of(DType.FLOAT64, Shape.of(2)));
        Node hidden = b.unary(Unary.Fn.TANH, b.add(b.dot(x, w1), b1));
        Node p = b.softmax(b.add(b.dot(hidden, w2), b2), -1);
        Node l2 = b.add(b.sumAll(b.square(w1)), b.sumAll(b.square(w2)));
        Node loss = b.add(Composites.meanAll(b, Composites.crossentropy(b, p, y)), b.mul(l2, 0.1));

        Random random = new Random(SEED);
        Map<String, NdArray> values = new HashMap<>();
        values.put("x", random(random, new int[] {5, 4}, Domain.UNIFORM));
        values.put("y", random(random, new int[] {5}, Domain.labels(2)));
        values.put("w1", random(random, new int[] {4, 3}, Domain.UNIFORM));
        values.put("b1", random(random, new int[] {3}, Domain.UNIFORM));
        values.put("w2", random(random, new int[] {3, 2}, Domain.UNIFORM));
        values.put("b2", random(random, new int[] {2}, Domain.UNIFORM));
        assertHessianVectorProduct(b, loss, w1, values, random);
    }

    /** Second derivatives through a loop: the gradient of the reverse loop is a loop again. */
    @ParameterizedTest(name = "backwards: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void hessianVectorProductThroughALoop(boolean backwards) {
        GraphBuilder b = new GraphBuilder();
        Node[] in = {
            b.input("xs", TensorType.of(DType.FLOAT64, Shape.parse("4, batch, 3"))),
            b.input("h0", TensorType.of(DType.FLOAT64, Shape.parse("batch, 2"))),
            b.shared("wx", TensorType.of(DType.FLOAT64, Shape.of(3, 2))),
            b.shared("wh", TensorType.of(DType.FLOAT64, Shape.of(2, 2)))
        };
        Random random = new Random(SEED);
        Node cost = weightedSum(b, Loops.elman(b, in, backwards, false), random);
        Map<String, NdArray> values = new HashMap<>();
        values.put("xs", random(random, new int[] {4, 2, 3}, Domain.UNIFORM));
        values.put("h0", random(random, new int[] {2, 2}, Domain.UNIFORM));
        values.put("wx", random(random, new int[] {3, 2}, Domain.UNIFORM));
        values.put("wh", random(random, new int[] {2, 2}, Domain.UNIFORM));
        assertHessianVectorProduct(b, cost, in[3], values, random);
    }

    /** Second derivatives through the fused specials, whose gradients are written in other ops. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fusedSpecials")
    void hessianVectorProductThroughFusedSpecial(String name, Expr special) {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", TensorType.of(DType.FLOAT64, Shape.of(5, 4)));
        Node labels = b.input("labels", TensorType.of(DType.INT32, Shape.of(5)));
        Node w = b.shared("w", TensorType.of(DType.FLOAT64, Shape.of(4, 3)));
        Random random = new Random(SEED ^ name.hashCode());
        Node cost = weightedSum(b, special.apply(b, new Node[] {b.dot(x, w), labels}), random);

        Map<String, NdArray> values = new HashMap<>();
        values.put("x", random(random, new int[] {5, 4}, Domain.UNIFORM));
        values.put("labels", random(random, new int[] {5}, Domain.labels(3)));
        values.put("w", random(random, new int[] {4, 3}, Domain.UNIFORM));
        assertHessianVectorProduct(b, cost, w, values, random);
    }

    static Stream<Arguments> fusedSpecials() {
        return Stream.of(
                Arguments.of(
                        "softmaxCrossentropy", (Expr) (b, v) -> b.softmaxCrossentropy(v[0], v[1])),
                Arguments.of(
                        "logSoftmax axis -1", (Expr) (b, v) -> b.logSoftmax(v[0], -1)),
                Arguments.of(
                        "logSoftmax axis 0", (Expr) (b, v) -> b.logSoftmax(v[0], 0)),
                Arguments.of(
                        "softmax axis -1", (Expr) (b, v) -> b.softmax(v[0], -1)));
    }

    /** Hv = ∂(g·v)/∂w with g = ∂cost/∂w, against (g(w + h·v) − g(w − h·v)) / 2h. */
    static void assertHessianVectorProduct(
            GraphBuilder b, Node cost, Node w, Map<String, NdArray> values, Random random) {
        String wName = ((Variable) w.op()).field();
        Node g = gradient(b, cost, w);
        Node v = b.input("v", w.type());
        Node hvp = gradient(b, b.sumAll(b.mul(g, v)), w);
        Verifier.verify(b, List.of(hvp));

        Map<String, NdArray> at = new HashMap<>(values);
        NdArray direction = random(random, w.shape().concrete(Map.of()), Domain.UNIFORM);
        at.put("v", direction);
        NdArray analytic = ReferenceEvaluator.evaluate(hvp, at, Map.of());

        NdArray w0 = values.get(wName);
        at.put(wName, axpy(w0, H, direction));
        NdArray up = ReferenceEvaluator.evaluate(g, at, Map.of());
        at.put(wName, axpy(w0, -H, direction));
        NdArray down = ReferenceEvaluator.evaluate(g, at, Map.of());
        assertClose(difference(up, down, 2 * H), analytic, RTOL, ATOL, "Hv for " + wName);
        assertTrue(Arrays.stream(analytic.data()).anyMatch(d -> Math.abs(d) > 1e-3), "Hv is not trivially zero");
    }

    static Node gradient(GraphBuilder b, Node cost, Node w) {
        Autodiff.Gradients grads = Autodiff.grad(b, cost, List.of(w)).orElseThrow();
        assertEquals(List.of(), grads.disconnected());
        Node g = grads.grads().get(0);
        assertNotNull(g);
        return g;
    }
}
