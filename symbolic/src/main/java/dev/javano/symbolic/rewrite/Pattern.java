package dev.javano.symbolic.rewrite;

import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.Unary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The left-hand side of a rewrite rule: a tree of op tests whose leaves bind names. Built with
 * the static factories, read like the graph it matches:
 * {@code unary(LOG, op(Softmax.class, any("z")))}.
 */
public abstract class Pattern {

    private Pattern() {}

    /** Tries to match {@code n}, adding bindings to {@code into}; false leaves {@code into} unspecified. */
    abstract boolean match(Node n, Map<String, Node> into);

    /** The match of this pattern at {@code n}, or null. */
    public Match matchAt(Node n) {
        Map<String, Node> bindings = new HashMap<>();
        return match(n, bindings) ? new Match(n, bindings) : null;
    }

    /** Any node, bound to {@code name} (a name used twice must bind the same node). */
    public static Pattern any(String name) {
        return new Pattern() {
            boolean match(Node n, Map<String, Node> into) {
                Node bound = into.putIfAbsent(name, n);
                return bound == null || bound == n;
            }
        };
    }

    /** A node whose op satisfies {@code test}, with inputs matching {@code inputs} in order. */
    public static Pattern op(Predicate<Op> test, Pattern... inputs) {
        List<Pattern> ins = List.of(inputs);
        return new Pattern() {
            boolean match(Node n, Map<String, Node> into) {
                if (!test.test(n.op()) || n.inputs().size() != ins.size()) return false;
                for (int i = 0; i < ins.size(); i++) {
                    if (!ins.get(i).match(n.input(i), into)) return false;
                }
                return true;
            }
        };
    }

    public static Pattern op(Class<? extends Op> type, Pattern... inputs) {
        return op(type::isInstance, inputs);
    }

    public static Pattern unary(Unary.Fn fn, Pattern x) {
        return op(new Unary(fn)::equals, x);
    }

    public static Pattern binary(Binary.Fn fn, Pattern x, Pattern y) {
        return op(new Binary(fn)::equals, x, y);
    }

    /** {@code fn(x, y)} or {@code fn(y, x)}: for the commutative ADD and MUL. */
    public static Pattern commutative(Binary.Fn fn, Pattern x, Pattern y) {
        return either(binary(fn, x, y), binary(fn, y, x));
    }

    public static Pattern either(Pattern first, Pattern second) {
        return new Pattern() {
            boolean match(Node n, Map<String, Node> into) {
                Map<String, Node> attempt = new HashMap<>(into);
                if (first.match(n, attempt)) {
                    into.putAll(attempt);
                    return true;
                }
                return second.match(n, into);
            }
        };
    }

    /** A constant whose every element is {@code v}, possibly broadcast. */
    public static Pattern constant(double v) {
        Pattern scalar = op(op -> op instanceof Constant c && c.isAll(v));
        return either(scalar, op(BroadcastTo.class, scalar));
    }

    /** This pattern, also binding the matched node to {@code name}. */
    public Pattern as(String name) {
        Pattern self = this;
        return new Pattern() {
            boolean match(Node n, Map<String, Node> into) {
                return self.match(n, into) && any(name).match(n, into);
            }
        };
    }

    /**
     * This pattern, only where {@code guard} holds of the matched node. The guard runs after the
     * pattern has matched, so it may rely on what the pattern checked (the node's op, say).
     */
    public Pattern where(Predicate<Node> guard) {
        Pattern self = this;
        return new Pattern() {
            boolean match(Node n, Map<String, Node> into) {
                return self.match(n, into) && guard.test(n);
            }
        };
    }
}
