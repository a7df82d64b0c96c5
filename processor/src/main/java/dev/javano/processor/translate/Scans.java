package dev.javano.processor.translate;

import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.javano.processor.diag.Message;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.ops.Loop;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.shape.Dim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The front end of {@code scan}: {@code scan(this::step)} starts a {@link Value.ScanCall}, the
 * {@code ScanBuilder} calls configure it, and {@code output(k)} / {@code last(k)} translate the
 * step once, on {@link Variable.Kind#STEP} parameters, into a {@link Loop}, checking what javac
 * cannot: the number of parameters, the states' shapes from step to step, the time axes.
 */
final class Scans {

    private final Translator t;
    private final GraphBuilder b;
    /** Loops already built, so that several results of one configured scan share one loop. */
    private final Map<Value.ScanCall, Loop> built = new HashMap<>();

    Scans(Translator t) {
        this.t = t;
        this.b = t.b;
    }

    /** {@code scan(this::step)}. */
    Value start(MethodInvocationTree call) {
        Tree arg = call.getArguments().isEmpty() ? call : call.getArguments().get(0);
        if (call.getArguments().size() != 1 || !(arg instanceof MemberReferenceTree ref)
                || !ref.getQualifierExpression().toString().equals("this")) {
            throw t.error(arg, Message.SCAN_STEP_REFERENCE, call.getArguments().isEmpty() ? "no argument" : arg.toString());
        }
        String name = ref.getName().toString();
        ExecutableElement step = t.decl.methods().get(name);
        if (step == null) throw t.error(ref, Message.UNKNOWN_NAME, "method " + name);
        if (step.getAnnotation(dev.javano.Scan.class) == null) throw t.error(ref, Message.SCAN_STEP_NOT_SCAN, name, name);
        return new Value.ScanCall(step, call, List.of(), List.of(), List.of(), 0, false, Map.of());
    }

    /** A {@code ScanBuilder} method called on {@code scan}. */
    Value call(Value.ScanCall scan, String name, List<Value> args, Tree site) {
        switch (name) {
            case "sequences": return configure(scan, name, site, tensors(name, args, site), scan.states(), scan.nonSequences(),
                    scan.steps(), scan.backwards());
            case "states": return configure(scan, name, site, scan.sequences(), tensors(name, args, site), scan.nonSequences(),
                    scan.steps(), scan.backwards());
            case "nonSequences": return configure(scan, name, site, scan.sequences(), scan.states(), tensors(name, args, site),
                    scan.steps(), scan.backwards());
            case "steps": return configure(scan, name, site, scan.sequences(), scan.states(), scan.nonSequences(),
                    count(args, site), scan.backwards());
            case "backwards":
                if (!args.isEmpty()) throw t.error(site, Message.WRONG_ARGUMENTS, "backwards", Translator.describeAll(args));
                return configure(scan, name, site, scan.sequences(), scan.states(), scan.nonSequences(), scan.steps(), true);
            case "output": return result(scan, index(name, args, site), false, site);
            case "last": return result(scan, index(name, args, site), true, site);
            default: throw t.error(site, Message.UNKNOWN_OPERATION, "ScanBuilder." + name);
        }
    }

    private Value configure(Value.ScanCall scan, String name, Tree site, List<Node> sequences, List<Node> states,
                            List<Node> nonSequences, int steps, boolean backwards) {
        if (scan.given().containsKey(name)) throw t.error(site, Message.SCAN_CONFIGURED_TWICE, name + "(...)");
        Map<String, Tree> given = new HashMap<>(scan.given());
        given.put(name, site);
        return new Value.ScanCall(scan.step(), scan.site(), sequences, states, nonSequences, steps, backwards, given);
    }

    private List<Node> tensors(String name, List<Value> args, Tree site) {
        List<Value> fitted = Call.fit(List.of(DslTable.Arg.TENSORS), args);
        if (fitted == null || args.isEmpty()) throw t.error(site, Message.WRONG_ARGUMENTS, name, Translator.describeAll(args));
        return ((Value.Tensors) fitted.get(0)).nodes();
    }

    private int count(List<Value> args, Tree site) {
        if (args.size() != 1 || !(args.get(0) instanceof Value.Num n) || !n.integral()) {
            throw t.error(site, Message.WRONG_ARGUMENTS, "steps", Translator.describeAll(args));
        }
        if (n.value() < 1) throw t.error(site, Message.SCAN_LENGTH, "steps(" + (long) n.value() + "): a loop runs at least once");
        return (int) n.value();
    }

    private int index(String name, List<Value> args, Tree site) {
        if (args.isEmpty()) return 0;
        if (args.size() == 1 && args.get(0) instanceof Value.Num n && n.integral()) return (int) n.value();
        throw t.error(site, Message.WRONG_ARGUMENTS, name, Translator.describeAll(args));
    }

    // ---- building the loop

    private Value result(Value.ScanCall scan, int k, boolean last, Tree site) {
        boolean poisoned = java.util.stream.Stream.of(scan.sequences(), scan.states(), scan.nonSequences())
                .flatMap(List::stream).anyMatch(GraphBuilder::isPoison);
        if (poisoned) return new Value.TensorValue(b.poison()); // its problem is reported already
        Loop loop = built.get(scan);
        if (loop == null) {
            loop = build(scan);
            built.put(scan, loop);
        }
        String stepName = scan.step().getSimpleName().toString();
        if (k < 0 || k >= loop.results().size()) {
            throw t.error(site, Message.SCAN_RESULT_INDEX, last ? "last" : "output", k, stepName, loop.results().size());
        }
        Node value = Scan.apply(b.at(site), loop, loop.results().get(k), last, scan.sequences(), scan.states(),
                scan.nonSequences());
        // output() lists the steps in the order they ran: a backwards loop's, last time index first
        return new Value.TensorValue(scan.backwards() && !last ? Composites.flip(b, value, 0) : value);
    }

    private Loop build(Value.ScanCall scan) {
        ExecutableElement step = scan.step();
        String name = step.getSimpleName().toString();
        Dim steps = steps(scan);
        int arity = scan.sequences().size() + scan.states().size() + scan.nonSequences().size();
        if (arity != step.getParameters().size()) {
            throw t.error(scan.site(), Message.SCAN_ARITY, name, step.getParameters().size(), arity, counts(scan));
        }
        String tag = name + "_" + line(scan.site());
        List<Node> params = new ArrayList<>();
        List<Node> all = new ArrayList<>(scan.sequences());
        all.addAll(scan.states());
        all.addAll(scan.nonSequences());
        for (int i = 0; i < arity; i++) {
            TensorType type = all.get(i).type();
            if (i < scan.sequences().size()) type = type.withShape(type.shape().without(0));
            VariableElement p = step.getParameters().get(i);
            params.add(b.apply(new Variable(Variable.Kind.STEP, tag + "." + p.getSimpleName(), type)));
        }
        List<Node> results = t.inlineStep(step, params.stream().map(n -> (Value) new Value.TensorValue(n)).toList(), scan.site());
        checkStates(scan, name, results);
        int nSeq = scan.sequences().size();
        int nState = scan.states().size();
        return Loop.of(tag, params.subList(0, nSeq), params.subList(nSeq, nSeq + nState), params.subList(nSeq + nState, arity),
                results, steps, scan.backwards());
    }

    /** The number of steps: the sequences' shared leading dim, or steps(n). */
    private Dim steps(Value.ScanCall scan) {
        Tree site = scan.given().getOrDefault("sequences", scan.site());
        if (scan.sequences().isEmpty()) {
            if (scan.steps() == 0) {
                throw t.error(scan.site(), Message.SCAN_LENGTH, "this scan has no sequences and no steps(n): say how many"
                        + " steps it runs");
            }
            return Dim.of(scan.steps());
        }
        if (scan.steps() != 0) {
            throw t.error(scan.given().get("steps"), Message.SCAN_LENGTH, "steps(n) and sequences are both given: a scan"
                    + " over sequences runs once per element of their leading axis");
        }
        Node first = scan.sequences().get(0);
        for (int i = 0; i < scan.sequences().size(); i++) {
            Node s = scan.sequences().get(i);
            if (s.rank() == 0) {
                throw t.error(site, Message.SCAN_SEQUENCE, "sequence " + (i + 1) + " of this scan is a scalar: a sequence"
                        + " has a leading time axis, as in [time, batch, features]");
            }
            if (!s.shape().get(0).equals(first.shape().get(0))) {
                throw t.error(site, Message.SCAN_SEQUENCE, "the sequences of this scan differ in length: sequence 1 has "
                        + first.shape() + " and sequence " + (i + 1) + " has " + s.shape() + " (time axis "
                        + first.shape().get(0) + " ≠ " + s.shape().get(0) + ")");
            }
        }
        return first.shape().get(0);
    }

    private void checkStates(Value.ScanCall scan, String name, List<Node> results) {
        int nState = scan.states().size();
        Tree site = scan.given().getOrDefault("states", scan.site());
        if (results.size() < nState) {
            throw t.error(site, Message.SCAN_RESULTS, name, results.size(), nState, shapes(scan.states()));
        }
        for (int k = 0; k < nState; k++) {
            TensorType returned = results.get(k).type();
            TensorType initial = scan.states().get(k).type();
            if (!GraphBuilder.isPoison(results.get(k)) && !returned.equals(initial)) {
                throw t.error(site, Message.SCAN_STATE_DRIFT, name, returned, k + 1, initial);
            }
        }
    }

    private static String counts(Value.ScanCall scan) {
        return plural(scan.sequences().size(), "sequence element") + ", " + plural(scan.states().size(), "state") + ", "
                + plural(scan.nonSequences().size(), "non-sequence");
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String shapes(List<Node> nodes) {
        return String.join(", ", nodes.stream().map(n -> n.type().toString()).toList());
    }

    private long line(Tree site) {
        return t.lineOf(site);
    }
}
