package dev.javano.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.javano.DType;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.Gemm;
import dev.javano.symbolic.ops.Loop;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loop over time as a plain Java {@code for} loop. The {@link Scan} nodes of one loop (same
 * body, same inputs) are computed together, where the first of them is scheduled:
 *
 * <ul>
 *   <li>the body's values that do not change from step to step are computed once, before the loop;</li>
 *   <li>a stacked value is computed straight into its time index, where the body's kernels allow
 *       (else copied there as the step ends);</li>
 *   <li>a state that is also stacked is read back from the previous time index: no buffer, no copy;
 *       where its previous values are stacked too (what back-propagation reads), both stacks are one
 *       buffer of {@code steps + 1} time indices, one index apart, the initial state at the end the
 *       loop starts from: again no copy;</li>
 *   <li>any other state lives in two buffers that swap as the step ends (so a step may return its
 *       states in any order), its new value computed straight into the spare one where it can be;</li>
 *   <li>a product accumulated onto a hoisted projection ({@code h·wh + x_t·wx}) accumulates in
 *       place, in the projection's own time slice, which nothing reads afterwards;</li>
 *   <li>a last value is copied once, after the loop;</li>
 *   <li>a loop whose step works row by row ({@link RowBands}) goes from its head on into a
 *       {@code SplitRows} inner class, each thread running it over its band of the batch.</li>
 * </ul>
 * Nothing is allocated per step: the body's buffers are the function's planned slots, taken
 * before the loop and given back after it.
 */
final class LoopEmitter {

    private final FunctionEmitter e;

    LoopEmitter(FunctionEmitter e) {
        this.e = e;
    }

    void emit(Node first) {
        if (e.addresses.containsKey(first)) return; // computed with its loop
        Loop loop = ((Scan) first.op()).loop();
        List<Node> group = e.schedule().stream()
                .filter(n -> n.op() instanceof Scan s && s.loop().equals(loop) && n.inputs().equals(first.inputs()))
                .toList();
        new Emission(loop, first.inputs(), group).run();
    }

    /** One loop's code: its buffers, the step, the copies. */
    private final class Emission {

        private final Loop loop;
        private final List<Node> inputs;
        private final List<Node> group;
        private final Map<Node, String> bound = new HashMap<>();
        private final Map<Node, String> scalarBindings = new HashMap<>();
        /** Per state: the buffer holding its current value (null for a chained state). */
        private final List<String> current = new ArrayList<>();
        private final List<String> next = new ArrayList<>();
        /** States read back from their own stacked values: state index to the stacking node. */
        private final Map<Integer, Node> chained = new HashMap<>();
        /** Chained states whose previous values are stacked too, in the same buffer: state index to that stacking node. */
        private final Map<Integer, Node> previous = new HashMap<>();
        private final List<String> sequenceNames = new ArrayList<>();
        private final List<Object> keys = new ArrayList<>();
        private final String t;
        private final String steps;
        /** The loop as row bands over the threads ({@code SplitRows}), or null for a plain loop. */
        private Rows rows;

        Emission(Loop loop, List<Node> inputs, List<Node> group) {
            this.loop = loop;
            this.inputs = inputs;
            this.group = group;
            this.t = e.model.local("t");
            this.steps = e.dim(loop.steps());
        }

