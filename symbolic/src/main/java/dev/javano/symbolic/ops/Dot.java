package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The matrix product of numpy's {@code dot} for ranks 1 and 2: matrix·matrix, matrix·vector,
 * vector·matrix and the inner product of two vectors. The inner dims must be the same dim.
 */
public record Dot() implements Op {

    @Override
    public String name() {
        return "dot";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        TensorType a = in.get(0);
        TensorType b = in.get(1);
        Problem p = TypeRules.first(
                TypeRules.sameDType("dot", a, b),
                TypeRules.requireNumeric("dot", "each operand", a),
                rankProblem("the left operand", a),
                rankProblem("the right operand", b));
        if (p != null) return Result.err(p);
        Dim inner = a.shape().get(a.rank() - 1);
        Dim other = b.shape().get(0);
        if (!inner.equals(other)) {
            return Result.err(new Problem.DimClash("dot", a.shape(), b.shape(), inner, other, "inner"));
        }
        List<Dim> out = new ArrayList<>();
        if (a.rank() == 2) out.add(a.shape().get(0));
        if (b.rank() == 2) out.add(b.shape().get(1));
        return Result.ok(a.withShape(new Shape(out)));
    }

    private static Problem rankProblem(String operand, TensorType t) {
        return t.rank() == 1 || t.rank() == 2
                ? null
                : new Problem.WrongRank("dot", operand, t.shape(), "a vector or a matrix");
    }

    /** With vectors read as a column (b) or a row (a), {@code ga = g·bᵀ} and {@code gb = aᵀ·g}. */
    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node x = node.input(0);
        Node y = node.input(1);
        Node x2 = asMatrix(b, x, true);
        Node y2 = asMatrix(b, y, false);
        Node g2 = b.reshape(g, Shape.of(x2.shape().get(0), y2.shape().get(1)));
        return new Node[] {
            needed[0] ? b.reshape(b.dot(g2, b.transpose(y2)), x.shape()) : null,
            needed[1] ? b.reshape(b.dot(b.transpose(x2), g2), y.shape()) : null
        };
    }

    private static Node asMatrix(GraphBuilder b, Node v, boolean row) {
        if (v.rank() == 2) return v;
        return b.reshape(v, row ? Shape.of(Dim.of(1), v.shape().get(0)) : Shape.of(v.shape().get(0), Dim.of(1)));
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray a = in.get(0);
        NdArray b = in.get(1);
        int m = a.rank() == 2 ? a.dim(0) : 1;
        int k = a.dim(a.rank() - 1);
        int n = b.rank() == 2 ? b.dim(1) : 1;
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a.get(i * k + p) * b.get(p * n + j);
                out[i * n + j] = s;
            }
        }
        return new NdArray(outShape, out);
    }
}
