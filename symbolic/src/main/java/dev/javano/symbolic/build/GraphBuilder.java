package dev.javano.symbolic.build;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.ops.ArgReduce;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Cast;
import dev.javano.symbolic.ops.Compare;
import dev.javano.symbolic.ops.Concat;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.DimSize;
import dev.javano.symbolic.ops.Dot;
import dev.javano.symbolic.ops.LogSoftmax;
import dev.javano.symbolic.ops.OneHot;
import dev.javano.symbolic.ops.Pick;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Reshape;
import dev.javano.symbolic.ops.Select;
import dev.javano.symbolic.ops.Slice;
import dev.javano.symbolic.ops.Softmax;
import dev.javano.symbolic.ops.SoftmaxCrossentropy;
import dev.javano.symbolic.ops.Transpose;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes nodes: the only way to create them. Interns every node (structurally equal nodes are
 * one node), runs each op's type rule, and records problems as values with the origin the
 * front end set through {@link #at} — the failed op yields a {@link Poison} node instead of
 * throwing. Also the vocabulary of primitives that gradients, rewrites and {@link Composites}
 * are written in; axes may be negative here and are normalized before they reach an op.
 */
public final class GraphBuilder {

    private record Key(Op op, List<Node> inputs) {}

    private final Map<Key, Node> interned = new HashMap<>();
    private final List<Reported> problems = new ArrayList<>();
    private int nextId;
    private Object origin;

    /** Sets the origin attached to problems reported from now on (a source position, say). */
    public GraphBuilder at(Object origin) {
        this.origin = origin;
        return this;
    }

    public Object origin() {
        return origin;
    }

    /** Problems reported so far, in order. */
    public List<Reported> problems() {
        return List.copyOf(problems);
    }

    /** Records a problem found outside an op's type rule (by autodiff or a front end); returns poison. */
    public Node report(Problem problem) {
        problems.add(new Reported(problem, origin));
        return poison();
    }

    /** Applies {@code op}: the interned node, or poison after reporting the op's problem. */
    public Node apply(Op op, Node... inputs) {
        return apply(op, List.of(inputs));
    }

    public Node apply(Op op, List<Node> inputs) {
        if (inputs.stream().anyMatch(GraphBuilder::isPoison)) return poison();
        Key key = new Key(op, List.copyOf(inputs));
        Node existing = interned.get(key);
        if (existing != null) return existing;
        Result<TensorType> type = op.infer(inputs.stream().map(Node::type).toList());
        if (!type.isOk()) return report(type.problem());
        Node node = new Node(nextId++, op, inputs, type.orElseThrow());
        interned.put(key, node);
        return node;
    }

    /** The interned node for this structure, or null: for the {@link dev.javano.symbolic.ir.Verifier}. */
    public Node find(Op op, List<Node> inputs) {
        return interned.get(new Key(op, inputs));
    }

    /**
     * {@code roots} with every node of {@code replacements} replaced by its value, the nodes in
     * between rebuilt (and interned) on the new inputs.
     */
    public List<Node> substitute(List<Node> roots, Map<Node, Node> replacements) {
        Map<Node, Node> memo = new HashMap<>(replacements);
        for (Node n : Graphs.topologicalOrder(roots, memo::containsKey)) {
            List<Node> inputs = n.inputs().stream().map(i -> memo.getOrDefault(i, i)).toList();
            memo.put(n, inputs.equals(n.inputs()) ? n : apply(n.op(), inputs));
        }
        return roots.stream().map(r -> memo.getOrDefault(r, r)).toList();
    }

    public static boolean isPoison(Node n) {
        return n.op() instanceof Poison;
    }

    /** A poison node for a problem already reported elsewhere (by a front end's own diagnostics). */
    public Node poison() {
        int serial = nextId++;
        return new Node(serial, new Poison(serial), List.of(), TensorType.scalar(DType.FLOAT32));
    }

    // ---- leaves

    public Node input(String name, TensorType type) {
        return apply(new Variable(Variable.Kind.INPUT, name, type));
    }

    public Node shared(String name, TensorType type) {
        return apply(new Variable(Variable.Kind.SHARED, name, type));
    }

    /** A runtime scalar hyper-parameter; weak like a literal (it takes the other operand's dtype). */
    public Node hyper(String name, DType dtype) {
        return apply(new Variable(Variable.Kind.HYPER, name, TensorType.scalar(dtype)));
    }

    public Node constant(double value, DType dtype) {
        return apply(new Constant(NdArray.scalar(value), dtype));
    }

    public Node constant(NdArray value, DType dtype) {
        return apply(new Constant(value, dtype));
    }

    /** {@code value} broadcast to {@code shape}. */
    public Node fill(double value, DType dtype, Shape shape) {
        return broadcastTo(constant(value, dtype), shape);
    }

    public Node zerosLike(Node x) {
        return fill(0, x.dtype(), x.shape());
    }

    /** The run-time size of {@code dim} as a scalar (a constant when the dim is fixed). */
    public Node dimSize(Dim dim, DType dtype) {
        return dim instanceof Dim.Fixed f ? constant(f.size(), dtype) : apply(new DimSize(dim, dtype));
    }

    // ---- elementwise

    public Node unary(Unary.Fn fn, Node x) {
        return apply(new Unary(fn), x);
    }

    public Node neg(Node x) {
        return unary(Unary.Fn.NEG, x);
    }

    public Node exp(Node x) {
        return unary(Unary.Fn.EXP, x);
    }

    public Node log(Node x) {
        return unary(Unary.Fn.LOG, x);
    }

    public Node square(Node x) {
        return unary(Unary.Fn.SQUARE, x);
    }

    public Node sigmoid(Node x) {
        return unary(Unary.Fn.SIGMOID, x);
    }

    public Node sign(Node x) {
        return unary(Unary.Fn.SIGN, x);
    }

    /** A binary op; a weak scalar operand (literal, hyper-parameter) takes the other's dtype. */
    public Node binary(Binary.Fn fn, Node a, Node b) {
        Node[] ab = promoteWeak(a, b);
        return apply(new Binary(fn), ab[0], ab[1]);
    }

    public Node add(Node a, Node b) {
        return binary(Binary.Fn.ADD, a, b);
    }

    public Node sub(Node a, Node b) {
        return binary(Binary.Fn.SUB, a, b);
    }

    public Node mul(Node a, Node b) {
        return binary(Binary.Fn.MUL, a, b);
    }

    public Node div(Node a, Node b) {
        return binary(Binary.Fn.DIV, a, b);
    }

    public Node pow(Node a, Node b) {
        return binary(Binary.Fn.POW, a, b);
    }

    public Node add(Node a, double b) {
        return add(a, constant(b, a.dtype()));
    }

    public Node mul(Node a, double b) {
        return mul(a, constant(b, a.dtype()));
    }

    /** {@code b - a}: the scalar on the left, as in {@code 1 - y²}. */
    public Node rsub(double a, Node b) {
        return sub(constant(a, b.dtype()), b);
    }

    public Node compare(Compare.Fn fn, Node a, Node b) {
        Node[] ab = promoteWeak(a, b);
        return apply(new Compare(fn), ab[0], ab[1]);
    }

    /** {@code where(cond, a, b)}: a where cond holds, else b; all three broadcast. */
    public Node select(Node cond, Node a, Node b) {
        Node[] ab = promoteWeak(a, b);
        return apply(new Select(), cond, ab[0], ab[1]);
    }

    public Node cast(Node x, DType dtype) {
        return x.dtype() == dtype ? x : apply(new Cast(dtype), x);
    }

    private Node[] promoteWeak(Node a, Node b) {
        if (a.dtype() == b.dtype() || isPoison(a) || isPoison(b)) return new Node[] {a, b};
        if (isWeak(b) && !isWeak(a)) return new Node[] {a, cast(b, a.dtype())};
        if (isWeak(a) && !isWeak(b)) return new Node[] {cast(a, b.dtype()), b};
        return new Node[] {a, b};
    }

    /** Scalars whose dtype is a formality: literals, hyper-parameters, dim sizes (and casts of them). */
    public static boolean isWeak(Node n) {
        if (n.rank() != 0) return false;
        Op op = n.op();
        return op instanceof Constant
                || op instanceof DimSize
                || op instanceof Variable v && v.kind() == Variable.Kind.HYPER
                || op instanceof Cast && isWeak(n.input(0));
    }

    // ---- reductions

    public Node reduce(Reduce.Kind kind, Node x, int[] axes, boolean keepdims) {
        int[] normalized = normalizeAxes(kind.opName(), x, axes);
        if (normalized == null) return poison();
        return apply(new Reduce(kind, Arrays.stream(normalized).boxed().toList(), keepdims), x);
    }

    public Node sum(Node x, int[] axes, boolean keepdims) {
        return reduce(Reduce.Kind.SUM, x, axes, keepdims);
    }

    /** Sum over every axis, to a scalar. */
    public Node sumAll(Node x) {
        return sum(x, allAxes(x), false);
    }

    public Node argReduce(ArgReduce.Kind kind, Node x, int axis, boolean keepdims) {
        int a = normalizeAxis(kind.opName(), x, axis);
        return a < 0 ? poison() : apply(new ArgReduce(kind, a, keepdims), x);
    }

    public static int[] allAxes(Node x) {
        int[] axes = new int[x.rank()];
        for (int i = 0; i < axes.length; i++) axes[i] = i;
        return axes;
    }

    // ---- linear algebra and views

    public Node dot(Node a, Node b) {
        return apply(new Dot(), a, b);
    }

    public Node reshape(Node x, Shape shape) {
        return x.shape().equals(shape) ? x : apply(new Reshape(shape), x);
    }

    public Node transpose(Node x, int... perm) {
        return apply(new Transpose(Arrays.stream(perm).boxed().toList()), x);
    }

    /** Reverses the axes: the matrix transpose for rank 2. */
    public Node transpose(Node x) {
        int[] perm = new int[x.rank()];
        for (int i = 0; i < perm.length; i++) perm[i] = perm.length - 1 - i;
        return transpose(x, perm);
    }

    public Node broadcastTo(Node x, Shape shape) {
        return x.shape().equals(shape) ? x : apply(new BroadcastTo(shape), x);
    }

    /** Elements {@code start, start+step, ...} before {@code stop} along {@code axis}; negative bounds count from the end. */
    public Node slice(Node x, int axis, int start, int stop, int step) {
        int a = normalizeAxis("slice", x, axis);
        return a < 0 ? poison() : apply(Slice.of(x.shape(), a, start, stop, step), x);
    }

    public Node concat(int axis, List<Node> xs) {
        if (xs.isEmpty()) return report(new Problem.BadArgument("concat", "needs at least one tensor"));
        int a = normalizeAxis("concat", xs.get(0), axis);
        return a < 0 ? poison() : apply(new Concat(a), xs);
    }

    // ---- indexing

    /** {@code x[..., idx]}: for each position of {@code idx}, the entry of x's last axis it names. */
    public Node pick(Node x, Node idx) {
        return apply(new Pick(), x, idx);
    }

    public Node oneHot(Node labels, int depth, DType dtype) {
        return apply(new OneHot(depth, dtype), labels);
    }

    // ---- fused specials

    public Node softmax(Node x, int axis) {
        int a = normalizeAxis("softmax", x, axis);
        return a < 0 ? poison() : apply(new Softmax(a), x);
    }

    public Node logSoftmax(Node x, int axis) {
        int a = normalizeAxis("logSoftmax", x, axis);
        return a < 0 ? poison() : apply(new LogSoftmax(a), x);
    }

    /** Per-row {@code -log softmax(logits)[label]}, fused, with gradient {@code softmax − onehot}. */
    public Node softmaxCrossentropy(Node logits, Node labels) {
        return apply(new SoftmaxCrossentropy(), logits, labels);
    }

    // ---- gradient helpers

    /**
     * Sums {@code g} down to {@code shape}, undoing a broadcast: over the leading axes it added
     * and over the axes where {@code shape} has a 1.
     */
    public Node sumTo(Node g, Shape shape) {
        if (g.shape().equals(shape)) return g;
        int lead = g.rank() - shape.rank();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || shape.get(i - lead).isOne() && !g.shape().get(i).isOne()) axes.add(i);
        }
        Node summed = sum(g, axes.stream().mapToInt(Integer::intValue).toArray(), true);
        return reshape(summed, shape);
    }

    /** Puts back the axes a reduction removed, as 1s, so the result broadcasts against its input. */
    public Node keepDims(Node reduced, Shape inputShape, List<Integer> axes) {
        Shape kept = inputShape;
        for (int a : axes) kept = kept.with(a, Dim.of(1));
        return reshape(reduced, kept);
    }

    // ---- axes

    /** The axis made non-negative, or -1 after reporting it out of range (nothing reported for poison). */
    private int normalizeAxis(String op, Node x, int axis) {
        if (isPoison(x)) return -1;
        int a = axis < 0 ? axis + x.rank() : axis;
        if (a < 0 || a >= x.rank()) {
            report(new Problem.AxisOutOfRange(op, axis, x.shape()));
            return -1;
        }
        return a;
    }

    private int[] normalizeAxes(String op, Node x, int[] axes) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = normalizeAxis(op, x, axes[i]);
            if (out[i] < 0) return null;
        }
        int[] sorted = Arrays.stream(out).sorted().distinct().toArray();
        if (sorted.length != out.length) {
            report(new Problem.BadArgument(op, "axis listed twice in " + Arrays.toString(axes)));
            return null;
        }
        return sorted;
    }
}
