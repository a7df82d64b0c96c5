package dev.javano.symbolic.rewrite.rules;

import static dev.javano.symbolic.rewrite.Pattern.any;
import static dev.javano.symbolic.rewrite.Pattern.binary;
import static dev.javano.symbolic.rewrite.Pattern.commutative;
import static dev.javano.symbolic.rewrite.Pattern.constant;
import static dev.javano.symbolic.rewrite.Pattern.op;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Dot;
import dev.javano.symbolic.ops.Gemm;
import dev.javano.symbolic.ops.Transpose;
import dev.javano.symbolic.rewrite.Match;
import dev.javano.symbolic.rewrite.Pattern;
import dev.javano.symbolic.rewrite.Phase;
import dev.javano.symbolic.rewrite.Rule;
import dev.javano.symbolic.shape.Broadcast;
import java.util.List;

/**
 * The specialize phase for BLAS back ends: matrix products become {@link Gemm}s, and what BLAS
 * does for free is folded into them — transposes into its flags, a bias or an L2 term into its
 * {@code C} and {@code beta}, a learning rate into {@code alpha}, and the SGD step
 * {@code w − lr·(g + 2·l2·w)} into one in-place {@code gemm(C = w, alpha = −lr, beta = 1 − 2·lr·l2)},
 * as PyTensor does.
 */
public final class Specialize {

    private Specialize() {}

    public static final Phase PHASE = new Phase(Phase.SPECIALIZE, List.of(
            Rule.of("dot-to-gemm", op(Dot.class, matrix("a"), matrix("b")),
                    (m, b) -> gemm(b, m.get("a"), m.get("b"), zero(b, m.root()), one(b, m.root()), zero(b, m.root()))),
            Rule.of("gemm-transposed-a", op(Specialize::plainA, op(Specialize::isMatrixTranspose, any("a")),
                    any("b"), any("c"), any("alpha"), any("beta")).as("g"), (m, b) -> flipped(m, b, true)),
            Rule.of("gemm-transposed-b", op(Specialize::plainB, any("a"), op(Specialize::isMatrixTranspose, any("b")),
                    any("c"), any("alpha"), any("beta")).as("g"), (m, b) -> flipped(m, b, false)),
            Rule.of("gemm-accumulate", commutative(Binary.Fn.ADD, freshGemm(), any("x")), Specialize::accumulate),
            Rule.of("gemm-scaled", commutative(Binary.Fn.MUL, gemmPattern(), any("s").where(n -> n.rank() == 0)),
                    (m, b) -> withScalars(m, b, m.get("c"), times(b, m.get("alpha"), m.get("s")),
                            times(b, m.get("beta"), m.get("s")))),
            Rule.of("subtract-gemm", binary(Binary.Fn.SUB, any("x"), gemmPattern()), Specialize::subtractFrom)));

    private static Pattern matrix(String name) {
        return any(name).where(n -> n.rank() == 2);
    }

    private static Pattern gemmPattern() {
        return op(Gemm.class, any("a"), any("b"), any("c"), any("alpha"), any("beta")).as("g");
    }

    /** A gemm that accumulates nothing yet: beta is the constant 0. */
    private static Pattern freshGemm() {
        return op(Gemm.class, any("a"), any("b"), any("c"), any("alpha"), constant(0)).as("g");
    }

    private static boolean isMatrixTranspose(Op op) {
        return op instanceof Transpose t && t.perm().equals(List.of(1, 0));
    }

    private static boolean plainA(Op op) {
        return op instanceof Gemm g && !g.transA();
    }

    private static boolean plainB(Op op) {
        return op instanceof Gemm g && !g.transB();
    }

    private static Node flipped(Match m, GraphBuilder b, boolean a) {
        Gemm g = m.op("g", Gemm.class);
        Node root = m.root();
        return b.apply(new Gemm(a || g.transA(), !a || g.transB()),
                m.get("a"), m.get("b"), root.input(2), root.input(3), root.input(4));
    }

    /** {@code gemm(β=0) + k·x} → {@code gemm(C = x, β = k)} when x broadcasts to the result. */
    private static Node accumulate(Match m, GraphBuilder b) {
        Node[] scaled = Scaled.split(b, m.get("x"));
        if (!Broadcast.broadcastsTo(scaled[1].shape(), m.get("g").shape())) return null;
        return withScalars(m, b, scaled[1], m.get("alpha"), scaled[0]);
    }

    /** {@code x − gemm(C, α, β)} → {@code gemm(C = x, −α, 1)} when β = 0, or {@code gemm(C = x, −α, 1 − β)} when C is x. */
    private static Node subtractFrom(Match m, GraphBuilder b) {
        Node x = m.get("x");
        Node c = m.get("c");
        boolean fresh = m.get("beta").op() instanceof dev.javano.symbolic.ops.Constant k && k.isAll(0);
        if (!x.shape().equals(m.root().shape()) || !fresh && c != x) return null;
        Node beta = fresh ? one(b, x) : b.rsub(1, m.get("beta"));
        return withScalars(m, b, x, b.neg(m.get("alpha")), beta);
    }

    /** {@code k·s}, written as s when k is 1 and as 0 when k is 0, so later rules see plain constants. */
    private static Node times(GraphBuilder b, Node k, Node s) {
        if (k.op() instanceof dev.javano.symbolic.ops.Constant c && c.isAll(1)) return s;
        if (k.op() instanceof dev.javano.symbolic.ops.Constant c && c.isAll(0)) return k;
        return b.mul(k, s);
    }

    private static Node withScalars(Match m, GraphBuilder b, Node c, Node alpha, Node beta) {
        Gemm g = m.op("g", Gemm.class);
        return b.apply(g, m.get("a"), m.get("b"), c, alpha, beta);
    }

    private static Node gemm(GraphBuilder b, Node a, Node x, Node c, Node alpha, Node beta) {
        return b.apply(new Gemm(false, false), a, x, c, alpha, beta);
    }

    private static Node zero(GraphBuilder b, Node n) {
        return b.constant(0, n.dtype());
    }

    private static Node one(GraphBuilder b, Node n) {
        return b.constant(1, n.dtype());
    }
}
