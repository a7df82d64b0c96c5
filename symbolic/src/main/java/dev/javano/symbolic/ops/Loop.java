package dev.javano.symbolic.ops;

import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The body of a loop over time (Theano's {@code scan}), run by {@link Scan} nodes. The step is
 * an ordinary graph over its parameters, which are {@link Variable.Kind#STEP} variables bound
 * anew at every step: the current element of each sequence, the previous value of each state,
 * and each non-sequence. The model's variables the step reads ({@link #captures()}) are read
 * directly; they are also inputs of every {@link Scan} node of the loop, so that gradients reach
 * them. {@code results} are the new states, in the order of the states, then the per-step
 * outputs. The loop runs {@code steps} times, over time indices {@code 0 .. steps-1}, or from
 * the last index down to 0 when it runs {@code backwards}.
 *
 * @param tag            names the loop in printed graphs and generated code (unique per model)
 * @param sequences      the step parameters that receive sequence elements
 * @param states         the step parameters that receive the previous states
 * @param nonSequences   the step parameters that receive the same value at every step
 * @param captures       the model's variables the body reads, in a stable order
 * @param results        new states first, then per-step outputs
 * @param steps          how many steps run (the sequences' leading dim)
 * @param backwards      whether time indices run from last to first
 */
public record Loop(String tag, List<Node> sequences, List<Node> states, List<Node> nonSequences,
                   List<Node> captures, List<Node> results, Dim steps, boolean backwards) {

    public Loop {
        sequences = List.copyOf(sequences);
        states = List.copyOf(states);
        nonSequences = List.copyOf(nonSequences);
        captures = List.copyOf(captures);
        results = List.copyOf(results);
        if (results.size() < states.size()) throw new IllegalArgumentException("a loop returns every state");
    }

    /** A loop whose captures are the model variables its results read. */
    public static Loop of(String tag, List<Node> sequences, List<Node> states, List<Node> nonSequences,
                          List<Node> results, Dim steps, boolean backwards) {
        return new Loop(tag, sequences, states, nonSequences, capturesOf(results), results, steps, backwards);
    }

    /** This loop with every result (and so every capture) mapped by {@code f}: for rewriting the body. */
    public Loop mapResults(UnaryOperator<Node> f) {
        List<Node> mapped = results.stream().map(f).toList();
        return mapped.equals(results) ? this : of(tag, sequences, states, nonSequences, mapped, steps, backwards);
    }

    /** The variables other than step parameters that {@code roots} read, in a stable order. */
    public static List<Node> capturesOf(List<Node> roots) {
        List<Node> out = new ArrayList<>();
        for (Node n : Graphs.topologicalOrder(roots)) {
            if (n.op() instanceof Variable v && v.kind() != Variable.Kind.STEP) out.add(n);
        }
        return out;
    }

    /** All step parameters: sequences, states, non-sequences. */
    public List<Node> parameters() {
        List<Node> out = new ArrayList<>(sequences);
        out.addAll(states);
        out.addAll(nonSequences);
        return out;
    }

    /** The result giving the new value of state {@code k}. */
    public Node newState(int k) {
        return results.get(k);
    }

    /** How many inputs a {@link Scan} node of this loop has: sequences, initial states, non-sequences, captures. */
    public int inputCount() {
        return sequences.size() + states.size() + nonSequences.size() + captures.size();
    }

    /** The body nodes that change from step to step: those depending on a sequence element or a state. */
    public Set<Node> timeVarying(List<Node> roots) {
        Set<Node> varying = new HashSet<>(sequences);
        varying.addAll(states);
        for (Node n : Graphs.topologicalOrder(roots)) {
            if (n.inputs().stream().anyMatch(varying::contains)) varying.add(n);
        }
        return varying;
    }

    /** The type of a sequence given its step parameter: the time axis first. */
    public TensorType stacked(TensorType perStep) {
        List<Dim> dims = new ArrayList<>();
        dims.add(steps);
        dims.addAll(perStep.shape().dims());
        return perStep.withShape(new Shape(dims));
    }

    @Override
    public String toString() {
        return tag;
    }
}
