package dev.javano.symbolic.rewrite.rules;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Binary;

/** Reads a node as {@code k · base} with a scalar {@code k}, looking through products with scalars. */
final class Scaled {

    private Scaled() {}

    /** {@code {k, base}}: {@code k} is the product of the scalar factors (1 when there are none). */
    static Node[] split(GraphBuilder b, Node n) {
        if (n.rank() > 0 && n.op() instanceof Binary bin && bin.fn() == Binary.Fn.MUL) {
            Node x = n.input(0);
            Node y = n.input(1);
            if (x.rank() == 0 && y.shape().equals(n.shape())) return scaleBy(b, x, split(b, y));
            if (y.rank() == 0 && x.shape().equals(n.shape())) return scaleBy(b, y, split(b, x));
        }
        return new Node[] {b.constant(1, n.dtype()), n};
    }

    private static Node[] scaleBy(GraphBuilder b, Node k, Node[] inner) {
        return new Node[] {b.mul(k, inner[0]), inner[1]};
    }
}
