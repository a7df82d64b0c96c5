package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Elementwise functions of one tensor. Each {@link Fn} holds its reference and its gradient. */
public record Unary(Fn fn) implements Op {

    /** The functions; {@code floatOnly} ones reject integer tensors. */
    public enum Fn {
        NEG(false, x -> -x) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.neg(g);
            }
        },
        EXP(true, Math::exp) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.mul(g, y);
            }
        },
        LOG(true, Math::log) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.div(g, x);
            }
        },
        LOG1P(true, Math::log1p) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.div(g, b.add(x, 1));
            }
        },
        TANH(true, Math::tanh) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.mul(g, b.rsub(1, b.square(y)));
            }
        },
        SIGMOID(true, Unary::sigmoid) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.mul(g, b.mul(y, b.rsub(1, y)));
            }
        },
        /** log(1 + e^x), computed without overflow. */
        SOFTPLUS(true, x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.mul(g, b.sigmoid(x));
            }
        },
        SQRT(true, Math::sqrt) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.div(b.mul(g, 0.5), y);
            }
        },
        SQUARE(false, x -> x * x) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.mul(g, b.mul(x, 2));
            }
        },
        ABS(false, Math::abs) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return b.mul(g, b.sign(x));
            }
        },
        /** Piecewise constant: its gradient is zero wherever it exists. */
        SIGN(false, Math::signum) {
            Node vjp(GraphBuilder b, Node x, Node y, Node g) {
                return null;
            }
        };

        private final boolean floatOnly;
        private final DoubleUnaryOperator reference;

        Fn(boolean floatOnly, DoubleUnaryOperator reference) {
            this.floatOnly = floatOnly;
            this.reference = reference;
        }

        /** The cotangent of x given y = f(x) and the cotangent g of y; null for a zero gradient. */
        abstract Node vjp(GraphBuilder b, Node x, Node y, Node g);

        public double apply(double x) {
            return reference.applyAsDouble(x);
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
        TensorType x = in.get(0);
        Problem p = fn.floatOnly ? TypeRules.requireFloat(name(), "its operand", x) : TypeRules.requireNumeric(name(), "its operand", x);
        return p != null ? Result.err(p) : Result.ok(x);
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[] {fn.vjp(b, node.input(0), node, g)};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        return in.get(0).map(fn::apply);
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
