package dev.javano.symbolic.ir;

import static dev.javano.symbolic.TestGraphs.assertClose;
import static dev.javano.symbolic.TestGraphs.assertValues;
import static dev.javano.symbolic.TestGraphs.eval;
import static dev.javano.symbolic.TestGraphs.f64;
import static dev.javano.symbolic.TestGraphs.values;
import static dev.javano.symbolic.TestGraphs.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import dev.javano.symbolic.autodiff.Autodiff;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IR's invariants: hash-consing, the verifier, and walks that survive deep graphs. */
class IrTest {

    private final GraphBuilder b = new GraphBuilder();

    // ---- hash-consing

    @Test
    void sameStructureIsTheSameNode() {
        Node x = f64(b, "x", "3, 4");
        Node y = f64(b, "y", "4");
        assertSame(x, f64(b, "x", "3, 4"));
        assertSame(b.add(x, y), b.add(x, y));
        assertSame(b.exp(x), b.apply(new Unary(Unary.Fn.EXP), x));
        assertSame(b.sum(x, new int[] {1}, false), b.sum(x, new int[] {-1}, false), "axes are normalized");
        assertSame(b.constant(NdArray.filled(2, 2, 2), DType.FLOAT64), b.constant(NdArray.filled(2, 2, 2), DType.FLOAT64));
        assertNotSame(b.add(x, y), b.add(y, x));
        assertNotSame(b.constant(1, DType.FLOAT64), b.constant(1, DType.FLOAT32));
        assertNotSame(x, f64(new GraphBuilder(), "x", "3, 4"), "each builder interns its own nodes");
    }

    /** The same subexpression written twice is one node: common subexpressions are shared for free. */
    @Test
    void commonSubexpressionsAreShared() {
        Node x = f64(b, "x", "batch, 4");
        Node w = f64(b, "w", "4, 3");
        Node first = hidden(x, w);
        Node second = hidden(x, w);
        assertSame(first, second);
        Node sum = b.add(first, second);
        assertSame(sum.input(0), sum.input(1));
        // x, w, dot, tanh, add
        assertEquals(5, Graphs.topologicalOrder(List.of(sum)).size());
    }

    private Node hidden(Node x, Node w) {
        return b.unary(Unary.Fn.TANH, b.dot(x, w));
    }

    // ---- the verifier

    @Test
    void verifierPassesOnBuiltGraphsAndTheirGradients() {
        Node x = f64(b, "x", "batch, 4");
        Node y = b.input("y", TensorType.of(DType.INT32, Shape.parse("batch")));
        Node w = f64(b, "w", "4, 3");
        Node p = b.softmax(b.add(b.dot(x, w), f64(b, "bias", "3")), -1);
        Node loss = Composites.meanAll(b, Composites.crossentropy(b, p, y));
        List<Node> roots = new ArrayList<>(Autodiff.grad(b, loss, List.of(w)).orElseThrow().grads());
        roots.add(loss);
        roots.add(Composites.clip(b, Composites.stack(b, 0, List.of(x, x)), -1, 1));
        assertEquals(List.of(), Verifier.violations(b, roots));
    }

    @Test
    void verifierReportsAHandMadeNodeOfTheWrongType() {
        Node x = f64(b, "x", "3");
        Node wrong = new Node(999, new Unary(Unary.Fn.EXP), List.of(x), TensorType.of(DType.FLOAT64, Shape.of(7)));
        List<String> violations = Verifier.violations(b, List.of(b.neg(x), wrong));
        assertEquals(List.of(
                "%999 = exp : float64[7]: type should be float64[3]",
                "%999 = exp : float64[7]: not the interned node for its structure"), violations);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Verifier.verify(b, List.of(wrong)));
        assertTrue(e.getMessage().contains("type should be float64[3]"), e.getMessage());
    }

    @Test
    void verifierReportsADuplicateAndAFailingTypeRule() {
        Node x = f64(b, "x", "3");
        Node y = f64(b, "y", "4");
        Node duplicate = new Node(500, new Unary(Unary.Fn.EXP), List.of(x), x.type());
        b.exp(x);
        Node unsound = new Node(501, new Binary(Binary.Fn.ADD), List.of(x, y), x.type());
        assertEquals(List.of("%500 = exp : float64[3]: not the interned node for its structure"),
                Verifier.violations(b, List.of(duplicate)));
        assertEquals(List.of(
                "%501 = add : float64[3]: type rule fails: cannot add [3] and [4]: dims 3 and 4 differ",
                "%501 = add : float64[3]: not the interned node for its structure"),
                Verifier.violations(b, List.of(unsound)));
    }

    @Test
    void verifierRejectsPoison() {
        Node bad = b.add(f64(b, "x", "3"), f64(b, "y", "4"));
        List<String> violations = Verifier.violations(b, List.of(bad));
        assertEquals(1, violations.size());
        assertTrue(violations.get(0).endsWith(": poison (an op whose problem was reported)"), violations::toString);
    }

    // ---- deep graphs

    static final int DEPTH = 100_000;

    @Test
    void topologicalOrderOfADeepChain() {
        Node x = f64(b, "x", "2");
        Node n = x;
        for (int i = 0; i < DEPTH; i++) n = i % 2 == 0 ? b.neg(n) : b.add(n, 1);
        List<Node> order = Graphs.topologicalOrder(List.of(n));
        assertEquals(DEPTH + 2, order.size(), "x, the constant 1 and one node per step");
        assertSame(n, order.get(order.size() - 1));
        assertInputsComeFirst(order);
        // −x + 1 repeated: after an even number of steps x comes back as x
        assertValues(vector(3, -4), eval(n, values("x", vector(3, -4))));
    }

    @Test
    void gradientOfADeepChain() {
        Node x = f64(b, "x", "2");
        Node n = x;
        for (int i = 0; i < DEPTH / 10; i++) n = b.mul(b.neg(n), 1.0001);
        Node g = Autodiff.grad(b, b.sumAll(n), List.of(x)).orElseThrow().grads().get(0);
        Verifier.verify(b, List.of(g));
        double expected = Math.pow(1.0001, DEPTH / 10);
        assertClose(vector(expected, expected), eval(g, values("x", vector(3, -4))), 1e-9, 0, "d sum / d x");
    }

    @Test
    void topologicalOrderListsSharedNodesOnce() {
        Node x = f64(b, "x", "2");
        Node top = x;
        for (int i = 0; i < 50; i++) top = b.add(b.exp(top), b.neg(top));
        List<Node> order = Graphs.topologicalOrder(List.of(top, x, b.exp(top)));
        // x, then three nodes per diamond, then the extra root exp(top)
        assertEquals(1 + 3 * 50 + 1, order.size());
        assertInputsComeFirst(order);
    }

    private static void assertInputsComeFirst(List<Node> order) {
        Map<Node, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Node n = order.get(i);
            for (Node in : n.inputs()) {
                Integer p = position.get(in);
                assertTrue(p != null && p < i, () -> n + " comes before its input " + in);
            }
            assertEquals(null, position.put(n, i), () -> n + " listed twice");
        }
    }
}
