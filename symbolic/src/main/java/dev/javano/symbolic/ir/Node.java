package dev.javano.symbolic.ir;

import dev.javano.DType;
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/**
 * An immutable, hash-consed graph node: an op applied to input nodes, with its static type.
 * Nodes are made only by a {@link dev.javano.symbolic.build.GraphBuilder}, which returns the
 * existing node for a structurally equal one, so identity is structural equality and common
 * subexpressions are shared for free.
 */
public final class Node {

    private final int id;
    private final Op op;
    private final List<Node> inputs;
    private final TensorType type;

    /** For {@link dev.javano.symbolic.build.GraphBuilder} only. */
    public Node(int id, Op op, List<Node> inputs, TensorType type) {
        this.id = id;
        this.op = op;
        this.inputs = List.copyOf(inputs);
        this.type = type;
    }

    /** Creation order within its builder: stable, used for printing. */
    public int id() {
        return id;
    }

    public Op op() {
        return op;
    }

    public List<Node> inputs() {
        return inputs;
    }

    public Node input(int i) {
        return inputs.get(i);
    }

    public TensorType type() {
        return type;
    }

    public DType dtype() {
        return type.dtype();
    }

    public Shape shape() {
        return type.shape();
    }

    public int rank() {
        return type.rank();
    }

    @Override
    public String toString() {
        return "%" + id + " = " + op.name() + " : " + type;
    }
}
