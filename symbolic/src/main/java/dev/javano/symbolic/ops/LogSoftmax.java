package dev.javano.symbolic.ops;

import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;

/** {@code x − log Σ exp(x)} along {@code axis}: finite where {@code log(softmax(x))} would give −∞. */
public record LogSoftmax(int axis) implements Op {

    @Override
    public String name() {
        return "logSoftmax{axis=" + axis + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        return Softmax.inferAlongAxis("logSoftmax", axis, in.get(0));
    }

    /** {@code g − softmax(x) · Σ g} along the axis. */
    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node total = b.sum(g, new int[] {axis}, true);
        return new Node[] {b.sub(g, b.mul(b.softmax(node.input(0), axis), total))};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        double[] x = in.get(0).data();
        Lanes lanes = new Lanes(outShape, axis);
        double[] out = new double[x.length];
        for (int lane = 0; lane < lanes.count(); lane++) {
            double lse = lanes.logSumExp(x, lane);
            for (int k = 0; k < lanes.length; k++) out[lanes.at(lane, k)] = x[lanes.at(lane, k)] - lse;
        }
        return new NdArray(outShape, out);
    }
}
