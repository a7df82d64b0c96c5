package dev.javano.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.javano.DType;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Cast;
import dev.javano.symbolic.ops.Compare;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.DimSize;
import dev.javano.symbolic.ops.Gemm;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Reshape;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Select;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The body of one generated function: its schedule (the lowered graph in topological order),
 * one commented block per kernel, planned work buffers, scalars as Java locals. Elementwise
 * groups become chunked loops over heap scratch arrays; everything else calls {@code Blas} or
 * {@code Kernels}. Updates whose new value can be computed where the old one lives are written
 * in place; the others are computed aside and copied at the end, so all updates see old values.
 */
final class FunctionEmitter {

    /**
     * Source size above which a method risks the JVM's 64 KB bytecode limit (generated kernels
     * compile to about one byte per 2.5 to 3 characters of unindented source, measured; 150,000
     * characters stays under 60 KB): a larger function is cut into methods ({@link Segments}).
     * Tests lower it (system property {@code javano.testing.methodChars}) to cut small functions.
     */
    private static int maxBodyChars() {
        return Integer.getInteger("javano.testing.methodChars", 150_000);
    }

    final ModelEmitter model;
    /** The function's name, for slots and messages. */
    private final String function;
    /** The function's result, or null in a loop's body. */
    private final Node result;
    private final Map<Node, Node> updates;
    /** Values read after the last kernel: the result and the updates, or a loop body's outputs. */
    private final Set<Node> roots;
    private final List<Node> schedule;
    private final Map<Node, List<Node>> consumers = new HashMap<>();
    private final Map<Node, Fusion.Group> groups;
    final Map<Node, String> scalars = new HashMap<>();
    final Map<Node, String> addresses = new HashMap<>();
    final Map<Node, Node> inPlace = new HashMap<>();
    /** Nodes computed straight where their value is wanted (a loop's output slot), by address expression. */
    final Map<Node, String> placed = new HashMap<>();
    /** The placed nodes that were computed in place. */
    final Set<Node> landed = new HashSet<>();
    private final Slots slots;
    private final KernelCalls calls = new KernelCalls(this);
    private final LoopEmitter loops = new LoopEmitter(this);
    CodeBlock.Builder code = CodeBlock.builder();
    /** The function's code, one block per top-level kernel (a loop is one): what {@link Segments} packs into methods. */
    private final List<CodeBlock> kernelBlocks = new ArrayList<>();
    final Set<String> taken;
    int kernels;
    /** The chunked loops' locals, named away from the model's inputs and hyper-parameters. */
    private final String base;
    private final String end;
    private final String len;
    private final String lane;
    int locals;
    int scratchArrays;
    /**
     * How this code names the model instance: {@code this}, or {@code XxxModel.this} in a loop
     * run as row bands ({@code SplitRows}), a class nested in the model.
     */
    String self = "this";
    /** In a loop run as row bands: the offset of a work buffer's band (null for a buffer without rows). */
    java.util.function.Function<Node, String> rowOffset;

    FunctionEmitter(ModelEmitter model, FunctionGraph f, Set<String> taken) {
        this(model, f.decl().name(), f.result(), f.updates(), roots(f), taken, new Slots(f.decl().name()));
        planInPlaceUpdates();
        requireBoundDims();
    }

    private static List<Node> roots(FunctionGraph f) {
        List<Node> roots = new ArrayList<>();
        roots.add(f.result());
        roots.addAll(f.updates().values());
        return roots;
    }

    private FunctionEmitter(ModelEmitter model, String function, Node result, Map<Node, Node> updates, List<Node> roots,
                            Set<String> taken, Slots slots) {
        this(model, function, result, updates, roots, Graphs.topologicalOrder(roots), taken, slots);
    }