        void run() {
            findChainedStates();
            findPreviousStacks();
            allocate();
            e.code.add("// loop $L: $L steps$L; states $L; keeps $L\n", loop.tag(), steps,
                    loop.backwards() ? ", backwards" : "", types(loop.states()), describeGroup());
            bindNonSequences();
            initStates();
            for (int i = 0; i < loop.sequences().size(); i++) sequenceNames.add("x" + e.locals++);
            List<Node> outputs = new ArrayList<>(loop.results().subList(0, loop.states().size()));
            for (Node n : group) outputs.add(((Scan) n.op()).what());
            Set<Node> parameters = new HashSet<>(loop.parameters());
            List<Node> order = Graphs.topologicalOrder(outputs, parameters::contains);
            Set<Node> varying = loop.timeVarying(outputs);
            List<Node> schedule = new ArrayList<>(order.stream().filter(n -> !varying.contains(n)).toList());
            int prelude = schedule.size();
            schedule.addAll(order.stream().filter(varying::contains).toList());
            FunctionEmitter body = e.body(outputs, schedule, bound);
            body.scalars.putAll(scalarBindings);
            Dim rowDim = RowBands.rowDim(loop, group, schedule.subList(prelude, schedule.size()));
            rows = rowDim == null ? null : new Rows(rowDim);
            place(body, varying, schedule);
            boolean[] opened = {false};
            Runnable open = () -> {
                opened[0] = true;
                if (rows != null) rows.begin(body);
                openStep(body);
            };
            body.emitSchedule(new LinkedHashSet<>(schedule.subList(0, prelude)), prelude, open);
            if (!opened[0]) open.run();
            endStep(body);
            body.code.endControlFlow();
            lastValues(body);
            body.releaseAll();
            keys.forEach(e.slots()::release);
            if (rows != null) rows.end(body);
            else e.code.add(body.code.build());
            e.absorb(body);
        }

        private void bindNonSequences() {
            int from = loop.sequences().size() + loop.states().size();
            for (int i = 0; i < loop.nonSequences().size(); i++) {
                Node p = loop.nonSequences().get(i);
                Node value = inputs.get(from + i);
                if (value.rank() == 0 && e.scalars.containsKey(value)) scalarBindings.put(p, e.scalar(value));
                else bound.put(p, e.address(value));
            }
        }

        /** States whose new values are stacked anyway (an RNN's h): each step reads the previous time index. */
        private void findChainedStates() {
            for (int k = 0; k < loop.states().size(); k++) {
                Node r = loop.newState(k);
                boolean shared = loop.results().subList(0, loop.states().size()).indexOf(r) != k;
                for (Node n : group) {
                    Scan s = (Scan) n.op();
                    if (!shared && !s.last() && s.what() == r && r.rank() > 0) {
                        chained.put(k, n);
                        break;
                    }
                }
            }
        }

        /**
         * Chained states whose previous values the group stacks as well (an RNN's h for the gradient
         * of its recurrent weight): the stack of previous values is the stack of new values moved
         * by one time index, so both live in one buffer.
         */
        private void findPreviousStacks() {
            for (var c : chained.entrySet()) {
                Node state = loop.states().get(c.getKey());
                for (Node n : group) {
                    Scan s = (Scan) n.op();
                    if (!s.last() && s.what() == state && e.ownsBuffer(n) && e.ownsBuffer(c.getValue())) {
                        previous.put(c.getKey(), n);
                        break;
                    }
                }
            }
        }

        /**
         * The group's buffers; a state's stacks of new and previous values share one of
         * {@code steps + 1} time indices: forwards the previous values are indices 0 .. steps-1
         * (0 the initial state) and the new values 1 .. steps; backwards the other way round.
         */
        private void allocate() {
            Set<Node> paired = new HashSet<>();
            for (var p : previous.entrySet()) {
                Node stackedNew = chained.get(p.getKey());
                Node stackedPrevious = p.getValue();
                String shift = Names.size(loop.states().get(p.getKey()).shape(), e.taken);
                if (loop.backwards()) e.allocateAdjacent(stackedNew, stackedPrevious, shift);
                else e.allocateAdjacent(stackedPrevious, stackedNew, shift);
                paired.add(stackedNew);
                paired.add(stackedPrevious);
            }
            for (Node n : group) if (!paired.contains(n)) e.allocate(n);
        }

        private void initStates() {
            int from = loop.sequences().size();
            for (int k = 0; k < loop.states().size(); k++) {
                Node p = loop.states().get(k);
                if (previous.containsKey(k)) { // the initial state is the first previous value
                    current.add(null);
                    next.add(null);
                    copy(e, inputs.get(from + k), at(previous.get(k), firstIndex()));
                    continue;
                }
                String a = buffer(p, "state " + k);
                current.add(a);
                copy(e, inputs.get(from + k), a);
                if (chained.containsKey(k)) {
                    next.add(null);
                } else {
                    next.add(buffer(p, "next state " + k));
                    bound.put(p, a);
                }
            }
        }

