package dev.javano.symbolic.rewrite.rules;

import static dev.javano.symbolic.rewrite.Pattern.any;
import static dev.javano.symbolic.rewrite.Pattern.binary;
import static dev.javano.symbolic.rewrite.Pattern.commutative;
import static dev.javano.symbolic.rewrite.Pattern.constant;
import static dev.javano.symbolic.rewrite.Pattern.op;
import static dev.javano.symbolic.rewrite.Pattern.unary;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.LogSoftmax;
import dev.javano.symbolic.ops.Pick;
import dev.javano.symbolic.ops.Softmax;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.rewrite.Match;
import dev.javano.symbolic.rewrite.Pattern;
import dev.javano.symbolic.rewrite.Phase;
import dev.javano.symbolic.rewrite.Rule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The stabilize phase: forms that stay finite where the written ones overflow or lose all
 * precision, as Theano's stabilize rewrites. {@code crossentropy(softmax(z), y)} becomes the
 * fused op in two steps: the log moves onto the softmax, which becomes a log-softmax, and the
 * negated pick of a log-softmax is the fused op.
 */
public final class Stabilize {

    private Stabilize() {}

    public static final Phase PHASE = new Phase(Phase.STABILIZE, List.of(
            Rule.of("log1p", unary(Unary.Fn.LOG, commutative(Binary.Fn.ADD, constant(1), any("x"))),
                    (m, b) -> b.unary(Unary.Fn.LOG1P, m.get("x"))),
            Rule.of("log-softmax", unary(Unary.Fn.LOG, op(Softmax.class, any("x")).as("softmax")),
                    (m, b) -> b.logSoftmax(m.get("x"), m.op("softmax", Softmax.class).axis())),
            Rule.of("log-of-picked-softmax",
                    unary(Unary.Fn.LOG, op(Pick.class, lastAxis(Softmax.class), any("y"))),
                    (m, b) -> b.pick(b.logSoftmax(m.get("z"), -1), m.get("y"))),
            Rule.of("softmax-crossentropy",
                    unary(Unary.Fn.NEG, op(Pick.class, lastAxis(LogSoftmax.class), any("y"))),
                    (m, b) -> b.softmaxCrossentropy(m.get("z"), m.get("y"))),
            Rule.of("log-sigmoid", unary(Unary.Fn.LOG, unary(Unary.Fn.SIGMOID, any("x"))),
                    (m, b) -> b.neg(b.unary(Unary.Fn.SOFTPLUS, b.neg(m.get("x"))))),
            Rule.of("log-one-minus-sigmoid",
                    unary(Unary.Fn.LOG, binary(Binary.Fn.SUB, constant(1), unary(Unary.Fn.SIGMOID, any("x")))),
                    (m, b) -> b.neg(b.unary(Unary.Fn.SOFTPLUS, m.get("x")))),
            Rule.of("exp-log-of-nonnegative",
                    unary(Unary.Fn.EXP, unary(Unary.Fn.LOG, any("x").where(Stabilize::isNonNegative))),
                    Stabilize::x)));

    private static Node x(Match m, GraphBuilder b) {
        return m.get("x");
    }

    /** A (log-)softmax of {@code z} over its last axis: the class axis that pick and the fused op use. */
    private static Pattern lastAxis(Class<? extends Op> type) {
        return op(type, any("z")).where(n -> axisOf(n.op()) == n.rank() - 1);
    }

    private static int axisOf(Op op) {
        return op instanceof Softmax s ? s.axis() : ((LogSoftmax) op).axis();
    }

    private static final Set<Unary.Fn> NON_NEGATIVE =
            Set.of(Unary.Fn.EXP, Unary.Fn.SQUARE, Unary.Fn.ABS, Unary.Fn.SQRT, Unary.Fn.SIGMOID, Unary.Fn.SOFTPLUS);

    /** Provably ≥ 0, where {@code exp(log x) = x} holds (log 0 = −∞, exp(−∞) = 0). */
    private static boolean isNonNegative(Node n) {
        Op op = n.op();
        return op instanceof Unary u && NON_NEGATIVE.contains(u.fn())
                || op instanceof Softmax
                || op instanceof Constant c && Arrays.stream(c.value().data()).allMatch(v -> v >= 0);
    }
}