    private FunctionEmitter(ModelEmitter model, String function, Node result, Map<Node, Node> updates, List<Node> roots,
                            List<Node> schedule, Set<String> taken, Slots slots) {
        this.model = model;
        this.function = function;
        this.result = result;
        this.updates = updates;
        this.roots = new HashSet<>(roots);
        this.taken = taken;
        this.schedule = schedule;
        for (Node n : schedule) for (Node in : n.inputs()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        this.groups = Fusion.groups(schedule, consumers, this.roots);
        this.slots = slots;
        this.base = model.local("base");
        this.end = model.local("n");
        this.len = model.local("len");
        this.lane = model.local("i");
    }

    /**
     * An emitter for the body of a loop of this function: {@code schedule} in order, keeping
     * {@code outputs} to the end; it shares this function's slots and names, and knows only the
     * values bound in {@code bound} (the step's parameters).
     */
    FunctionEmitter body(List<Node> outputs, List<Node> schedule, Map<Node, String> bound) {
        FunctionEmitter child = new FunctionEmitter(model, function, null, Map.of(), outputs, schedule, taken, slots);
        child.addresses.putAll(bound);
        child.kernels = kernels;
        child.locals = locals;
        return child;
    }

    /** Takes back the counters a body emitter advanced. */
    void absorb(FunctionEmitter child) {
        kernels = child.kernels;
        locals = child.locals;
        scratchArrays = Math.max(scratchArrays, child.scratchArrays);
    }

    /**
     * Every named dim the function's nodes use must be bound at run time: by the model's builder,
     * or by an input the function reads (its parameters). A graph that has a dim only through the
     * shape of an input it does not read ({@code onesLike(x)} alone) has no way to learn it.
     */
    private void requireBoundDims() {
        Set<String> bound = new HashSet<>(model.decl().modelDims());
        for (Node n : schedule) {
            if (n.op() instanceof Variable v && v.kind() == Variable.Kind.INPUT) {
                for (Dim d : n.shape().dims()) if (d instanceof Dim.Named named) bound.add(named.name());
            }
        }
        for (Node n : schedule) {
            List<Dim> dims = new ArrayList<>(n.shape().dims());
            if (n.op() instanceof DimSize d) dims.add(d.dim());
            for (Dim d : dims) {
                if (d instanceof Dim.Named named && !bound.contains(named.name())) {
                    throw unsupported("the dim " + named.name() + ", which none of the inputs of " + function
                            + " carries");
                }
            }
        }
    }

    /** Scratch arrays the widest kernel needs. */
    int scratchArrays() {
        return scratchArrays;
    }

    /** The function's name. */
    String function() {
        return function;
    }

    Slots slots() {
        return slots;
    }

    /**
     * The statements computing every node, in one method or, for a function too large for one,
     * in parts ({@link Segments}); afterwards {@link #result()} names the result.
     */
    Segments.Body body() {
        emitSchedule(Set.of());
        commitUpdates();
        flushKernel();
        Segments.Body body = Segments.split(kernelBlocks, slots.sizing(), maxBodyChars(), registerField(), result());
        if (body == null) {
            throw unsupported("a single kernel this large (over " + maxBodyChars() + " characters of Java) in one method");
        }
        return body;
    }

    /** The model's field holding the scalars that pass from one part of this function to a later one. */
    String registerField() {
        return "scalars_" + function;
    }

    private void flushKernel() {
        CodeBlock block = code.build();
        if (!block.isEmpty()) kernelBlocks.add(block);
        code = CodeBlock.builder();
    }

    /**
     * Emits every node of the schedule, giving each buffer back after its last reader; those of
     * {@code held} (and the roots) are kept to the end.
     */
    void emitSchedule(Set<Node> held) {
        emitSchedule(held, -1, null);
    }

    /** As {@link #emitSchedule(Set)}, running {@code split} before the node at index {@code at} (a loop's head). */
    void emitSchedule(Set<Node> held, int at, Runnable split) {
        Map<Integer, List<Node>> freedAfter = new HashMap<>();
        Map<Node, Integer> lastUse = lastUses();
        held.forEach(h -> lastUse.put(owner(h), Integer.MAX_VALUE));
        for (Node node : schedule) {
            Integer i = lastUse.get(node);
            if (i != null) freedAfter.computeIfAbsent(i, k -> new ArrayList<>()).add(node); // schedule order: stable slots
        }
        for (int i = 0; i < schedule.size(); i++) {
            if (i == at) split.run();
            emit(schedule.get(i));
            freedAfter.getOrDefault(i, List.of()).forEach(slots::release);
            if (result != null) flushKernel(); // the function's own kernels, not a loop body's
        }
    }

    List<Node> schedule() {
        return schedule;
    }

    List<Node> consumersOf(Node n) {
        return consumers.getOrDefault(n, List.of());
    }

    /** Gives back the buffers of every node of the schedule still held (a loop body's, after the loop). */
    void releaseAll() {
        schedule.forEach(slots::release);
    }

    /**
     * For each node, the schedule index after which nothing reads its buffer: readers through
     * reshapes and in-loop broadcasts count, a fused member is read when its group's loop runs,
     * and results and updates are read at the end.
     */
    private Map<Node, Integer> lastUses() {
        Map<Node, Integer> index = new HashMap<>();
        for (int i = 0; i < schedule.size(); i++) index.put(schedule.get(i), i);
        Map<Node, Integer> last = new HashMap<>();
        for (int i = 0; i < schedule.size(); i++) {
            Node reader = schedule.get(i);
            Fusion.Group g = groups.get(reader);
            int at = g != null ? index.get(g.root()) : i;
            for (Node in : reader.inputs()) last.merge(owner(in), at, Math::max);
        }
        roots.forEach(r -> last.put(owner(r), Integer.MAX_VALUE));
        return last;
    }

    /** The node whose buffer {@code n} reads: through reshapes and broadcasts, which own none. */
    private static Node owner(Node n) {
        Node o = n;
        while ((o.op() instanceof Reshape || o.op() instanceof BroadcastTo) && o.input(0).rank() > 0) o = o.input(0);
        return o;
    }

    /** The Java expression of the function's result: a scalar local, or the address of its buffer. */
    String result() {
        Node r = result;
        return r.rank() == 0 ? scalar(r) : addresses.get(r);
    }

    // ---- updates in place

    private void planInPlaceUpdates() {
        List<Node> order = schedule;
        updates.forEach((target, value) -> {
            if (value.rank() == 0 || !writesInPlace(target, value)) return;
            int at = order.indexOf(value);
            boolean laterReader = consumers.getOrDefault(target, List.of()).stream()
                    .anyMatch(u -> u != value && !sameGroup(u, value) && order.indexOf(u) > at);
            boolean valueReadLater = consumers.getOrDefault(value, List.of()).stream().anyMatch(u -> !sameGroup(u, value));
            if (!laterReader && !valueReadLater) inPlace.put(value, target);
        });
    }

    private boolean writesInPlace(Node target, Node value) {
        if (value.op() instanceof Gemm) return value.input(2) == target;
        Fusion.Group g = groups.get(value);
        return g != null && g.root() == value && g.members().stream()
                .flatMap(m -> m.inputs().stream())
                .filter(i -> i == target || i.op() instanceof BroadcastTo && i.input(0) == target)
                .allMatch(i -> i == target);
    }

    private boolean sameGroup(Node a, Node b) {
        Fusion.Group g = groups.get(a);
        return g != null && g == groups.get(b);
    }

    private void commitUpdates() {
        updates.forEach((target, value) -> {
            String into = model.sharedAddress(target);
            if (value.rank() == 0) {
                code.addStatement("Memory.put$L($L, $L)", suffix(value.dtype()), into, scalar(value));
            } else if (!inPlace.containsKey(value)) {
                code.add("// update: $L <- $L\n", model.variableName(target), addresses.get(value));
                code.addStatement("Memory.copy($L, $L, $L * $L)", addresses.get(value), into,
                        Names.size(value.shape(), taken), bytes(value.dtype()));
            }
        });
    }

    // ---- one node

    private void emit(Node n) {
        Op op = n.op();
        if (op instanceof Variable v) {
            variable(n, v);
        } else if (op instanceof Reshape && n.input(0).rank() > 0) {
            addresses.put(n, address(n.input(0)));
        } else if (Fusion.isFreeBroadcast(n, consumers) && !isRoot(n)) { // a root broadcast is materialized
            return;
        } else if (n.rank() == 0 && isScalarOp(op)) {
            scalarLocal(n);
        } else if (op instanceof Scan) {
            loops.emit(n);
        } else if (Fusion.isElementwise(n)) {
            if (groups.get(n).root() == n) fused(groups.get(n));
        } else {
            calls.kernel(n);
        }
    }

    boolean isRoot(Node n) {
        return roots.contains(n);
    }

    private static boolean isScalarOp(Op op) {
        return op instanceof Constant || op instanceof DimSize || op instanceof Unary || op instanceof Binary
                || op instanceof Compare || op instanceof Select || op instanceof Cast || op instanceof Reshape
                || op instanceof BroadcastTo;
    }

    private void variable(Node n, Variable v) {
        if (v.kind() == Variable.Kind.HYPER) {
            scalars.put(n, own("this." + Names.field(v.field())));
        } else if (v.kind() == Variable.Kind.INPUT) {
            if (n.rank() == 0) scalars.put(n, v.field() + ".get()");
            else addresses.put(n, v.field() + ".address()");
        } else if (v.kind() == Variable.Kind.STEP) {
            throw new IllegalStateException("step parameter " + v.field() + " read outside its loop");
        } else {
            if (n.rank() == 0) scalars.put(n, "Memory.get" + suffix(n.dtype()) + "(" + own(model.sharedAddress(n)) + ")");
            else addresses.put(n, own(model.sharedAddress(n)));
        }
    }

    /**
     * A scalar node as a Java local of its dtype. float32 arithmetic stays in float; anything
     * with a float64 operand, and integer and boolean results, are computed in double and
     * converted once (so that comparisons, which give 1.0 or 0.0, land in an int).
     */
    private void scalarLocal(Node n) {
        String type = Names.javaType(n.dtype());
        String expr;
        Op op = n.op();
        if (op instanceof Constant c) {
            expr = literal(c.value().get(0), n.dtype());
        } else if (op instanceof DimSize d) {
            expr = "(" + type + ") " + Names.dim(d.dim(), taken);
        } else if (op instanceof Reshape || op instanceof BroadcastTo) {
            expr = scalar(n.input(0));
        } else if (op instanceof Cast c) {
            expr = c.to() == DType.BOOL ? "(" + scalar(n.input(0)) + " != 0 ? 1 : 0)" : "(" + type + ") " + scalar(n.input(0));
        } else {
            boolean dbl = n.dtype() != DType.FLOAT32 || n.inputs().stream().anyMatch(i -> i.dtype() == DType.FLOAT64);
            boolean exact = dbl == (n.dtype() == DType.FLOAT64);
            expr = (exact ? "" : "(" + type + ") ") + elementwise(n, m -> scalar(m), dbl);
        }
        String name = "s" + locals++;
        code.addStatement("$L $L = $L", type, name, expr);
        scalars.put(n, name);
    }

    /** A Java literal of {@code dtype}. */
    private static String literal(double v, DType dtype) {
        if (dtype == DType.INT32 || dtype == DType.BOOL) return Integer.toString((int) v);
        return Scalars.lit(v, dtype == DType.FLOAT64);
    }

    /** The scalar value of a rank-0 node: its local, or a read of its one-element buffer. */
    String scalar(Node n) {
        String s = scalars.get(n);
        if (s != null) return s;
        return "Memory.get" + suffix(n.dtype()) + "(" + address(n) + ")";
    }

    /** {@code this.x...}, an expression on the model instance, as this code names the instance. */
    String own(String thisExpression) {
        return self.equals("this") ? thisExpression : self + thisExpression.substring("this".length());
    }

    String address(Node n) {
        String a = addresses.get(n);
        if (a == null) throw new IllegalStateException("no buffer for " + n);
        return a;
    }

    /** A new work buffer for {@code n} (or the shared storage it updates in place). */
    String allocate(Node n) {
        Node target = inPlace.get(n);
        String name = "t" + locals++;
        if (placed.containsKey(n)) landed.add(n);
        String source = placed.containsKey(n) ? placed.get(n)
                : target != null ? model.sharedAddress(target) : slots.take(n, Names.size(n.shape(), taken), n.dtype());
        String offset = rowOffset == null || placed.containsKey(n) ? null : rowOffset.apply(n);
        if (offset != null) source = source + " + " + offset;
        code.addStatement("long $L = $L", name, source);
        addresses.put(n, name);
        return name;
    }

    /**
     * One work buffer for two values of the same type, {@code upper} starting {@code shift}
     * elements after {@code lower} (they overlap but for the first and last {@code shift}): a loop's
     * stacked states and its stacked previous states, one time index apart. The buffer stays
     * taken while either is read.
     */
    void allocateAdjacent(Node lower, Node upper, String shift) {
        String low = "t" + locals++;
        String size = Names.size(lower.shape(), taken) + " + " + shift;
        code.addStatement("long $L = $L", low, slots.take(lower, size, lower.dtype()));
        String high = "t" + locals++;
        code.addStatement("long $L = $L + $L * $L", high, low, shift, bytes(upper.dtype()));
        slots.share(upper, lower);
        addresses.put(lower, low);
        addresses.put(upper, high);
    }

    /** Whether {@code n} takes a work buffer of its own, at the function's level (not placed, updated in place or in a band). */
    boolean ownsBuffer(Node n) {
        return !placed.containsKey(n) && !inPlace.containsKey(n) && rowOffset == null;
    }

    // ---- fused elementwise loops

    private interface Operand {
        String of(Node n);
    }

    private String elementwise(Node n, Operand operand, boolean dbl) {
        Op op = n.op();
        if (op instanceof Unary u) return Scalars.unary(u.fn(), operand.of(n.input(0)), dbl);
        if (op instanceof Binary b) return Scalars.binary(b.fn(), operand.of(n.input(0)), operand.of(n.input(1)), dbl);
        if (op instanceof Compare c) return Scalars.compare(c.fn(), operand.of(n.input(0)), operand.of(n.input(1)), dbl);
        if (op instanceof Select) {
            return Scalars.select(operand.of(n.input(0)), operand.of(n.input(1)), operand.of(n.input(2)), dbl);
        }
        if (op instanceof Cast c) return Scalars.cast(c, operand.of(n.input(0)), dbl);
        throw new IllegalStateException("not elementwise: " + n);
    }

    private void fused(Fusion.Group g) {
        Node root = g.root();
        boolean dbl = computesInDouble(g);
        if (sumOfSquares(g, dbl)) return;
        Set<Node> members = new HashSet<>(g.members());
        Captures captures = splits(root) && rowOffset == null // a row band runs on one thread
                ? new Captures(Set.of("from", "to", "scratch", base, end, len, lane)) : null;
        UnaryOperator<String> outside = typed -> {
            int colon = typed.indexOf(':');
            String expression = typed.substring(colon + 1);
            return captures == null ? expression : captures.of(expression, typed.substring(0, colon));
        };
        Map<Node, String> arrays = new LinkedHashMap<>();
        List<String> loads = new ArrayList<>();
        List<String> preLoop = new ArrayList<>();
        int[] next = {0};
        Operand operand = new Operand() {
            public String of(Node m) {
                if (members.contains(m)) {
                    String temp = arrays.get(m);
                    return temp != null ? temp + "[" + lane + "]" : member(m, this, dbl);
                }
                Node source = m.op() instanceof BroadcastTo ? m.input(0) : m;
                if (source.rank() == 0) {
                    return cast(outside.apply(Names.javaType(source.dtype()) + ":" + scalar(source)), source.dtype(), dbl);
                }
                return arrays.computeIfAbsent(m, k -> {
                    String array = "a" + next[0]++;
                    loads.add(load(source, root.shape(), array, dbl, preLoop, outside));
                    return array;
                }) + "[" + lane + "]";
            }
        };
        List<String> temps = new ArrayList<>();
        for (Node m : g.members()) {
            if (m == root || !needsTemp(m, members)) continue;
            String expr = member(m, operand, dbl);
            String array = "a" + next[0]++;
            arrays.put(m, array);
            temps.add(array + "[" + lane + "] = " + expr);
        }
        String result = member(root, operand, dbl);
        Node total = summedTotal(root);
        if (total != null && dbl != (root.dtype() == DType.FLOAT64)) total = null;
        String out = total == null ? allocate(root) : null;
        String outArray = "a" + next[0]++;
        scratchArrays = Math.max(scratchArrays, next[0]);
        String size = Names.size(root.shape(), taken);
        int kernel = ++kernels;
        String header = String.format("kernel %d: fused %s%s over %s", kernel, describe(g), total == null ? "" : ", summed",
                root.type());
        CodeBlock.Builder loop = CodeBlock.builder();
        if (total != null) {
            loop.addStatement("$L[] sum$L = scratch.$L($L)", dbl ? "double" : "float", kernel, dbl ? "d" : "f", next[0] - 1);
            loop.addStatement("java.util.Arrays.fill(sum$L, $L)", kernel, Scalars.lit(0, dbl));
        }
        preLoop.forEach(loop::addStatement);
        if (captures == null) loop.beginControlFlow("for (long $L = 0, $L = $L; $L < $L; $L += Scratch.CHUNK)", base, end, size,
                base, end, base);
        else loop.beginControlFlow("for (long $L = from, $L = to; $L < $L; $L += Scratch.CHUNK)", base, end, base, end, base);
        loop.addStatement("int $L = (int) Math.min(Scratch.CHUNK, $L - $L)", len, end, base);
        int fetched = total == null ? next[0] : next[0] - 1;
        for (int k = 0; k < fetched; k++) {
            loop.addStatement("$L[] a$L = scratch.$L($L)", dbl ? "double" : "float", k, dbl ? "d" : "f", k);
        }
        loads.forEach(loop::addStatement);
        for (String t : temps) loop.addStatement("$L$L", lanes(), t);
        String sum = null;
        if (total != null) {
            loop.addStatement("$Lsum$L[$L] += $L", lanes(), kernel, lane, result);
            loop.endControlFlow();
            sum = kernels(dbl) + ".total(sum" + kernel + ")";
        } else {
            loop.addStatement("$L$L[$L] = $L", lanes(), outArray, lane, result);
            loop.addStatement(store(root.dtype(), outArray, outside.apply("long:" + out), dbl));
            loop.endControlFlow();
        }
        String type = dbl ? "double" : "float";
        if (captures == null) {
            code.add("// $L\n", header);
            code.add(loop.build());
            if (sum != null) sumInto(total, type, sum);
            return;
        }
        String field = model.splitLoop(function, header, captures.fields(), loop.build(), sum, next[0]);
        code.add("// $L ($L, split over the threads when large)\n", header, Names.capitalized(field));
        code.add(captures.assign(field));
        if (sum != null) sumInto(total, type, "(" + type + ") " + field + ".run(scratch, " + size + ")");
        else code.addStatement("$L.run(scratch, $L)", field, size);
    }

    /**
     * A sum of the squares of one whole buffer (an L2 term) as a BLAS dot product of the buffer
     * with itself, which reads it straight from its memory; false if {@code g} is anything else.
     */
    private boolean sumOfSquares(Fusion.Group g, boolean dbl) {
        Node root = g.root();
        Node total = summedTotal(root);
        Node x = squared(root);
        if (total == null || x == null || g.members().size() != 1 || rowOffset != null || x.rank() == 0
                || x.op() instanceof BroadcastTo || x.dtype() != root.dtype() || dbl != (x.dtype() == DType.FLOAT64)) {
            return false;
        }
        code.add("// kernel $L: sum of squares of $L: a BLAS dot product of it with itself\n",
                ++kernels, x.type());
        String address = address(x);
        sumInto(total, dbl ? "double" : "float",
                String.format("Blas.%s(%s, %s, %s)", dbl ? "ddot" : "sdot", address, address, Names.size(x.shape(), taken)));
        return true;
    }

    /** What {@code n} squares, or null: {@code square(x)} or {@code x * x}. */
    private static Node squared(Node n) {
        if (n.op() instanceof Unary u && u.fn() == Unary.Fn.SQUARE) return n.input(0);
        if (n.op() instanceof Binary b && b.fn() == Binary.Fn.MUL && n.input(0) == n.input(1)) return n.input(0);
        return null;
    }

    private void sumInto(Node total, String type, String expression) {
        String name = "s" + locals++;
        code.addStatement("$L $L = $L", type, name, expression);
        scalars.put(total, name);
    }

    /**
     * Whether a fused loop over {@code root} runs as a {@code SplitLoop} (on the model's threads when
     * large enough at run time): a loop over a matrix or more, or over a long vector. A short one
     * stays inline, where it is easier to read.
     */
    private static boolean splits(Node root) {
        if (root.rank() >= 2) return true;
        long known = 1;
        for (Dim d : root.shape().dims()) {
            if (!(d instanceof Dim.Fixed f)) return false;
            known *= f.size();
        }
        return known >= SPLIT_MIN_ELEMENTS;
    }

    /** {@code SplitLoop.MIN_ELEMENTS}: below it a loop never splits. */
    private static final long SPLIT_MIN_ELEMENTS = 32L * 1024;

    /**
     * The sum over all axes that is the only reader of {@code root}, if any: the loop then adds
     * its values up as it goes (an L2 term costs one pass over the weights, and no buffer).
     */
    private Node summedTotal(Node root) {
        List<Node> users = consumers.getOrDefault(root, List.of());
        if (users.size() != 1 || !root.type().isFloating()) return null;
        Node u = users.get(0);
        boolean total = u.rank() == 0 && u.op() instanceof Reduce r && r.kind() == Reduce.Kind.SUM;
        boolean read = roots.contains(u) || roots.contains(root);
        return total && !read ? u : null;
    }

    /** The head of a loop over the chunk's lanes. */
    private String lanes() {
        return "for (int " + lane + " = 0; " + lane + " < " + len + "; " + lane + "++) ";
    }

    /** Members read by several members of the group, or twice by one, get an array of their own. */
    private boolean needsTemp(Node m, Set<Node> members) {
        List<Node> users = consumers.getOrDefault(m, List.of()).stream().filter(members::contains).toList();
        if (users.size() > 1) return true;
        Node user = users.get(0);
        if (user.op() instanceof Unary u && Scalars.repeatsOperand(u.fn())) return true;
        return isVectorMath(m) || isVectorMath(user) && !(m.op() instanceof Unary);
    }

    /**
     * Whether {@code n} calls a float32 {@code FastMath} function: C2 (JDK 17) vectorizes a loop
     * only while its body stays under about 40 float operations, and each of these is 38 or more,
     * so such a call gets a loop of its own, over an operand already computed.
     */
    private static boolean isVectorMath(Node n) {
        return n.dtype() == DType.FLOAT32 && n.op() instanceof Unary u && FAST_MATH.contains(u.fn());
    }

    private static final Set<Unary.Fn> FAST_MATH = Set.of(Unary.Fn.TANH, Unary.Fn.EXP, Unary.Fn.SIGMOID, Unary.Fn.LOG);

    /**
     * A loop computes in double when anything in it is float64, and when it computes int32
     * values (exact in double, not in float, beyond 2^24); float32 values in such a loop are
     * rounded to float where they are produced, as float32 code would.
     */
    private boolean computesInDouble(Fusion.Group g) {
        return g.members().stream().anyMatch(m -> m.dtype() == DType.FLOAT64 || m.dtype() == DType.INT32
                || m.inputs().stream().anyMatch(i -> i.dtype() == DType.FLOAT64));
    }

    /** A member's value: its expression, rounded to float when it is float32 in a double loop. */
    private String member(Node m, Operand operand, boolean dbl) {
        String expr = elementwise(m, operand, dbl);
        boolean rounds = dbl && m.dtype() == DType.FLOAT32 && !(m.op() instanceof Cast);
        return rounds ? "(double) (float) " + expr : expr;
    }

    /**
     * The statement filling {@code array} with the chunk of {@code source} broadcast to {@code out}:
     * a plain load, a row (a bias) or a column read with their own loaders, converted where the
     * source's type is not the loop's; any other broadcast reads through strides computed before
     * the loop ({@code preLoop}).
     */
    private String load(Node source, Shape out, String array, boolean dbl, List<String> preLoop, UnaryOperator<String> outside) {
        String a = outside.apply("long:" + address(source));
        Shape s = source.shape();
        DType type = source.dtype();
        boolean integral = type == DType.INT32 || type == DType.BOOL;
        if (s.equals(out)) {
            if (integral) return "Broadcasts.ints(" + a + ", " + base + ", " + array + ", " + len + ")";
            if (dbl && type == DType.FLOAT32) return "Broadcasts.floats(" + a + ", " + base + ", " + array + ", " + len + ")";
            return "Memory.load(" + a + " + " + bytes(type) + " * " + base + ", " + array + ", 0, " + len + ")";
        }
        if (!integral && dbl == (type == DType.FLOAT64)) {
            int lead = out.rank() - s.rank();
            int firstReal = 0;
            while (firstReal < s.rank() && s.get(firstReal).isOne()) firstReal++;
            boolean row = s.dims().subList(firstReal, s.rank()).equals(out.dims().subList(lead + firstReal, out.rank()));
            if (row) {
                return "Broadcasts.row(" + a + ", " + outside.apply("long:" + Names.size(s, taken)) + ", " + base + ", " + array
                        + ", " + len + ")";
            }
            int lastReal = s.rank();
            while (lastReal > 0 && s.get(lastReal - 1).isOne()) lastReal--;
            boolean column = lead == 0 && s.dims().subList(0, lastReal).equals(out.dims().subList(0, lastReal));
            if (column) {
                return "Broadcasts.column(" + a + ", " + outside.apply("long:" + Names.product(out, lastReal, out.rank(), taken)) + ", "
                        + base + ", " + array + ", " + len + ")";
            }
        }
        String dims = "dims" + locals;
        String strides = "strides" + locals++;
        preLoop.add("long[] " + dims + " = " + longs(dimList(out).stream().map(d -> outside.apply("long:" + d)).toList()));
        preLoop.add("long[] " + strides + " = " + longs(broadcastStrides(s, out).stream().map(d -> outside.apply("long:" + d))
                .toList()));
        return "Broadcasts.strided(" + a + ", Broadcasts." + typeCode(type) + ", " + dims + ", " + strides + ", " + base + ", " + array
                + ", " + len + ")";
    }

    /** The strides (in elements) reading {@code s} as if it had the shape {@code out}: 0 along broadcast axes. */
    List<String> broadcastStrides(Shape s, Shape out) {
        int lead = out.rank() - s.rank();
        List<String> strides = new ArrayList<>();
        for (int k = 0; k < out.rank(); k++) {
            int j = k - lead;
            strides.add(j < 0 || s.get(j).isOne() ? "0L" : Names.product(s, j + 1, s.rank(), taken));
        }
        return strides;
    }

    /** The row-major strides (in elements) of {@code s}. */
    List<String> contiguousStrides(Shape s) {
        List<String> strides = new ArrayList<>();
        for (int k = 0; k < s.rank(); k++) strides.add(Names.product(s, k + 1, s.rank(), taken));
        return strides;
    }

    List<String> dimList(Shape s) {
        List<String> dims = new ArrayList<>();
        for (Dim d : s.dims()) dims.add("(long) " + dim(d));
        return dims;
    }

    /** A {@code long[]} of these values for one call: the model's array for this call site, refilled in place. */
    String longs(List<String> values) {
        if (values.isEmpty() || values.size() > 4) return "new long[] {" + String.join(", ", values) + "}";
        return "scratch.longs(" + model.nextLongsSite() + ", " + String.join(", ", values) + ")";
    }

    /** The {@code Broadcasts} constant naming an element type. */
    static String typeCode(DType d) {
        switch (d) {
            case FLOAT64: return "FLOAT64";
            case FLOAT32: return "FLOAT32";
            default: return "INT32";
        }
    }

    private String store(DType dtype, String array, String out, boolean dbl) {
        if (dtype == DType.INT32 || dtype == DType.BOOL) {
            return lanes() + "Memory.putInt(" + out + " + 4 * (" + base + " + " + lane + "), (int) " + array + "[" + lane + "])";
        }
        if (dtype == DType.FLOAT32 && dbl) return "Broadcasts.narrow(" + array + ", " + out + ", " + base + ", " + len + ")";
        return "Memory.store(" + array + ", 0, " + out + " + " + bytes(dtype) + " * " + base + ", " + len + ")";
    }

    private String describe(Fusion.Group g) {
        List<String> ops = new ArrayList<>();
        for (Node m : g.members()) ops.add(m.op().name());
        return String.join(", ", ops);
    }

    static String cast(String scalar, DType from, boolean dbl) {
        if (dbl || from == DType.FLOAT32) return scalar;
        return "(float) " + scalar;
    }

    // ---- helpers

    String dim(Dim d) {
        return Names.dim(d, taken);
    }

    static String suffix(DType d) {
        switch (d) {
            case FLOAT64: return "Double";
            case FLOAT32: return "Float";
            default: return "Int";
        }
    }

    static int bytes(DType d) {
        return d == DType.FLOAT64 ? 8 : 4;
    }

    /** Whether {@code n} is float64 (else float32); other dtypes have no such kernel. */
    boolean requireFloating(Node n, String what) {
        if (!n.type().isFloating()) throw unsupported(what + " on " + n.dtype().name().toLowerCase() + " tensors");
        return n.dtype() == DType.FLOAT64;
    }

    static String kernels(boolean dbl) {
        return dbl ? "DoubleKernels" : "Kernels";
    }

    static int width(boolean dbl) {
        return dbl ? 8 : 4;
    }

    UnsupportedByBackend unsupported(String what) {
        return new UnsupportedByBackend(function, what);
    }
}
