package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.Index;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Broadcast;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/**
 * BLAS's general matrix multiply, {@code alpha·op(a)·op(b) + beta·c}, where {@code op}
 * transposes when its flag is set and {@code c} broadcasts to the result (a bias row, or the
 * matrix being updated). Inputs: a, b, c, alpha, beta (scalars, possibly run-time). Produced by
 * the specialize rules from {@code dot}, transposes, bias additions and SGD steps; back ends map
 * it to one {@code sgemm}/{@code dgemm} call.
 */
public record Gemm(boolean transA, boolean transB) implements Op {

    @Override
    public String name() {
        return "gemm" + (transA || transB ? "{" + (transA ? "aT" : "") + (transA && transB ? ", " : "")
                + (transB ? "bT" : "") + "}" : "");
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        TensorType a = in.get(0);
        TensorType b = in.get(1);
        for (TensorType t : in.subList(1, 5)) {
            Problem p = TypeRules.sameDType("gemm", a, t);
            if (p != null) return Result.err(p);
        }
        if (a.rank() != 2 || b.rank() != 2) {
            return Result.err(new Problem.WrongRank("gemm", "a and b", a.rank() != 2 ? a.shape() : b.shape(), "matrices"));
        }
        if (in.get(3).rank() != 0 || in.get(4).rank() != 0) {
            return Result.err(new Problem.BadArgument("gemm", "alpha and beta must be scalars"));
        }
        Dim inner = a.shape().get(transA ? 0 : 1);
        Dim other = b.shape().get(transB ? 1 : 0);
        if (!inner.equals(other)) return Result.err(new Problem.DimClash("gemm", a.shape(), b.shape(), inner, other, "inner"));
        Shape out = Shape.of(a.shape().get(transA ? 1 : 0), b.shape().get(transB ? 0 : 1));
        if (!Broadcast.broadcastsTo(in.get(2).shape(), out)) {
            return Result.err(new Problem.BadArgument("gemm", "c " + in.get(2).shape() + " does not broadcast to " + out));
        }
        return Result.ok(a.withShape(out));
    }

    /** As for {@code alpha·op(a)·op(b) + beta·c}, written with dot and transpose. */
    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node x = transA ? b.transpose(node.input(0)) : node.input(0);
        Node y = transB ? b.transpose(node.input(1)) : node.input(1);
        Node alpha = node.input(3);
        Node beta = node.input(4);
        Node gx = b.mul(b.dot(g, b.transpose(y)), alpha);
        Node gy = b.mul(b.dot(b.transpose(x), g), alpha);
        return new Node[] {
            needed[0] ? (transA ? b.transpose(gx) : gx) : null,
            needed[1] ? (transB ? b.transpose(gy) : gy) : null,
            needed[2] ? b.sumTo(b.mul(g, beta), node.input(2).shape()) : null,
            needed[3] ? b.sumAll(b.mul(g, b.dot(x, y))) : null,
            needed[4] ? b.sumAll(b.mul(g, b.broadcastTo(node.input(2), node.shape()))) : null
        };
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray a = in.get(0);
        NdArray b = in.get(1);
        double[] c = Index.broadcast(in.get(2), outShape);
        double alpha = in.get(3).scalarValue();
        double beta = in.get(4).scalarValue();
        int m = outShape[0];
        int n = outShape[1];
        int k = a.dim(transA ? 0 : 1);
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += at(a, transA, i, p) * at(b, transB, p, j);
                out[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        }
        return new NdArray(outShape, out);
    }

    /** Element (i, j) of op(m). */
    private static double at(NdArray m, boolean transposed, int i, int j) {
        return transposed ? m.get(j * m.dim(1) + i) : m.get(i * m.dim(1) + j);
    }
}
