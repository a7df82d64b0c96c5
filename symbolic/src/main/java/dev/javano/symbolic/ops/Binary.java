package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Elementwise arithmetic of two tensors of one dtype, with numpy broadcasting. Each {@link Fn}
 * holds its reference and its two partial cotangents (before un-broadcasting).
 */
public record Binary(Fn fn) implements Op {

    public enum Fn {
        ADD("add", false, Double::sum) {
            Node dx(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return g;
            }

            Node dy(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return g;
            }
        },
        SUB("subtract", false, (x, y) -> x - y) {
            Node dx(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return g;
            }

            Node dy(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.neg(g);
            }
        },
        MUL("multiply", false, (x, y) -> x * y) {
            Node dx(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.mul(g, y);
            }

            Node dy(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.mul(g, x);
            }
        },
        DIV("divide", true, (x, y) -> x / y) {
            Node dx(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.div(g, y);
            }

            Node dy(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.neg(b.div(b.mul(g, out), y));
            }
        },
        POW("raise", true, Math::pow) {
            Node dx(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.mul(g, b.mul(y, b.pow(x, b.add(y, -1))));
            }

            Node dy(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.mul(g, b.mul(out, b.log(x)));
            }
        },
        /** The gradient goes to x where x ≥ y (ties to x), else to y. */
        MAXIMUM("take the maximum of", false, Math::max) {
            Node dx(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.select(b.compare(Compare.Fn.GE, x, y), g, b.zerosLike(g));
            }

            Node dy(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.select(b.compare(Compare.Fn.GE, x, y), b.zerosLike(g), g);
            }
        },
        /** The gradient goes to x where x ≤ y (ties to x), else to y. */
        MINIMUM("take the minimum of", false, Math::min) {
            Node dx(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.select(b.compare(Compare.Fn.LE, x, y), g, b.zerosLike(g));
            }

            Node dy(GraphBuilder b, Node x, Node y, Node out, Node g) {
                return b.select(b.compare(Compare.Fn.LE, x, y), b.zerosLike(g), g);
            }
        };

        private final String verb;
        private final boolean floatOnly;
        private final DoubleBinaryOperator reference;

        Fn(String verb, boolean floatOnly, DoubleBinaryOperator reference) {
            this.verb = verb;
            this.floatOnly = floatOnly;
            this.reference = reference;
        }

        abstract Node dx(GraphBuilder b, Node x, Node y, Node out, Node g);

        abstract Node dy(GraphBuilder b, Node x, Node y, Node out, Node g);

        public double apply(double x, double y) {
            return reference.applyAsDouble(x, y);
        }

        /** The verb used in messages: "cannot add [3] and [4]". */
        public String verb() {
            return verb;
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
        TensorType y = in.get(1);
        Problem p = TypeRules.first(
                TypeRules.sameDType(fn.verb, x, y),
                fn.floatOnly ? TypeRules.requireFloat(name(), "each operand", x) : TypeRules.requireNumeric(name(), "each operand", x));
        if (p != null) return Result.err(p);
        return TypeRules.broadcastAll(fn.verb, in).map(x::withShape);
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node x = node.input(0);
        Node y = node.input(1);
        return new Node[] {
            needed[0] ? sumTo(b, fn.dx(b, x, y, node, g), x) : null,
            needed[1] ? sumTo(b, fn.dy(b, x, y, node, g), y) : null
        };
    }

    private static Node sumTo(GraphBuilder b, Node g, Node target) {
        return g == null ? null : b.sumTo(g, target.shape());
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        return Elementwise.eval(in, outShape, v -> fn.apply(v[0], v[1]));
    }
}