        /** A buffer of {@code p}'s size held for the whole loop, in a mutable local. */
        private String buffer(Node p, String what) {
            Object key = loop.tag() + "/" + what + "/" + e.locals;
            keys.add(key);
            String name = "st" + e.locals++;
            e.code.addStatement("long $L = $L", name, e.slots().take(key, Names.size(p.shape(), e.taken), p.dtype()));
            return name;
        }

        /**
         * Where the step's kernels write directly: each stacked value at its time index, each new
         * state (not stacked already) in the state's spare buffer, a product accumulated onto a
         * projection that nothing else reads in that projection's slice. Only values computed in
         * the step (not parameters, not hoisted) are placed.
         */
        private void place(FunctionEmitter body, Set<Node> varying, List<Node> schedule) {
            Set<Node> parameters = new HashSet<>(loop.parameters());
            for (Node n : group) {
                Scan s = (Scan) n.op();
                if (!s.last() && varying.contains(s.what()) && !parameters.contains(s.what())) {
                    body.placed.putIfAbsent(s.what(), slot(n));
                }
            }
            for (int k = 0; k < loop.states().size(); k++) {
                Node r = loop.newState(k);
                if (next.get(k) != null && varying.contains(r) && !parameters.contains(r)) body.placed.putIfAbsent(r, next.get(k));
            }
            for (Node n : schedule) {
                if (!(n.op() instanceof Gemm) || !varying.contains(n)) continue;
                int i = loop.sequences().indexOf(n.input(2));
                boolean accumulates = !(n.input(4).op() instanceof Constant c && c.isAll(0));
                if (i >= 0 && accumulates && n.input(2).shape().equals(n.shape()) && readOnlyBy(n.input(2), n, schedule)
                        && privateSequence(inputs.get(i))) {
                    body.placed.putIfAbsent(n, sequenceNames.get(i));
                }
            }
        }

        private static boolean readOnlyBy(Node value, Node reader, List<Node> schedule) {
            return schedule.stream().filter(m -> m.inputs().contains(value)).allMatch(m -> m == reader);
        }

        /** A sequence this function computed (a hoisted projection) and only this loop reads: free to overwrite. */
        private boolean privateSequence(Node value) {
            return value.op() instanceof Gemm && e.consumersOf(value).stream().allMatch(group::contains) && !e.isRoot(value);
        }

        /** The address of time index t of the stacked node {@code n}. */
        private String slot(Node n) {
            return at(n, t);
        }

        /** The address of time index {@code index} (a Java int expression) of the stacked node {@code n}. */
        private String at(Node n, String index) {
            Node what = ((Scan) n.op()).what();
            if (index.equals("0")) return outer(n);
            return outer(n) + " + (long) (" + index + ") * " + stride(what.shape()) + " * " + FunctionEmitter.bytes(n.dtype());
        }

        private void openStep(FunctionEmitter body) {
            if (loop.backwards()) body.code.beginControlFlow("for (int $L = $L - 1; $L >= 0; $L--)", t, steps, t, t);
            else body.code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", t, t, steps, t);
            for (int i = 0; i < loop.sequences().size(); i++) {
                Node p = loop.sequences().get(i);
                body.code.addStatement("long $L = $L + (long) $L * $L * $L", sequenceNames.get(i), outer(inputs.get(i)), t,
                        stride(p.shape()), FunctionEmitter.bytes(p.dtype()));
                body.addresses.put(p, sequenceNames.get(i));
            }
            for (var c : chained.entrySet()) {
                String name = "h" + body.locals++;
                Node stackedPrevious = previous.get(c.getKey());
                if (stackedPrevious != null) {
                    body.code.addStatement("long $L = $L", name, at(stackedPrevious, t));
                } else {
                    String before = at(c.getValue(), loop.backwards() ? t + " + 1" : t + " - 1");
                    body.code.addStatement("long $L = $L == $L ? $L : $L", name, t, firstIndex(), current.get(c.getKey()), before);
                }
                body.addresses.put(loop.states().get(c.getKey()), name);
            }
        }

