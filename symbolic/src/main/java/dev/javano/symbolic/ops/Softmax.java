package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;

/** {@code exp(x) / Σ exp(x)} along {@code axis}, shifted by the max; a fused special with its own kernel. */
public record Softmax(int axis) implements Op {

    @Override
    public String name() {
        return "softmax{axis=" + axis + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        return inferAlongAxis("softmax", axis, in.get(0));
    }

    static Result<TensorType> inferAlongAxis(String op, int axis, TensorType x) {
        Problem p = TypeRules.requireFloat(op, "its operand", x);
        if (p != null) return Result.err(p);
        if (axis >= x.rank()) return Result.err(new Problem.AxisOutOfRange(op, axis, x.shape()));
        return Result.ok(x);
    }

    /** {@code y · (g − Σ g·y)} along the axis. */
    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node gy = b.mul(g, node);
        Node dot = b.sum(gy, new int[] {axis}, true);
        return new Node[] {b.sub(gy, b.mul(node, dot))};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        double[] x = in.get(0).data();
        Lanes lanes = new Lanes(outShape, axis);
        double[] out = new double[x.length];
        for (int lane = 0; lane < lanes.count(); lane++) {
            double lse = lanes.logSumExp(x, lane);
            for (int k = 0; k < lanes.length; k++) out[lanes.at(lane, k)] = Math.exp(x[lanes.at(lane, k)] - lse);
        }
        return new NdArray(outShape, out);
    }
}
