package dev.javano.symbolic.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.javano.DType;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Graphs the printer tests share, and their golden files. */
final class PrinterFixtures {

    private PrinterFixtures() {}

    static TensorType f32(String shape) {
        return TensorType.of(DType.FLOAT32, Shape.parse(shape));
    }

    /**
     * An MLP classifier: {@code probs = softmax(logits)} and {@code cost = mean(crossentropy(logits, y))}
     * with {@code logits = tanh(x·w1 + b1)·w2 + b2} shared by both outputs. The mean is spelled
     * out with primitives so the fixture does not follow changes to the composites.
     */
    static Map<String, Node> mlp(GraphBuilder b) {
        Node x = b.input("x", f32("batch, 784"));
        Node y = b.input("y", TensorType.of(DType.INT32, Shape.parse("batch")));
        Node w1 = b.shared("w1", f32("784, hidden"));
        Node h = b.unary(Unary.Fn.TANH, b.add(b.dot(x, w1), b.shared("b1", f32("hidden"))));
        Node logits = b.add(b.dot(h, b.shared("w2", f32("hidden, 10"))), b.shared("b2", f32("10")));
        Node cost = b.div(b.sumAll(b.softmaxCrossentropy(logits, y)), b.dimSize(Dim.of("batch"), DType.FLOAT32));
        return outputs(b, cost, b.softmax(logits, -1));
    }

    /** {@link #mlp} again, with leaves and ops created in another order after unrelated nodes. */
    static Map<String, Node> mlpCreatedOtherwise(GraphBuilder b) {
        b.exp(b.input("unrelated", f32("3")));
        Node batch = b.dimSize(Dim.of("batch"), DType.FLOAT32);
        Node b2 = b.shared("b2", f32("10"));
        Node w2 = b.shared("w2", f32("hidden, 10"));
        Node y = b.input("y", TensorType.of(DType.INT32, Shape.parse("batch")));
        Node b1 = b.shared("b1", f32("hidden"));
        Node w1 = b.shared("w1", f32("784, hidden"));
        Node x = b.input("x", f32("batch, 784"));
        Node logits = b.add(b.dot(b.unary(Unary.Fn.TANH, b.add(b.dot(x, w1), b1)), w2), b2);
        Node probs = b.softmax(logits, 1);
        Node cost = b.div(b.sumAll(b.softmaxCrossentropy(logits, y)), batch);
        return outputs(b, cost, probs);
    }

    private static Map<String, Node> outputs(GraphBuilder b, Node cost, Node probs) {
        assertEquals(List.of(), b.problems(), "the fixture must type-check");
        Map<String, Node> outputs = new LinkedHashMap<>();
        outputs.put("cost", cost);
        outputs.put("probs", probs);
        return outputs;
    }

    /** {@code t*t - t*0.5} with {@code t = exp(x)}: {@code t} is used three times. */
    static Node reuse(GraphBuilder b) {
        Node t = b.exp(b.input("x", f32("n")));
        Node root = b.sub(b.mul(t, t), b.mul(t, 0.5));
        assertEquals(List.of(), b.problems(), "the fixture must type-check");
        return root;
    }

    /** {@code exp} applied {@code depth} times to an input. */
    static Node chain(GraphBuilder b, int depth) {
        Node n = b.input("x", f32("n"));
        for (int i = 0; i < depth; i++) n = b.exp(n);
        return n;
    }

    /** The golden file {@code golden/name} from the test resources, with Unix line ends. */
    static String golden(String name) {
        try (InputStream in = PrinterFixtures.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "missing golden file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
