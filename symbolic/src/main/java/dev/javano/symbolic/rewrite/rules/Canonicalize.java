package dev.javano.symbolic.rewrite.rules;

import static dev.javano.symbolic.rewrite.Pattern.any;
import static dev.javano.symbolic.rewrite.Pattern.binary;
import static dev.javano.symbolic.rewrite.Pattern.commutative;
import static dev.javano.symbolic.rewrite.Pattern.constant;
import static dev.javano.symbolic.rewrite.Pattern.either;
import static dev.javano.symbolic.rewrite.Pattern.op;
import static dev.javano.symbolic.rewrite.Pattern.unary;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Compare;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Reshape;
import dev.javano.symbolic.ops.Transpose;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.rewrite.Match;
import dev.javano.symbolic.rewrite.Pattern;
import dev.javano.symbolic.rewrite.Phase;
import dev.javano.symbolic.rewrite.Rule;
import dev.javano.symbolic.shape.Broadcast;
import dev.javano.symbolic.shape.Shape;
import java.util.List;
import java.util.Map;

/**
 * The canonicalize phase: fold constants, remove what computes nothing, and leave broadcasting
 * to the elementwise ops that do it anyway. The rules keep values for finite inputs (up to
 * rounding in {@code log(exp x)} and the sign of a zero in {@code x + 0}); none is unsafe for
 * NaN or ∞ the way {@code x·0 → 0} would be, which is why that one is absent.
 */
public final class Canonicalize {

    /** Folding stops at constants larger than this, so that broadcasts stay cheap. */
    static final int FOLD_LIMIT = 64;

    private Canonicalize() {}

    public static final Phase PHASE = new Phase(Phase.CANONICALIZE, List.of(
            Rule.of("constant-fold", any("node").where(n -> foldable(n.op()) && allInputsConstant(n)),
                    Canonicalize::fold),
            Rule.of("add-zero", commutative(Binary.Fn.ADD, any("x"), constant(0)), Canonicalize::x),
            Rule.of("subtract-zero", binary(Binary.Fn.SUB, any("x"), constant(0)), Canonicalize::x),
            Rule.of("multiply-one", commutative(Binary.Fn.MUL, any("x"), constant(1)), Canonicalize::x),
            Rule.of("divide-one", binary(Binary.Fn.DIV, any("x"), constant(1)), Canonicalize::x),
            Rule.of("subtract-negation", binary(Binary.Fn.SUB, any("x"), unary(Unary.Fn.NEG, any("y"))),
                    (m, b) -> b.add(m.get("x"), m.get("y"))),
            Rule.of("double-negation", unary(Unary.Fn.NEG, unary(Unary.Fn.NEG, any("x"))), Canonicalize::x),
            Rule.of("square-power", binary(Binary.Fn.POW, any("x"), constant(2)), (m, b) -> b.square(m.get("x"))),
            Rule.of("log-exp", unary(Unary.Fn.LOG, unary(Unary.Fn.EXP, any("x"))), Canonicalize::x),
            Rule.of("transpose-transpose", op(Transpose.class, op(Transpose.class, any("x")).as("inner")).as("outer"),
                    Canonicalize::composeTransposes),
            Rule.of("identity-transpose", op(Canonicalize::isIdentityTranspose, any("x")), Canonicalize::x),
            Rule.of("empty-reduction", op(op -> op instanceof Reduce r && r.axes().isEmpty(), any("x")), Canonicalize::x),
            Rule.of("reshape-reshape", op(Reshape.class, op(Reshape.class, any("x"))).as("outer"),
                    (m, b) -> b.reshape(m.get("x"), m.get("outer").shape())),
            Rule.of("reshape-of-one-element", op(Canonicalize::isReshapeOrBroadcast, oneElement()).as("outer"),
                    (m, b) -> b.broadcastTo(m.get("x"), m.get("outer").shape())),
            Rule.of("operand-absorbs-broadcast",
                    op(Canonicalize::isElementwise, any("a"), any("c")).where(Canonicalize::hasRedundantBroadcast),
                    Canonicalize::withoutBroadcasts)));

    /** A scalar {@code x}, possibly reshaped or broadcast: one value, however it is shaped. */
    private static Pattern oneElement() {
        Pattern scalar = any("x").where(n -> n.rank() == 0);
        return either(op(Canonicalize::isReshapeOrBroadcast, scalar), scalar);
    }

    private static boolean isReshapeOrBroadcast(Op op) {
        return op instanceof Reshape || op instanceof BroadcastTo;
    }

    private static boolean isElementwise(Op op) {
        return op instanceof Binary || op instanceof Compare;
    }

    /** An operand that is an explicit broadcast the op's own broadcasting would do anyway. */
    private static boolean hasRedundantBroadcast(Node n) {
        return !operandsWithoutBroadcasts(n).equals(n.inputs());
    }

    /** The operands with each explicit broadcast dropped where the other operand keeps the result shape. */
    private static List<Node> operandsWithoutBroadcasts(Node n) {
        Node a = n.input(0);
        Node c = n.input(1);
        Node a2 = unbroadcast(a, c, n.shape());
        Node c2 = unbroadcast(c, a2, n.shape());
        return List.of(a2, c2);
    }

    private static Node unbroadcast(Node operand, Node other, Shape result) {
        if (!(operand.op() instanceof BroadcastTo)) return operand;
        Node inner = operand.input(0);
        Result<Shape> joined = Broadcast.shapes("broadcast", inner.shape(), other.shape());
        return joined.isOk() && joined.orElseThrow().equals(result) ? inner : operand;
    }

    private static Node withoutBroadcasts(Match m, GraphBuilder b) {
        List<Node> operands = operandsWithoutBroadcasts(m.root());
        return b.apply(m.root().op(), operands);
    }

    private static Node x(Match m, GraphBuilder b) {
        return m.get("x");
    }

    private static boolean foldable(Op op) {
        return !(op instanceof BroadcastTo) && !(op instanceof Constant);
    }

    private static boolean allInputsConstant(Node n) {
        return !n.inputs().isEmpty()
                && n.inputs().stream().allMatch(i -> i.op() instanceof Constant)
                && n.shape().isFixed()
                && NdArray.sizeOf(n.shape().concrete(Map.of())) <= FOLD_LIMIT;
    }

    private static Node fold(Match m, GraphBuilder b) {
        Node n = m.root();
        try {
            return b.constant(ReferenceEvaluator.evaluate(n, Map.of(), Map.of()), n.dtype());
        } catch (IllegalArgumentException e) {
            return null; // an invalid label, say: left for run time to report
        }
    }

    private static Node composeTransposes(Match m, GraphBuilder b) {
        List<Integer> inner = m.op("inner", Transpose.class).perm();
        List<Integer> outer = m.op("outer", Transpose.class).perm();
        int[] composed = outer.stream().mapToInt(inner::get).toArray();
        return b.transpose(m.get("x"), composed);
    }

    private static boolean isIdentityTranspose(Op op) {
        if (!(op instanceof Transpose t)) return false;
        for (int i = 0; i < t.perm().size(); i++) if (t.perm().get(i) != i) return false;
        return true;
    }
}
