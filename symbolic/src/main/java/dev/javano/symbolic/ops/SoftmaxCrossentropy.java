package dev.javano.symbolic.ops;

import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import java.util.List;

/**
 * {@code −log softmax(logits)[label]} per row, along the last axis: the stable, fused form
 * that the stabilize rules turn {@code crossentropy(softmax(z), y)} into. Its gradient is
 * {@code (softmax(z) − onehot(y)) · g}.
 */
public record SoftmaxCrossentropy() implements Op {

    @Override
    public String name() {
        return "softmaxCrossentropy";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        return Pick.inferPick("crossentropy", in.get(0), in.get(1), "logits");
    }

    /** The labels are indices: they take no gradient. */
    @Override
    public boolean connected(int i) {
        return i == 0;
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node z = node.input(0);
        int classAxis = z.rank() - 1;
        if (Pick.classes(z) < 0) return new Node[] {Pick.classAxisNotFixed(z, b), null};
        Node p = b.softmax(z, classAxis);
        Node onehot = b.oneHot(node.input(1), Pick.classes(z), z.dtype());
        Node gColumn = b.reshape(g, g.shape().append(Dim.of(1)));
        return new Node[] {b.mul(b.sub(p, onehot), gColumn), null};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        double[] z = in.get(0).data();
        int[] zShape = in.get(0).shape();
        Lanes lanes = new Lanes(zShape, zShape.length - 1);
        double[] out = new double[lanes.count()];
        for (int row = 0; row < out.length; row++) {
            int label = Pick.label(in.get(1), row, lanes.length);
            out[row] = lanes.logSumExp(z, row) - z[lanes.at(row, label)];
        }
        return new NdArray(outShape, out);
    }
}
