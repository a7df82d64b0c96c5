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
import java.util.List;

/** Joins tensors along an axis of fixed sizes; every other dim must be the same dim. */
public record Concat(int axis) implements Op {

    @Override
    public String name() {
        return "concat{axis=" + axis + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        TensorType first = in.get(0);
        int total = 0;
        for (TensorType t : in) {
            Problem p = TypeRules.first(TypeRules.sameDType("concat", first, t), compatible(first.shape(), t.shape()));
            if (p != null) return Result.err(p);
            if (!(t.shape().get(axis) instanceof Dim.Fixed f)) {
                return Result.err(new Problem.BadArgument("concat", "axis " + axis + " of " + t.shape()
                        + " is the named dim " + t.shape().get(axis) + "; concatenate along an axis of fixed size"));
            }
            total += f.size();
        }
        return Result.ok(first.withShape(first.shape().with(axis, Dim.of(total))));
    }

    private Problem compatible(Shape a, Shape b) {
        if (a.rank() != b.rank() || axis >= a.rank()) {
            return new Problem.WrongRank("concat", "every tensor", b, "rank " + a.rank() + " like " + a);
        }
        for (int i = 0; i < a.rank(); i++) {
            if (i != axis && !a.get(i).equals(b.get(i))) {
                return new Problem.DimClash("concatenate", a, b, a.get(i), b.get(i), "axis " + i);
            }
        }
        return null;
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node[] out = new Node[node.inputs().size()];
        int offset = 0;
        for (int i = 0; i < out.length; i++) {
            int size = ((Dim.Fixed) node.input(i).shape().get(axis)).size();
            if (needed[i]) out[i] = b.slice(g, axis, offset, offset + size, 1);
            offset += size;
        }
        return out;
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        double[] out = new double[NdArray.sizeOf(outShape)];
        int offset = 0;
        for (NdArray x : in) {
            for (int i = 0; i < x.size(); i++) {
                int[] idx = Index.unravel(i, x.shape());
                idx[axis] += offset;
                out[Index.ravel(idx, outShape)] = x.get(i);
            }
            offset += x.dim(axis);
        }
        return new NdArray(outShape, out);
    }
}
