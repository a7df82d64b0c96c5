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

    private final Loop loop;
    private final GraphBuilder b;
    private final String tag;
    private final List<Node> sequenceInputs;
    private final List<Node> initialInputs;
    private final List<Node> nonSequenceInputs;

    ThroughTime(Loop loop, Node node, GraphBuilder b) {
        this.loop = loop;
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

    /**
     * The cotangents of the loop's inputs, given those of several of its values at once
     * ({@code scans.get(i)} receives {@code gs.get(i)}, null for none): one reverse loop serves them all.
     */
    Node[] vjp(List<Scan> scans, List<Node> gs, boolean[] needed) {
        int nSeq = loop.sequences().size();
        int nState = loop.states().size();

        // the reverse step's own parameters: the cotangents it carries and receives
        List<Node> carries = new ArrayList<>();
        for (int k = 0; k < nState; k++) carries.add(parameter("d" + name(loop.states().get(k)), loop.states().get(k).type()));
        Map<Node, Node> seeds = new LinkedHashMap<>();
        for (int k = 0; k < nState; k++) seeds.merge(loop.newState(k), carries.get(k), b::add);
        Node[] finalCarries = new Node[nState]; // cotangents of the last states, where the reverse loop starts
        List<Node> stepCotangents = new ArrayList<>(); // parameter, then its stacked value, in pairs
        List<Node> pendings = new ArrayList<>(); // parameter, then its initial value, in pairs
        for (int i = 0; i < scans.size(); i++) {
            Scan scan = scans.get(i);
            Node g = gs.get(i);
            if (g == null) continue;
            Node what = scan.what();
            int state = scan.last() ? loop.results().subList(0, nState).indexOf(what) : -1;
            if (state >= 0) {
                finalCarries[state] = finalCarries[state] == null ? g : b.add(finalCarries[state], g);
            } else {
                Node p = parameter((scan.last() ? "pending" : "g") + i, what.type());
                seeds.merge(what, p, b::add);
                (scan.last() ? pendings : stepCotangents).addAll(List.of(p, g));
            }
        }

        List<Node> wrt = new ArrayList<>(loop.parameters());
        wrt.addAll(loop.captures());
        List<Node> grads = Autodiff.backprop(b, seeds, wrt);

        // reverse results: states (carries, accumulators, pending), then the sequences' cotangents
        List<Node> states = new ArrayList<>(carries);
        List<Node> initial = new ArrayList<>();
        List<Node> results = new ArrayList<>();
        for (int k = 0; k < nState; k++) {
            Node gk = grads.get(nSeq + k);
            results.add(gk != null ? gk : b.zerosLike(carries.get(k)));
            initial.add(finalCarries[k] != null ? finalCarries[k] : b.zerosLike(initialInputs.get(k)));
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
        for (int i = 0; i < pendings.size(); i += 2) { // a last value that is not a state: its cotangent enters at the start
            states.add(pendings.get(i));
            initial.add(pendings.get(i + 1));
            results.add(b.zerosLike(pendings.get(i)));
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
        for (Scan scan : scans) forwardRoots.add(scan.what());
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
        for (int i = 0; i < stepCotangents.size(); i += 2) {
            sequences.add(stepCotangents.get(i));
            sequenceValues.add(stepCotangents.get(i + 1));
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
