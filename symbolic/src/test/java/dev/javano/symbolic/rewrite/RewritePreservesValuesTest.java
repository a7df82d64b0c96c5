package dev.javano.symbolic.rewrite;

import static dev.javano.symbolic.rewrite.RewriteSupport.constant;
import static dev.javano.symbolic.rewrite.RewriteSupport.f32;
import static dev.javano.symbolic.rewrite.RewriteSupport.f64;
import static dev.javano.symbolic.rewrite.RewriteSupport.firings;
import static dev.javano.symbolic.rewrite.RewriteSupport.i32;
import static dev.javano.symbolic.rewrite.RewriteSupport.rewrite;
import static dev.javano.symbolic.rewrite.RewriteSupport.sexp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.javano.DType;
import dev.javano.symbolic.autodiff.Autodiff;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.rewrite.rules.RuleTables;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The front end's rewrites keep the values: each graph is evaluated with the reference
 * evaluator before and after {@link RuleTables#FRONT_END} on several random draws. Then the
 * reason for the stabilize phase: with extreme inputs the written forms overflow to ∞ or NaN
 * while the rewritten ones stay finite and correct.
 */
class RewritePreservesValuesTest {

    private static final int DRAWS = 5;
    private static final double RELATIVE = 1e-9;

    /** A graph, rules its rewrite must use (so that no case is vacuous; others may fire too), its random inputs. */
    record Case(String name, GraphBuilder b, List<Node> roots, Set<String> rules,
            Function<Random, Map<String, NdArray>> draw) {

        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rewritingKeepsTheValues(Case c) {
        Rewriter.Rewritten r = rewrite(c.b(), c.roots(), RuleTables.FRONT_END);
        Set<String> fired = new TreeSet<>();
        r.log().forEach(f -> fired.add(f.rule()));
        assertTrue(fired.containsAll(c.rules()), "the case is about " + c.rules() + " but only " + fired + " fired");
        for (int draw = 0; draw < DRAWS; draw++) {
            Map<String, NdArray> in = c.draw().apply(new Random(31L * c.name().hashCode() + draw));
            List<NdArray> before = ReferenceEvaluator.evaluate(c.roots(), in, Map.of());
            List<NdArray> after = ReferenceEvaluator.evaluate(r.roots(), in, Map.of());
            for (int i = 0; i < before.size(); i++) {
                String what = c.name() + ", root " + i + ", draw " + draw;
                assertTrue(Arrays.stream(before.get(i).data()).allMatch(Double::isFinite), what + ": finite inputs");
                assertClose(before.get(i), after.get(i), what);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSecondRunFindsNothingToDo(Case c) {
        Rewriter.Rewritten once = rewrite(c.b(), c.roots(), RuleTables.FRONT_END);
        Rewriter.Rewritten twice = rewrite(c.b(), once.roots(), RuleTables.FRONT_END);
        assertEquals(List.of(), firings(twice));
        assertEquals(once.roots(), twice.roots());
    }

    static Stream<Case> cases() {
        return Stream.of(mlp(), binaryCrossentropyOfSigmoid(), logOfOnePlus(), transposes(), reshapes(),
                constantsAndIdentities(), softmaxForms(), sigmoidForms());
    }

    /** tanh hidden layer, softmax crossentropy, L2 on both weights; the cost, the probabilities, the gradients. */
    private static Case mlp() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("batch, 4"));
        Node y = b.input("y", i32("batch"));
        Node w1 = b.shared("w1", f32("4, 5"));
        Node b1 = b.shared("b1", f32("5"));
        Node w2 = b.shared("w2", f32("5, 3"));
        Node b2 = b.shared("b2", f32("3"));
        Node decay = b.hyper("decay", DType.FLOAT32);
        Node h = b.unary(Unary.Fn.TANH, b.add(b.dot(x, w1), b1));
        Node logits = b.add(b.dot(h, w2), b2);
        Node probs = b.softmax(logits, -1);
        Node data = Composites.meanAll(b, Composites.crossentropy(b, probs, y));
        Node l2 = b.add(sumOfSquares(b, w1), sumOfSquares(b, w2));
        Node cost = b.add(data, b.mul(decay, l2));
        List<Node> roots = new ArrayList<>(List.of(cost, probs));
        roots.addAll(grads(b, cost, w1, b1, w2, b2));
        return new Case("mlp with L2 and gradients", b, roots,
                Set.of("log-of-picked-softmax", "softmax-crossentropy"), rnd -> {
                    int batch = 2 + rnd.nextInt(4);
                    return Map.of("x", gaussian(rnd, 1, batch, 4), "y", labels(rnd, 3, batch),
                            "w1", gaussian(rnd, 0.5, 4, 5), "b1", gaussian(rnd, 0.1, 5),
                            "w2", gaussian(rnd, 0.5, 5, 3), "b2", gaussian(rnd, 0.1, 3),
                            "decay", NdArray.scalar(0.1 * rnd.nextDouble()));
                });
    }

    private static Case binaryCrossentropyOfSigmoid() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f64("6"));
        Node t = b.input("t", f64("6"));
        Node losses = Composites.binaryCrossentropy(b, b.sigmoid(z), t);
        Node cost = b.sumAll(losses);
        List<Node> roots = new ArrayList<>(List.of(losses, cost));
        roots.addAll(grads(b, cost, z));
        return new Case("binary crossentropy of a sigmoid", b, roots,
                Set.of("log-sigmoid", "log-one-minus-sigmoid"),
                rnd -> Map.of("z", gaussian(rnd, 3, 6), "t", uniform(rnd, 0, 1, 6)));
    }

    private static Case logOfOnePlus() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("5"));
        Node one = b.constant(1, DType.FLOAT32);
        Node left = b.log(b.add(one, x));
        Node right = b.log(b.add(x, b.fill(1, DType.FLOAT32, Shape.of(5))));
        List<Node> roots = new ArrayList<>(List.of(left, right));
        roots.addAll(grads(b, b.sumAll(b.mul(left, right)), x));
        return new Case("log(1 + x)", b, roots, Set.of("log1p"), rnd -> Map.of("x", uniform(rnd, -0.9, 3, 5)));
    }

    private static Case transposes() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("2, 3, 4"));
        Node m = b.input("m", f32("3, 3"));
        Node v = b.input("v", f32("3"));
        Node cycled = b.transpose(b.transpose(x, 1, 2, 0), 1, 2, 0);
        Node product = b.dot(b.transpose(b.transpose(m)), v);
        Node identity = b.transpose(x, 0, 1, 2);
        Node cost = b.add(b.sumAll(b.mul(cycled, b.exp(cycled))), b.sumAll(b.mul(product, product)));
        List<Node> roots = new ArrayList<>(List.of(cycled, product, identity, cost));
        roots.addAll(grads(b, cost, x, m, v));
        return new Case("transposes", b, roots, Set.of("transpose-transpose", "identity-transpose"),
                rnd -> Map.of("x", gaussian(rnd, 1, 2, 3, 4), "m", gaussian(rnd, 1, 3, 3), "v", gaussian(rnd, 1, 3)));
    }

    private static Case reshapes() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("2, 3, 4"));
        Node regrouped = b.reshape(b.reshape(x, Shape.of(6, 4)), Shape.of(4, 6));
        Node roundTrip = b.reshape(b.reshape(x, Shape.of(24)), Shape.of(2, 3, 4));
        Node cost = b.add(b.sumAll(b.mul(regrouped, b.unary(Unary.Fn.TANH, regrouped))), b.sumAll(b.exp(roundTrip)));
        List<Node> roots = new ArrayList<>(List.of(regrouped, roundTrip, cost));
        roots.addAll(grads(b, cost, x));
        return new Case("reshapes", b, roots, Set.of("reshape-reshape"),
                rnd -> Map.of("x", gaussian(rnd, 1, 2, 3, 4)));
    }

    private static Case constantsAndIdentities() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node y = b.input("y", f32("3"));
        Node two = b.constant(2, DType.FLOAT32);
        Node five = b.add(two, b.constant(3, DType.FLOAT32));
        Node vector = b.neg(constant(b, DType.FLOAT32, new int[] {3}, 1, 2, 3));
        Node e1 = b.add(b.mul(x, five), b.pow(x, two));
        Node e2 = b.sub(b.neg(b.neg(y)), b.neg(x));
        Node e3 = b.add(b.sub(b.div(b.mul(x, 1), b.constant(1, DType.FLOAT32)), b.zerosLike(x)), 0);
        Node e4 = b.add(b.log(b.exp(x)), b.mul(vector, b.mul(b.constant(0.5, DType.FLOAT32), two)));
        Node cost = b.sumAll(b.add(b.mul(e1, e2), b.mul(e3, e4)));
        List<Node> roots = new ArrayList<>(List.of(e1, e2, e3, e4, cost));
        roots.addAll(grads(b, cost, x, y));
        return new Case("constants and identities", b, roots,
                Set.of("constant-fold", "square-power", "double-negation", "subtract-negation", "multiply-one",
                        "divide-one", "subtract-zero", "log-exp", "add-zero"),
                rnd -> Map.of("x", gaussian(rnd, 2, 3), "y", gaussian(rnd, 2, 3)));
    }

    private static Case softmaxForms() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f64("3, 4"));
        Node y = b.input("y", i32("3"));
        Node overRows = b.log(b.softmax(z, 0));
        Node ce = Composites.crossentropy(b, b.softmax(z, -1), y);
        Node nonNegative = b.exp(b.log(b.square(z)));
        Node cost = b.add(b.add(b.sumAll(b.mul(overRows, z)), b.sumAll(ce)), b.sumAll(nonNegative));
        List<Node> roots = new ArrayList<>(List.of(overRows, ce, nonNegative, cost));
        roots.addAll(grads(b, cost, z));
        return new Case("softmax forms", b, roots,
                Set.of("log-softmax", "log-of-picked-softmax", "softmax-crossentropy", "exp-log-of-nonnegative"),
                rnd -> Map.of("z", gaussian(rnd, 2, 3, 4), "y", labels(rnd, 4, 3)));
    }

    private static Case sigmoidForms() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("6"));
        Node logP = b.log(b.sigmoid(x));
        Node logQ = b.log(b.rsub(1, b.sigmoid(x)));
        List<Node> roots = new ArrayList<>(List.of(logP, logQ));
        roots.addAll(grads(b, b.sumAll(b.mul(logP, logQ)), x));
        return new Case("log of sigmoid forms", b, roots, Set.of("log-sigmoid", "log-one-minus-sigmoid"),
                rnd -> Map.of("x", gaussian(rnd, 4, 6)));
    }

    // ---- extreme inputs: why the stabilize phase exists

    @Test
    void crossentropyOfASoftmaxStaysFiniteForExtremeLogits() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f64("2, 3"));
        Node y = b.input("y", i32("2"));
        Node ce = Composites.crossentropy(b, b.softmax(z, -1), y);
        Map<String, NdArray> in = Map.of("z", array(new int[] {2, 3}, 1000, -1000, 0, -1000, 1000, 0),
                "y", array(new int[] {2}, 1, 0));
        NdArray before = eval(ce, in);
        Node stable = rewrite(b, List.of(ce), RuleTables.FRONT_END).roots().get(0);
        NdArray after = eval(stable, in);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, before.data(),
                "the softmax underflows to 0 and its log to -∞");
        assertArrayEquals(new double[] {2000, 2000}, after.data(), 1e-9);
    }

    @Test
    void logOfASigmoidStaysFiniteForExtremeInputs() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f64("3"));
        Node logP = b.log(b.sigmoid(x));
        Node logQ = b.log(b.rsub(1, b.sigmoid(x)));
        Map<String, NdArray> in = Map.of("x", array(new int[] {3}, -1000, 1000, 0));
        List<Node> stable = rewrite(b, List.of(logP, logQ), RuleTables.FRONT_END).roots();

        double log2 = Math.log(2);
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, 0, -log2}, eval(logP, in).data(), 1e-12);
        assertArrayEquals(new double[] {-1000, 0, -log2}, eval(stable.get(0), in).data(), 1e-12);
        assertArrayEquals(new double[] {0, Double.NEGATIVE_INFINITY, -log2}, eval(logQ, in).data(), 1e-12);
        assertArrayEquals(new double[] {0, -1000, -log2}, eval(stable.get(1), in).data(), 1e-12);
    }

    @Test
    void binaryCrossentropyOfASigmoidStaysFiniteForExtremeInputs() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f64("3"));
        Node t = b.input("t", f64("3"));
        Node losses = Composites.binaryCrossentropy(b, b.sigmoid(z), t);
        Map<String, NdArray> in = Map.of("z", array(new int[] {3}, 1000, -1000, 1000),
                "t", array(new int[] {3}, 0, 1, 1));
        NdArray before = eval(losses, in);
        assertEquals(Double.POSITIVE_INFINITY, before.get(0));
        assertEquals(Double.POSITIVE_INFINITY, before.get(1));
        assertTrue(Double.isNaN(before.get(2)), "0·log 0 is NaN");
        Node stable = rewrite(b, List.of(losses), RuleTables.FRONT_END).roots().get(0);
        assertArrayEquals(new double[] {1000, 1000, 0}, eval(stable, in).data(), 1e-12);
    }

    @Test
    void logOfOnePlusATinyNumberKeepsItsPrecision() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f64("2"));
        Node log = b.log(b.add(x, 1));
        Map<String, NdArray> in = Map.of("x", array(new int[] {2}, 1e-20, 1e-10));
        assertEquals(0, eval(log, in).get(0), "1 + 1e-20 rounds to 1");
        Node stable = rewrite(b, List.of(log), RuleTables.FRONT_END).roots().get(0);
        NdArray after = eval(stable, in);
        assertEquals(1e-20, after.get(0), 1e-36);
        assertEquals(Math.log1p(1e-10), after.get(1), 0);
    }

    /**
     * The front end stabilizes the cost before differentiating it, so the gradient is the fused
     * op's {@code softmax − onehot}. Differentiating the written cost first goes through
     * {@code 1 / softmax[label]}, which is ∞ when the softmax underflows, and rewriting that
     * gradient afterwards does not help.
     */
    @Test
    void theGradientOfTheStabilizedCostIsFiniteForExtremeLogits() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.shared("z", f64("2, 3"));
        Node y = b.input("y", i32("2"));
        Node cost = b.sumAll(Composites.crossentropy(b, b.softmax(z, -1), y));
        Map<String, NdArray> in = Map.of("z", array(new int[] {2, 3}, 1000, -1000, 0, -1000, 1000, 0),
                "y", array(new int[] {2}, 1, 0));

        Node stable = rewrite(b, List.of(cost), RuleTables.FRONT_END).roots().get(0);
        assertEquals("(sum{axes=[0]} (softmaxCrossentropy (shared z) (input y)))", sexp(stable));
        Node grad = rewrite(b, grads(b, stable, z), RuleTables.FRONT_END).roots().get(0);
        assertArrayEquals(new double[] {1, -1, 0, -1, 1, 0}, eval(grad, in).data(), 1e-12, "softmax − onehot");

        Node tooLate = rewrite(b, grads(b, cost, z), RuleTables.FRONT_END).roots().get(0);
        assertTrue(Arrays.stream(eval(tooLate, in).data()).anyMatch(Double::isNaN),
                "differentiating before stabilizing: " + eval(tooLate, in));
    }

    /** The same through an MLP whose weights push the logits to ±1000: and at ordinary values both gradients agree. */
    @Test
    void theGradientOfTheStabilizedMlpCostIsFiniteAndAgreesWhereBothAre() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f64("batch, 2"));
        Node y = b.input("y", i32("batch"));
        Node w = b.shared("w", f64("2, 3"));
        Node bias = b.shared("b", f64("3"));
        Node logits = b.add(b.dot(x, w), bias);
        Node cost = Composites.meanAll(b, Composites.crossentropy(b, b.softmax(logits, -1), y));
        Node stable = rewrite(b, List.of(cost), RuleTables.FRONT_END).roots().get(0);
        List<Node> stableGrads = rewrite(b, grads(b, stable, w, bias), RuleTables.FRONT_END).roots();
        List<Node> writtenGrads = rewrite(b, grads(b, cost, w, bias), RuleTables.FRONT_END).roots();

        Map<String, NdArray> extreme = Map.of("x", array(new int[] {2, 2}, 1, 0, 0, 1),
                "w", array(new int[] {2, 3}, 1000, -1000, 0, -1000, 1000, 0), "b", array(new int[] {3}, 0, 0, 0),
                "y", array(new int[] {2}, 1, 0));
        for (NdArray g : ReferenceEvaluator.evaluate(stableGrads, extreme, Map.of())) {
            assertTrue(Arrays.stream(g.data()).allMatch(Double::isFinite), "stabilized, then differentiated: " + g);
        }
        assertTrue(ReferenceEvaluator.evaluate(writtenGrads, extreme, Map.of()).stream()
                .anyMatch(g -> Arrays.stream(g.data()).anyMatch(v -> !Double.isFinite(v))));

        for (int draw = 0; draw < DRAWS; draw++) {
            Random rnd = new Random(7 + draw);
            Map<String, NdArray> ordinary = Map.of("x", gaussian(rnd, 1, 4, 2), "w", gaussian(rnd, 1, 2, 3),
                    "b", gaussian(rnd, 1, 3), "y", labels(rnd, 3, 4));
            List<NdArray> fused = ReferenceEvaluator.evaluate(stableGrads, ordinary, Map.of());
            List<NdArray> written = ReferenceEvaluator.evaluate(writtenGrads, ordinary, Map.of());
            for (int i = 0; i < fused.size(); i++) assertClose(written.get(i), fused.get(i), "gradient " + i);
        }
    }

    // ---- helpers

    private static Node sumOfSquares(GraphBuilder b, Node w) {
        return Composites.reduce(b, Reduce.Kind.SUM, b.square(w), new int[0], false);
    }

    private static List<Node> grads(GraphBuilder b, Node cost, Node... wrt) {
        return Autodiff.grad(b, cost, List.of(wrt)).orElseThrow().grads();
    }

    private static NdArray eval(Node n, Map<String, NdArray> in) {
        return ReferenceEvaluator.evaluate(n, in, Map.of());
    }

    private static NdArray array(int[] shape, double... values) {
        return new NdArray(shape, values);
    }

    private static NdArray gaussian(Random rnd, double scale, int... shape) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) d[i] = scale * rnd.nextGaussian();
        return new NdArray(shape, d);
    }

    private static NdArray uniform(Random rnd, double lo, double hi, int... shape) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * rnd.nextDouble();
        return new NdArray(shape, d);
    }

    private static NdArray labels(Random rnd, int classes, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = rnd.nextInt(classes);
        return new NdArray(new int[] {n}, d);
    }

    /** Same shape; each element equal within {@link #RELATIVE} of the larger magnitude (non-finite ones exactly). */
    private static void assertClose(NdArray expected, NdArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            double a = actual.get(i);
            boolean ok = Double.isFinite(e) && Double.isFinite(a)
                    ? Math.abs(e - a) <= RELATIVE * Math.max(Math.abs(e), Math.abs(a))
                    : Double.compare(e, a) == 0;
            if (!ok) fail(what + ": element " + i + " was " + e + " before and " + a + " after rewriting");
        }
    }
}