        /** The time index the loop starts at. */
        private String firstIndex() {
            return loop.backwards() ? steps + " - 1" : "0";
        }

        /** The step's end: stacked values to their time index, new states to the spare buffers, then the swap. */
        private void endStep(FunctionEmitter body) {
            for (Node n : group) {
                Scan s = (Scan) n.op();
                if (previous.containsValue(n)) continue; // the state was read right there
                if (!s.last()) {
                    if (!landed(body, s.what(), slot(n))) copy(body, s.what(), slot(n));
                } else if (stateOf(s.what()) < 0) {
                    copy(body, s.what(), outer(n));
                }
            }
            for (int k = 0; k < loop.states().size(); k++) {
                if (next.get(k) != null && !landed(body, loop.newState(k), next.get(k))) copy(body, loop.newState(k), next.get(k));
            }
            for (int k = 0; k < loop.states().size(); k++) {
                if (next.get(k) == null) continue;
                String swap = "swap" + body.locals++;
                body.code.addStatement("long $L = $L", swap, current.get(k));
                body.code.addStatement("$L = $L", current.get(k), next.get(k));
                body.code.addStatement("$L = $L", next.get(k), swap);
            }
        }

        /** Whether the body computed {@code value} right at {@code address}, so that no copy is needed. */
        private boolean landed(FunctionEmitter body, Node value, String address) {
            return body.landed.contains(value) && address.equals(body.placed.get(value));
        }

        private void lastValues(FunctionEmitter body) {
            for (Node n : group) {
                Scan s = (Scan) n.op();
                int k = stateOf(s.what());
                if (!s.last() || k < 0) continue;
                String from = chained.containsKey(k) ? at(chained.get(k), loop.backwards() ? "0" : steps + " - 1") : current.get(k);
                body.code.addStatement("Memory.copy($L, $L, $L * $L)", from, outer(n), Names.size(n.shape(), e.taken),
                        FunctionEmitter.bytes(n.dtype()));
            }
        }

        private int stateOf(Node what) {
            return loop.results().subList(0, loop.states().size()).indexOf(what);
        }

        /** Copies {@code value}, as {@code from} knows it, to the address {@code to}. */
        private void copy(FunctionEmitter from, Node value, String to) {
            DType d = value.dtype();
            if (value.rank() == 0 && from.scalars.containsKey(value)) {
                from.code.addStatement("Memory.put$L($L, $L)", FunctionEmitter.suffix(d), to, from.scalar(value));
            } else {
                from.code.addStatement("Memory.copy($L, $L, $L * $L)", from.address(value), to, Names.size(value.shape(), e.taken),
                        FunctionEmitter.bytes(d));
            }
        }

        /**
         * The address of a value of the function the loop reads or writes (a sequence, a stacked
         * or last value): in row bands, the field holding it, moved to the band's first row.
         */
        private String outer(Node n) {
            String address = e.address(n);
            if (rows == null) return address;
            boolean stacked = n.op() instanceof Scan s ? !s.last() : inputs.indexOf(n) < loop.sequences().size();
            return rows.captures.of(address, "long", rows.offset(n.shape(), stacked ? 1 : 0, n.dtype()));
        }

        /** The elements of one time index of a value of shape {@code s}: all of its rows, even in a band. */
        private String stride(Shape s) {
            return rows == null ? Names.size(s, e.taken) : rows.all(s);
        }

        /**
         * A loop run as bands of rows of {@code dim} ({@link RowBands}): the code from the loop's
         * head on goes into a {@code SplitRows} class, which gets every value it reads from the
         * function as a field, and each buffer with rows moved to its band's first row.
         */
        private final class Rows {
            private final Dim dim;
            private final String rowsName;
            private final String total;
            private final Captures captures;
            private CodeBlock prelude;

