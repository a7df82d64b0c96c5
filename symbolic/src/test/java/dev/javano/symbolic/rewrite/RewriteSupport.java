package dev.javano.symbolic.rewrite;

import dev.javano.DType;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.ir.Verifier;
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/**
 * What the rewrite tests share: a compact s-expression printer (kept here, independent of the
 * print package), type shorthands and a checked rewrite run.
 */
final class RewriteSupport {

    private RewriteSupport() {}

    /**
     * The tree below {@code n} as an s-expression, each node as {@code (opName inputs...)}:
     * {@code (softmaxCrossentropy (add (dot (input x) (shared w)) (shared b)) (input y))}. Shared
     * subtrees are printed at every use; recursive, so only for small graphs.
     */
    static String sexp(Node n) {
        StringBuilder sb = new StringBuilder("(").append(n.op().name());
        for (Node in : n.inputs()) sb.append(' ').append(sexp(in));
        return sb.append(')').toString();
    }

    static TensorType f32(String shape) {
        return TensorType.of(DType.FLOAT32, Shape.parse(shape));
    }

    static TensorType f64(String shape) {
        return TensorType.of(DType.FLOAT64, Shape.parse(shape));
    }

    static TensorType i32(String shape) {
        return TensorType.of(DType.INT32, Shape.parse(shape));
    }

    /** A constant of {@code shape} with {@code values} in row-major order. */
    static Node constant(GraphBuilder b, DType dtype, int[] shape, double... values) {
        return b.constant(new NdArray(shape, values), dtype);
    }

    /** Runs {@code phases} over {@code roots}, then checks the result's invariants. */
    static Rewriter.Rewritten rewrite(GraphBuilder b, List<Node> roots, List<Phase> phases) {
        Rewriter.Rewritten out = Rewriter.run(b, roots, phases);
        Verifier.verify(b, out.roots());
        return out;
    }

    /** The firings as {@code phase/rule}, in order. */
    static List<String> firings(Rewriter.Rewritten r) {
        return r.log().stream().map(f -> f.phase() + "/" + f.rule()).toList();
    }

    /** Whether {@code rule} of {@code phase} fired at least once. */
    static boolean fired(Rewriter.Rewritten r, String phase, String rule) {
        return r.log().stream().anyMatch(f -> f.phase().equals(phase) && f.rule().equals(rule));
    }
}
