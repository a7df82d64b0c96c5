package dev.javano.symbolic.ops;

import dev.javano.symbolic.autodiff.Autodiff;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.TensorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gradient of a {@link Scan}: back-propagation through time, as another loop that runs the
 * other way (Theano's scan gradient). Its step is the step's own vector-Jacobian product: it
 * carries the cotangent of each state from step to step, sums the cotangents of the
 * non-sequences and captured variables in accumulator states, and stacks those of the sequence
 * elements. The forward values the reverse step needs (the frontier between the two bodies:
 * sequence elements, previous states, activations) are stacked by the forward loop, so nothing
 * is recomputed; each becomes a sequence of the reverse loop.
 */
final class ThroughTime {

    private final Scan scan;
    private final Loop loop;
    private final GraphBuilder b;
    private final String tag;
    private final List<Node> sequenceInputs;
    private final List<Node> initialInputs;
    private final List<Node> nonSequenceInputs;

    ThroughTime(Scan scan, Node node, GraphBuilder b) {
        this.scan = scan;
        this.loop = scan.loop();
        this.b = b;
        this.tag = loop.tag() + "'";
        int nSeq = loop.sequences().size();
        int nState = loop.states().size();
        int nNon = loop.nonSequences().size();
        List<Node> in = node.inputs();
        this.sequenceInputs = in.subList(0, nSeq);
        this.initialInputs = in.subList(nSeq, nSeq + nState);
        this.nonSequenceInputs = in.subList(nSeq + nState, nSeq + nState + nNon);
    }

    Node[] vjp(Node g, boolean[] needed) {
        int nSeq = loop.sequences().size();
        int nState = loop.states().size();
        Node what = scan.what();
        int lastState = scan.last() ? loop.results().subList(0, nState).indexOf(what) : -1;

        // the reverse step's own parameters: the cotangents it carries and receives
        List<Node> carries = new ArrayList<>();
        for (int k = 0; k < nState; k++) carries.add(parameter("d" + name(loop.states().get(k)), loop.states().get(k).type()));
        Node stepCotangent = scan.last() ? null : parameter("g", what.type());
        Node pending = scan.last() && lastState < 0 ? parameter("pending", what.type()) : null;

        Map<Node, Node> seeds = new LinkedHashMap<>();
        for (int k = 0; k < nState; k++) seeds.merge(loop.newState(k), carries.get(k), b::add);
        if (stepCotangent != null) seeds.merge(what, stepCotangent, b::add);
        if (pending != null) seeds.merge(what, pending, b::add);

        List<Node> wrt = new ArrayList<>(loop.parameters());
        wrt.addAll(loop.captures());
        List<Node> grads = Autodiff.backprop(b, seeds, wrt);

        // reverse results: states (carries, accumulators, pending), then the sequences' cotangents
        List<Node> states = new ArrayList<>(carries);
        List<Node> initial = new ArrayList<>();
        List<Node> results = new ArrayList<>();
        for (int k = 0; k < nState; k++) {
            Node gs = grads.get(nSeq + k);
            results.add(gs != null ? gs : b.zerosLike(carries.get(k)));
            initial.add(k == lastState ? g : b.zerosLike(initialInputs.get(k)));
        }
        Map<Integer, Node> accumulated = new LinkedHashMap<>(); // input index -> accumulator result
        for (int i = nSeq + nState; i < needed.length; i++) {
            if (!needed[i]) continue;
            Node target = wrt.get(i);
            Node acc = parameter("sum_" + name(target), target.type());
            Node gi = grads.get(i);
            states.add(acc);
            initial.add(b.zerosLike(target));
            Node next = gi != null ? b.add(acc, gi) : acc;
            results.add(next);
            accumulated.put(i, next);
        }
        if (pending != null) {
            states.add(pending);
            initial.add(g);
            results.add(b.zerosLike(pending));
        }
        Map<Integer, Node> sequenceCotangents = new LinkedHashMap<>();
        for (int i = 0; i < nSeq; i++) {
            if (!needed[i]) continue;
            Node gx = grads.get(i);
            Node out = gx != null ? gx : b.zerosLike(loop.sequences().get(i));
            results.add(out);
            sequenceCotangents.put(i, out);
        }

        // the frontier: forward values the reverse step reads, stacked by the forward loop
        List<Node> forwardRoots = new ArrayList<>(loop.results());
        forwardRoots.add(what);
        Set<Node> forward = loop.timeVarying(forwardRoots);
        List<Node> sequences = new ArrayList<>();
        List<Node> sequenceValues = new ArrayList<>();
        Map<Node, Node> replace = new HashMap<>();
        for (Node m : frontier(results, forward)) {
            int asSequence = loop.sequences().indexOf(m);
            boolean parameter = asSequence >= 0 || loop.states().contains(m);
            Node p = parameter ? m : parameter("saved" + sequences.size(), m.type());
            if (!parameter) replace.put(m, p);
            sequences.add(p);
            sequenceValues.add(asSequence >= 0 ? sequenceInputs.get(asSequence) : forwardValue(m));
        }
        if (stepCotangent != null) {
            sequences.add(stepCotangent);
            sequenceValues.add(g);
        }
        List<Node> reverseResults = b.substitute(results, replace);
        Loop reverse = Loop.of(tag, sequences, states, loop.nonSequences(), reverseResults, loop.steps(), !loop.backwards());

        Node[] out = new Node[needed.length];
        for (var e : sequenceCotangents.entrySet()) {
            out[e.getKey()] = value(reverse, at(results, reverseResults, e.getValue()), false, sequenceValues, initial);
        }
        for (int k = 0; k < nState; k++) {
            if (needed[nSeq + k]) out[nSeq + k] = value(reverse, reverseResults.get(k), true, sequenceValues, initial);
        }
        for (var e : accumulated.entrySet()) {
            out[e.getKey()] = value(reverse, at(results, reverseResults, e.getValue()), true, sequenceValues, initial);
        }
        return out;
    }

    /** Forward body nodes that the reverse step reads, in a stable order: it stops at them. */
    private static List<Node> frontier(List<Node> roots, Set<Node> forward) {
        List<Node> out = new ArrayList<>();
        for (Node n : Graphs.topologicalOrder(roots, forward::contains)) {
            for (Node in : n.inputs()) if (forward.contains(in) && !out.contains(in)) out.add(in);
        }
        for (Node r : roots) if (forward.contains(r) && !out.contains(r)) out.add(r);
        return out;
    }

    private static Node at(List<Node> before, List<Node> after, Node n) {
        return after.get(before.indexOf(n));
    }

    /** The forward loop's stacked value of body node {@code m}. */
    private Node forwardValue(Node m) {
        return Scan.apply(b, loop, m, false, sequenceInputs, initialInputs, nonSequenceInputs);
    }

    private Node value(Loop reverse, Node what, boolean last, List<Node> sequenceValues, List<Node> initial) {
        return Scan.apply(b, reverse, what, last, sequenceValues, initial, nonSequenceInputs);
    }

    private Node parameter(String name, TensorType type) {
        return b.apply(new Variable(Variable.Kind.STEP, tag + "." + name, type));
    }

    /** The short name of a step parameter or variable: {@code h} for {@code step#1.h}. */
    private static String name(Node n) {
        String field = ((Variable) n.op()).field();
        return field.substring(field.lastIndexOf('.') + 1);
    }
}
