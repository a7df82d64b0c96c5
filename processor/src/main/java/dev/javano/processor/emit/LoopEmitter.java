package dev.javano.processor.emit;

import dev.javano.DType;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Loop;
import dev.javano.symbolic.ops.Scan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loop over time as a plain Java {@code for} loop. The {@link Scan} nodes of one loop (same
 * body, same inputs) are computed together, where the first of them is scheduled: the body's
 * values that do not change from step to step are computed once before the loop; each state
 * lives in two buffers that swap at the end of every step (so a step may return its states in
 * any order); a stacked value is copied to its time index as the step ends, a last value once
 * after the loop. Nothing is allocated per step: the body's buffers are the function's planned
 * slots, taken before the loop and given back after it.
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
        private final List<String> current = new ArrayList<>();
        private final List<String> next = new ArrayList<>();
        private final List<Object> keys = new ArrayList<>();
        private final String t;

        Emission(Loop loop, List<Node> inputs, List<Node> group) {
            this.loop = loop;
            this.inputs = inputs;
            this.group = group;
            this.t = e.model.local("t");
        }

        void run() {
            for (Node n : group) e.allocate(n);
            e.code.add("// loop $L: $L steps$L; states $L; keeps $L\n", loop.tag(), e.dim(loop.steps()),
                    loop.backwards() ? ", backwards" : "", types(loop.states()), describeGroup());
            bindNonSequences();
            initStates();
            List<Node> outputs = new ArrayList<>(loop.results().subList(0, loop.states().size()));
            for (Node n : group) outputs.add(((Scan) n.op()).what());
            Set<Node> parameters = new java.util.HashSet<>(loop.parameters());
            List<Node> order = Graphs.topologicalOrder(outputs, parameters::contains);
            Set<Node> varying = loop.timeVarying(outputs);
            List<Node> schedule = new ArrayList<>(order.stream().filter(n -> !varying.contains(n)).toList());
            int prelude = schedule.size();
            schedule.addAll(order.stream().filter(varying::contains).toList());
            FunctionEmitter body = e.body(outputs, schedule, bound);
            body.scalars.putAll(scalarBindings);
            boolean[] opened = {false};
            Runnable open = () -> {
                opened[0] = true;
                openStep(body);
            };
            body.emitSchedule(new LinkedHashSet<>(schedule.subList(0, prelude)), prelude, open);
            if (!opened[0]) open.run();
            endStep(body);
            body.code.endControlFlow();
            lastValues(body);
            body.releaseAll();
            keys.forEach(e.slots::release);
            e.code.add(body.code.build());
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

        private void initStates() {
            int from = loop.sequences().size();
            for (int k = 0; k < loop.states().size(); k++) {
                Node p = loop.states().get(k);
                String a = buffer(p, "state " + k);
                String b = buffer(p, "next state " + k);
                current.add(a);
                next.add(b);
                bound.put(p, a);
                copy(e, inputs.get(from + k), a);
            }
        }

        /** A buffer of {@code p}'s size held for the whole loop, in a mutable local. */
        private String buffer(Node p, String what) {
            Object key = loop.tag() + "/" + what + "/" + e.locals;
            keys.add(key);
            String name = "st" + e.locals++;
            e.code.addStatement("long $L = $L", name, e.slots.take(key, Names.size(p.shape(), e.taken), p.dtype()));
            return name;
        }

        private void openStep(FunctionEmitter body) {
            String steps = e.dim(loop.steps());
            if (loop.backwards()) body.code.beginControlFlow("for (int $L = $L - 1; $L >= 0; $L--)", t, steps, t, t);
            else body.code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", t, t, steps, t);
            for (int i = 0; i < loop.sequences().size(); i++) {
                Node p = loop.sequences().get(i);
                String name = "x" + body.locals++;
                body.code.addStatement("long $L = $L + (long) $L * $L * $L", name, e.address(inputs.get(i)), t,
                        Names.size(p.shape(), e.taken), FunctionEmitter.bytes(p.dtype()));
                body.addresses.put(p, name);
            }
        }

        /** The step's end: stacked values to their time index, new states to the spare buffers, then the swap. */
        private void endStep(FunctionEmitter body) {
            for (Node n : group) {
                Scan s = (Scan) n.op();
                if (!s.last()) {
                    String at = e.address(n) + " + (long) " + t + " * " + Names.size(s.what().shape(), e.taken) + " * "
                            + FunctionEmitter.bytes(n.dtype());
                    copy(body, s.what(), at);
                } else if (stateOf(s.what()) < 0) {
                    copy(body, s.what(), e.address(n));
                }
            }
            for (int k = 0; k < loop.states().size(); k++) copy(body, loop.newState(k), next.get(k));
            for (int k = 0; k < loop.states().size(); k++) {
                String swap = "swap" + body.locals++;
                body.code.addStatement("long $L = $L", swap, current.get(k));
                body.code.addStatement("$L = $L", current.get(k), next.get(k));
                body.code.addStatement("$L = $L", next.get(k), swap);
            }
        }

        private void lastValues(FunctionEmitter body) {
            for (Node n : group) {
                Scan s = (Scan) n.op();
                int k = stateOf(s.what());
                if (s.last() && k >= 0) {
                    body.code.addStatement("Memory.copy($L, $L, $L * $L)", current.get(k), e.address(n),
                            Names.size(n.shape(), e.taken), FunctionEmitter.bytes(n.dtype()));
                }
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
