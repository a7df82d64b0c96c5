package dev.javano.symbolic.ops;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.Index;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;

/** The int32 index of the largest (smallest) entry along {@code axis}; the first one on ties. Not differentiable. */
public record ArgReduce(Kind kind, int axis, boolean keepdims) implements Op {

    public enum Kind {
        ARGMAX,
        ARGMIN;

        public String opName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public String name() {
        return kind.opName() + "{axis=" + axis + (keepdims ? ", keepdims" : "") + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        TensorType x = in.get(0);
        Problem p = TypeRules.requireNumeric(kind.opName(), "its operand", x);
        if (p != null) return Result.err(p);
        if (axis >= x.rank()) return Result.err(new Problem.AxisOutOfRange(kind.opName(), axis, x.shape()));
        return Result.ok(TensorType.of(DType.INT32, Reduce.reducedShape(x.shape(), List.of(axis), keepdims)));
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[1];
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray x = in.get(0);
        int[] keptShape = Reduce.keptShape(x.shape(), List.of(axis));
        double[] best = new double[NdArray.sizeOf(keptShape)];
        double[] arg = new double[best.length];
        java.util.Arrays.fill(best, Double.NaN);
        for (int i = 0; i < x.size(); i++) {
            int[] idx = Index.unravel(i, x.shape());
            int o = Index.broadcastSource(idx, keptShape);
            double v = x.get(i);
            boolean better = kind == Kind.ARGMAX ? v > best[o] : v < best[o];
            if (Double.isNaN(best[o]) || better) {
                best[o] = v;
                arg[o] = idx[axis];
            }
        }
        return new NdArray(outShape, arg);
    }
}
