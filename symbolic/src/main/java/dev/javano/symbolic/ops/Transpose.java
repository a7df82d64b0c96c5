package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.Index;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.List;

/** Permutes the axes: output axis j is input axis {@code perm[j]}. */
public record Transpose(List<Integer> perm) implements Op {

    public Transpose {
        perm = List.copyOf(perm);
    }

    @Override
    public String name() {
        return "transpose{" + perm + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        Shape s = in.get(0).shape();
        if (!isPermutation(perm, s.rank())) {
            return Result.err(new Problem.BadArgument("transpose",
                    "axes " + perm + " are not a permutation of the " + s.rank() + " axes of " + s));
        }
        List<Dim> out = new ArrayList<>();
        for (int p : perm) out.add(s.get(p));
        return Result.ok(in.get(0).withShape(new Shape(out)));
    }

    private static boolean isPermutation(List<Integer> perm, int rank) {
        return perm.size() == rank
                && perm.stream().distinct().count() == rank
                && perm.stream().allMatch(p -> p >= 0 && p < rank);
    }

    /** The permutation that undoes this one. */
    public int[] inverse() {
        int[] inv = new int[perm.size()];
        for (int j = 0; j < inv.length; j++) inv[perm.get(j)] = j;
        return inv;
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[] {b.transpose(g, inverse())};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray x = in.get(0);
        double[] out = new double[x.size()];
        int[] inIdx = new int[outShape.length];
        for (int i = 0; i < out.length; i++) {
            int[] outIdx = Index.unravel(i, outShape);
            for (int j = 0; j < outIdx.length; j++) inIdx[perm.get(j)] = outIdx[j];
            out[i] = x.get(Index.ravel(inIdx, x.shape()));
        }
        return new NdArray(outShape, out);
    }
}
