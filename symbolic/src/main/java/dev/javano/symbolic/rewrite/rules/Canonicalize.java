package dev.javano.symbolic.rewrite.rules;

import static dev.javano.symbolic.rewrite.Pattern.any;
import static dev.javano.symbolic.rewrite.Pattern.binary;
import static dev.javano.symbolic.rewrite.Pattern.commutative;
import static dev.javano.symbolic.rewrite.Pattern.constant;
import static dev.javano.symbolic.rewrite.Pattern.op;
import static dev.javano.symbolic.rewrite.Pattern.unary;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.Reshape;
import dev.javano.symbolic.ops.Transpose;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.rewrite.Match;
import dev.javano.symbolic.rewrite.Phase;
import dev.javano.symbolic.rewrite.Rule;
import java.util.List;
import java.util.Map;

/**
 * The canonicalize phase: fold constants and remove what computes nothing. Every rule is exact
 * in IEEE arithmetic for finite values (no {@code x·0 → 0}, which would turn NaN and ∞ into 0).
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
            Rule.of("reshape-reshape", op(Reshape.class, op(Reshape.class, any("x"))).as("outer"),
                    (m, b) -> b.reshape(m.get("x"), m.get("outer").shape()))));

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
