package dev.javano.symbolic.ops;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;

/**
 * Elementwise comparisons, with broadcasting, giving a {@code bool} tensor. Piecewise constant:
 * their operands take no gradient (a mask built from x does not carry x's gradient).
 */
public record Compare(Fn fn) implements Op {

    public enum Fn {
        LT, LE, GT, GE, EQ, NE;

        public boolean test(double x, double y) {
            switch (this) {
                case LT: return x < y;
                case LE: return x <= y;
                case GT: return x > y;
                case GE: return x >= y;
                case EQ: return x == y;
                default: return x != y;
            }
        }

        public String opName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public String name() {
        return fn.opName();
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        Problem p = TypeRules.sameDType("compare", in.get(0), in.get(1));
        if (p != null) return Result.err(p);
        return TypeRules.broadcastAll("compare", in).map(s -> TensorType.of(DType.BOOL, s));
    }

    @Override
    public boolean connected(int i) {
        return false;
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[2];
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        return Elementwise.eval(in, outShape, v -> fn.test(v[0], v[1]) ? 1 : 0);
    }
}
