package dev.javano.processor.translate;

import dev.javano.DType;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import java.util.Arrays;
import java.util.List;

/**
 * What a Java expression in a model method stands for at compile time: a tensor (a graph node),
 * a number or boolean known now, a list of tensors, an int array (axes), a string (a shape), a
 * dtype, or nothing ({@code void}).
 */
public sealed interface Value {

    /** How the value is named in messages: "a tensor", "the number 3". */
    String describe();

    record TensorValue(Node node) implements Value {
        public String describe() {
            if (node.op() instanceof dev.javano.symbolic.ops.Variable v
                    && v.kind() == dev.javano.symbolic.ops.Variable.Kind.HYPER) {
                return "the @Hyper field " + v.field();
            }
            return "a tensor " + node.type();
        }

        /**
         * A scalar known only at run time but not data ({@code @Hyper} fields, numbers, and
         * arithmetic on them, as {@code -lr} or {@code lr * lr}): usable as a double argument.
         */
        public boolean isRuntimeScalar() {
            if (GraphBuilder.isWeak(node)) return true;
            if (node.rank() != 0) return false;
            return dev.javano.symbolic.ir.Graphs.topologicalOrder(java.util.List.of(node)).stream()
                    .noneMatch(n -> n.op() instanceof dev.javano.symbolic.ops.Variable v
                            && v.kind() != dev.javano.symbolic.ops.Variable.Kind.HYPER);
        }
    }

    record Num(double value, boolean integral) implements Value {
        public String describe() {
            return integral ? "the int " + (long) value : "the number " + value;
        }

        public static Num of(double v, boolean integral) {
            return new Num(v, integral);
        }
    }

    record Bool(boolean value) implements Value {
        public String describe() {
            return "the boolean " + value;
        }
    }

    record Tensors(List<Node> nodes) implements Value {
        public Tensors {
            nodes = List.copyOf(nodes);
        }

        public String describe() {
            return "a list of " + nodes.size() + " tensors";
        }
    }

    record Ints(int[] values) implements Value {
        public String describe() {
            return "the ints " + Arrays.toString(values);
        }
    }

    record Doubles(double[][] rows, boolean matrix) implements Value {
        public String describe() {
            return matrix ? "a double[][]" : "a double[]";
        }
    }

    record Str(String value) implements Value {
        public String describe() {
            return "the string \"" + value + "\"";
        }
    }

    record DTypeValue(DType dtype) implements Value {
        public String describe() {
            return "DType." + dtype;
        }
    }

    /**
     * A loop being configured, {@code scan(this::step).sequences(x).states(h0)}, until
     * {@code output()} or {@code last()} builds it; {@code given} names the configuration calls
     * made, {@code sites} where.
     */
    record ScanCall(javax.lang.model.element.ExecutableElement step, com.sun.source.tree.Tree site,
                    List<Node> sequences, List<Node> states, List<Node> nonSequences, int steps, boolean backwards,
                    java.util.Map<String, com.sun.source.tree.Tree> given) implements Value {
        public ScanCall {
            sequences = List.copyOf(sequences);
            states = List.copyOf(states);
            nonSequences = List.copyOf(nonSequences);
            given = java.util.Map.copyOf(given);
        }

        public String describe() {
            return "a scan over " + step.getSimpleName() + " (a ScanBuilder)";
        }
    }

    /** The result of a void call ({@code update}, an optimizer). */
    record Void() implements Value {
        public String describe() {
            return "nothing (void)";
        }
    }
}
