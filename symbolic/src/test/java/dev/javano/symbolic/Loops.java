package dev.javano.symbolic;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.ops.Loop;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/** Loops for tests, built as the processor builds them: step parameters, a body, {@link Scan} nodes. */
public final class Loops {

    private Loops() {}

    /** A step parameter of loop {@code tag}, of {@code like}'s dtype. */
    public static Node param(GraphBuilder b, String tag, String name, Node like, String shape) {
        return b.apply(new Variable(Variable.Kind.STEP, tag + "." + name, TensorType.of(like.dtype(), Shape.parse(shape))));
    }

    /**
     * An Elman network over {@code in = xs [4, batch, 3], h0 [batch, 2], wx [3, 2], wh [2, 2]}:
     * {@code h = tanh(x_t·wx + h·wh)}, the weights captured; the stacked states or the last one.
     */
    public static Node elman(GraphBuilder b, Node[] in, boolean backwards, boolean last) {
        String tag = "elman";
        Node xt = param(b, tag, "xt", in[0], "batch, 3");
        Node h = param(b, tag, "h", in[1], "batch, 2");
        Node hNew = b.unary(Unary.Fn.TANH, b.add(b.dot(xt, in[2]), b.dot(h, in[3])));
        Loop loop = Loop.of(tag, List.of(xt), List.of(h), List.of(), List.of(hNew), Dim.of(4), backwards);
        return Scan.apply(b, loop, hNew, last, List.of(in[0]), List.of(in[1]), List.of());
    }

    /** {@link #elman} with {@code wh} passed as a non-sequence instead of captured. */
    public static Node elmanWithNonSequence(GraphBuilder b, Node[] in) {
        String tag = "elman2";
        Node xt = param(b, tag, "xt", in[0], "batch, 3");
        Node h = param(b, tag, "h", in[1], "batch, 2");
        Node w = param(b, tag, "w", in[3], "2, 2");
        Node hNew = b.unary(Unary.Fn.TANH, b.add(b.dot(xt, in[2]), b.dot(h, w)));
        Loop loop = Loop.of(tag, List.of(xt), List.of(h), List.of(w), List.of(hNew), Dim.of(4), false);
        return Scan.apply(b, loop, hNew, false, List.of(in[0]), List.of(in[1]), List.of(in[3]));
    }

    /**
     * Two sequences, two states (as an LSTM's h and c) and a per-step output through a softmax
     * layer, over {@code in = xs [4, batch, 3], ys [4, batch, 2], h0 [batch, 2], c0 [batch, 2],
     * w [3, 2], v [2, 2]}; the sum of the stacked outputs and the last c.
     */
    public static Node twoStates(GraphBuilder b, Node[] in) {
        String tag = "cell";
        Node xt = param(b, tag, "xt", in[0], "batch, 3");
        Node yt = param(b, tag, "yt", in[1], "batch, 2");
        Node h = param(b, tag, "h", in[2], "batch, 2");
        Node c = param(b, tag, "c", in[3], "batch, 2");
        Node gate = b.sigmoid(b.add(b.dot(xt, in[4]), yt));
        Node cNew = b.add(b.mul(gate, c), b.mul(b.rsub(1, gate), b.unary(Unary.Fn.TANH, b.dot(h, in[5]))));
        Node hNew = b.mul(b.unary(Unary.Fn.TANH, cNew), gate);
        Node out = b.softmax(b.dot(hNew, in[5]), 1);
        Loop loop = Loop.of(tag, List.of(xt, yt), List.of(h, c), List.of(), List.of(hNew, cNew, out), Dim.of(4), false);
        List<Node> seqs = List.of(in[0], in[1]);
        List<Node> init = List.of(in[2], in[3]);
        Node outputs = Scan.apply(b, loop, out, false, seqs, init, List.of());
        Node lastC = Scan.apply(b, loop, cNew, true, seqs, init, List.of());
        return b.add(b.sum(outputs, new int[] {0}, false), lastC);
    }

    /** Theano's n_steps example: {@code a, a², a³} as a cumulative product of {@code in = a [batch, 3]}, no sequences. */
    public static Node powers(GraphBuilder b, Node[] in) {
        String tag = "powers";
        Node prior = param(b, tag, "prior", in[0], "batch, 3");
        Node factor = param(b, tag, "factor", in[0], "batch, 3");
        Node next = b.mul(prior, factor);
        Loop loop = Loop.of(tag, List.of(), List.of(prior), List.of(factor), List.of(next), Dim.of(3), false);
        return Scan.apply(b, loop, next, false, List.of(), List.of(b.fill(1, in[0].dtype(), in[0].shape())), List.of(in[0]));
    }
}
