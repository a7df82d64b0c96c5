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
import java.util.ArrayList;
import java.util.List;

/**
 * BLAS's general matrix multiply, {@code alpha·op(a)·op(b) + beta·c}, where {@code op}
 * transposes when its flag is set and {@code c} broadcasts to the result (a bias row, or the
 * matrix being updated). Inputs: a, b, c, alpha, beta (scalars, possibly run-time). Produced by
 * the specialize rules from {@code dot}, transposes, bias additions and SGD steps, and by
 * {@link dev.javano.symbolic.rewrite.LoopHoisting} for whole sequences; back ends map it to one
 * {@code sgemm}/{@code dgemm} call.
 *
 * <p>An operand of rank above 2 is read as the matrix its row-major memory is: all leading axes
 * flattened into rows, the last axis as columns. So {@code a [time, batch, in]} times
 * {@code b [in, out]} gives {@code [time, batch, out]} (every step's product at once), and with
 * {@code transA}, {@code a [time, batch, in]} and {@code b [time, batch, out]} contract over time
 * and batch to {@code [in, out]} (a weight gradient summed over steps). The result's columns are
 * always one axis: {@code b} has rank 2 when {@code transB} is set.
 */
public record Gemm(boolean transA, boolean transB) implements Op {

    @Override
    public String name() {
        return "gemm" + (transA || transB ? "{" + (transA ? "aT" : "") + (transA && transB ? ", " : "")
                + (transB ? "bT" : "") + "}" : "");
    }

    /** The dims of op(a)'s rows, op(a)'s columns (contracted), op(b)'s rows (contracted) and op(b)'s columns. */
    private record Sides(List<Dim> rows, List<Dim> innerA, List<Dim> innerB, List<Dim> columns) {}

    private Sides sides(Shape a, Shape b) {
        List<Dim> aLead = a.dims().subList(0, a.rank() - 1);
        List<Dim> aLast = List.of(a.get(a.rank() - 1));
        List<Dim> bLead = b.dims().subList(0, b.rank() - 1);
        List<Dim> bLast = List.of(b.get(b.rank() - 1));
        return new Sides(transA ? aLast : aLead, transA ? aLead : aLast, transB ? bLast : bLead, transB ? bLead : bLast);
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        TensorType a = in.get(0);
        TensorType b = in.get(1);
        for (TensorType t : in.subList(1, 5)) {
            Problem p = TypeRules.sameDType("gemm", a, t);
            if (p != null) return Result.err(p);
        }
        if (a.rank() < 2 || b.rank() < 2 || transB && b.rank() != 2) {
            return Result.err(new Problem.WrongRank("gemm", "a and b", a.rank() < 2 ? a.shape() : b.shape(), "matrices"));
        }
        if (in.get(3).rank() != 0 || in.get(4).rank() != 0) {
            return Result.err(new Problem.BadArgument("gemm", "alpha and beta must be scalars"));
        }
        Sides s = sides(a.shape(), b.shape());
        if (!s.innerA().equals(s.innerB())) {
            return Result.err(new Problem.BadArgument("gemm", "the inner dims " + s.innerA() + " of " + a.shape() + " and "
                    + s.innerB() + " of " + b.shape() + " differ"));
        }
        List<Dim> dims = new ArrayList<>(s.rows());
        dims.addAll(s.columns());
        Shape out = new Shape(dims);
        if (!Broadcast.broadcastsTo(in.get(2).shape(), out)) {
            return Result.err(new Problem.BadArgument("gemm", "c " + in.get(2).shape() + " does not broadcast to " + out));
        }
        return Result.ok(a.withShape(out));
    }

    /**
     * Written with gemms again, so that operands of any rank work: for {@code op(a)·op(b) = out},
     * {@code d op(a) = g·op(b)ᵀ} and {@code d op(b) = op(a)ᵀ·g}, each put back in its operand's layout.
     */
    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node x = node.input(0);
        Node y = node.input(1);
        Node alpha = node.input(3);
        Node beta = node.input(4);
        Node zero = b.constant(0, g.dtype());
        Node gx = transA ? gemm(b, y, g, transB, true, alpha) : gemm(b, g, y, false, !transB, alpha);
        Node gy = transB ? gemm(b, g, x, true, transA, alpha) : gemm(b, x, g, !transA, false, alpha);
        Node product = b.apply(new Gemm(transA, transB), x, y, zero, b.constant(1, g.dtype()), zero);
        return new Node[] {
            needed[0] ? gx : null,
            needed[1] ? gy : null,
            needed[2] ? b.sumTo(b.mul(g, beta), node.input(2).shape()) : null,
            needed[3] ? b.sumAll(b.mul(g, product)) : null,
            needed[4] ? b.sumAll(b.mul(g, b.broadcastTo(node.input(2), node.shape()))) : null
        };
    }

    private static Node gemm(GraphBuilder b, Node x, Node y, boolean transA, boolean transB, Node alpha) {
        Node zero = b.constant(0, x.dtype());
        return b.apply(new Gemm(transA, transB), x, y, zero, alpha, zero);
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray a = in.get(0);
        NdArray b = in.get(1);
        double[] c = Index.broadcast(in.get(2), outShape);
        double alpha = in.get(3).scalarValue();
        double beta = in.get(4).scalarValue();
        int n = outShape[outShape.length - 1];
        int m = NdArray.sizeOf(outShape) / n;
        int aCols = a.dim(a.rank() - 1);
        int k = transA ? a.size() / aCols : aCols;
        int bCols = b.dim(b.rank() - 1);
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += at(a, aCols, transA, i, p) * at(b, bCols, transB, p, j);
                out[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        }
        return new NdArray(outShape, out);
    }

    /** Element (i, j) of op(m), m read as a matrix of {@code cols} columns. */
    private static double at(NdArray m, int cols, boolean transposed, int i, int j) {
        return transposed ? m.get(j * cols + i) : m.get(i * cols + j);
    }
}