            Rows(Dim dim) {
                this.dim = dim;
                this.rowsName = e.dim(dim);
                this.total = rowsName + "Total";
                this.captures = new Captures(Set.of("from", "to", "scratch", rowsName, total, t));
            }

            /**
             * At the loop's head: what the body computed before it (the invariants) stays in the
             * function; every value the body knows so far becomes a field; the body's kernels from
             * here on name the model as {@code XxxModel.this} and move their work buffers to the band.
             */
            void begin(FunctionEmitter body) {
                prelude = body.code.build();
                body.code = CodeBlock.builder();
                body.addresses.replaceAll((n, a) -> captures.of(a, "long", offset(n.shape(), 0, n.dtype())));
                body.scalars.replaceAll((n, v) -> captures.of(v, Names.javaType(n.dtype()), null));
                for (int k = 0; k < current.size(); k++) {
                    Node p = loop.states().get(k);
                    if (current.get(k) == null) continue; // read from its stack
                    current.set(k, captures.of(current.get(k), "long", offset(p.shape(), 0, p.dtype())));
                    if (next.get(k) != null) next.set(k, captures.of(next.get(k), "long", offset(p.shape(), 0, p.dtype())));
                }
                body.self = e.model.className() + ".this";
                body.rowOffset = n -> offset(n.shape(), 0, n.dtype());
            }

            /** After the loop: the class, and in the function the invariants, the fields set, the run. */
            void end(FunctionEmitter body) {
                for (String d : dims()) captures.of(d, "int", null);
                captures.as(total, rowsName, "int"); // in the function, the rows dim's local counts all rows
                String field = e.model.splitRows(e.function(), "loop " + loop.tag(), captures.fields(), captures.offsets(),
                        rowsName, body.code.build(), Math.max(body.scratchArrays(), 1));
                e.code.add(prelude);
                e.code.add("// the loop, as bands of rows of $L over the threads ($L)\n", rowsName, Names.capitalized(field));
                e.code.add(captures.assign(field));
                e.code.addStatement("$L.run(scratch, $L)", field, rowsName);
            }

            /** The offset of a band's first row in a buffer of shape {@code s} whose rows are axis {@code axis}; null if none. */
            String offset(Shape s, int axis, DType dtype) {
                if (s.rank() <= axis || !s.get(axis).equals(dim)) return null;
                return "(long) from * " + Names.product(s, axis + 1, s.rank(), e.taken) + " * " + FunctionEmitter.bytes(dtype);
            }

            /** {@code Names.size} of {@code s}, counting all rows: inside a band the rows dim's name is its own rows. */
            String all(Shape s) {
                if (s.isScalar()) return "1L";
                List<String> factors = new ArrayList<>();
                for (Dim d : s.dims()) factors.add(d.equals(dim) ? total : Names.dim(d, e.taken));
                return "(long) " + String.join(" * ", factors);
            }

            /** The named dims the loop's code may use, but the rows dim. */
            private Set<String> dims() {
                Set<String> out = new LinkedHashSet<>();
                List<Node> nodes = new ArrayList<>(loop.parameters());
                nodes.addAll(loop.results());
                nodes.addAll(group);
                nodes.addAll(inputs);
                nodes.addAll(Graphs.topologicalOrder(loop.results()));
                for (Node n : nodes) {
                    for (Dim d : n.shape().dims()) if (d instanceof Dim.Named && !d.equals(dim)) out.add(Names.dim(d, e.taken));
                }
                if (loop.steps() instanceof Dim.Named) out.add(steps);
                return out;
            }
        }

        private String types(List<Node> nodes) {
            return nodes.isEmpty() ? "none" : String.join(", ", nodes.stream().map(n -> n.type().toString()).toList());
        }

        private String describeGroup() {
            List<String> out = new ArrayList<>();
            for (Node n : group) out.add(((Scan) n.op()).last() ? "last" : "stacked " + n.type());
            return String.join(", ", out);
        }
    }
}
