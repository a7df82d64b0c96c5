package dev.javano.symbolic.ops;

import static dev.javano.symbolic.TestGraphs.assertClose;
import static dev.javano.symbolic.TestGraphs.f64;
import static dev.javano.symbolic.TestGraphs.random;
import static dev.javano.symbolic.TestGraphs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.javano.symbolic.Loops;
import dev.javano.symbolic.TestGraphs.Domain;
import dev.javano.symbolic.autodiff.Autodiff;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Verifier;
import dev.javano.symbolic.rewrite.Rewriter;
import dev.javano.symbolic.rewrite.rules.RuleTables;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a loop computes (the reference semantics) and what its gradient graph looks like. */
class ScanTest {

    private static final Map<String, Integer> DIMS = Map.of("batch", 2);
    private final GraphBuilder b = new GraphBuilder();
    private final Random random = new Random(7);

    private Node[] elmanInputs() {
        return new Node[] {f64(b, "xs", "4, batch, 3"), f64(b, "h0", "batch, 2"), f64(b, "wx", "3, 2"), f64(b, "wh", "2, 2")};
    }

    private Map<String, NdArray> elmanValues() {
        return values("xs", random(random, new int[] {4, 2, 3}, Domain.UNIFORM), "h0", random(random, new int[] {2, 2}, Domain.UNIFORM),
                "wx", random(random, new int[] {3, 2}, Domain.UNIFORM), "wh", random(random, new int[] {2, 2}, Domain.UNIFORM));
    }

    /** h_t = tanh(x_t·wx + h_{t-1}·wh) by hand, over time indices in the given order; row t of the result is h after x_t. */
    private static double[][][] elmanByHand(Map<String, NdArray> v, boolean backwards) {
        double[][][] out = new double[4][2][2];
        double[][] h = {{v.get("h0").get(0), v.get("h0").get(1)}, {v.get("h0").get(2), v.get("h0").get(3)}};
        for (int s = 0; s < 4; s++) {
            int t = backwards ? 3 - s : s;
            double[][] next = new double[2][2];
            for (int r = 0; r < 2; r++) {
                for (int j = 0; j < 2; j++) {
                    double acc = 0;
                    for (int k = 0; k < 3; k++) acc += v.get("xs").get(t * 6 + r * 3 + k) * v.get("wx").get(k * 2 + j);
                    for (int k = 0; k < 2; k++) acc += h[r][k] * v.get("wh").get(k * 2 + j);
                    next[r][j] = Math.tanh(acc);
                }
            }
            h = next;
            out[t] = next;
        }
        return out;
    }

    @Test
    void stackedStatesAreIndexedByTimeIndexBothWays() {
        for (boolean backwards : new boolean[] {false, true}) {
            Node[] in = elmanInputs();
            Map<String, NdArray> v = elmanValues();
            NdArray stacked = ReferenceEvaluator.evaluate(Loops.elman(b, in, backwards, false), v, DIMS);
            double[][][] expected = elmanByHand(v, backwards);
            assertEquals(List.of(4, 2, 2), java.util.Arrays.stream(stacked.shape()).boxed().toList());
            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < 4; i++) assertEquals(expected[t][i / 2][i % 2], stacked.get(t * 4 + i), 1e-12);
            }
            NdArray last = ReferenceEvaluator.evaluate(Loops.elman(b, in, backwards, true), v, DIMS);
            int finalIndex = backwards ? 0 : 3;
            for (int i = 0; i < 4; i++) assertEquals(expected[finalIndex][i / 2][i % 2], last.get(i), 1e-12);
        }
    }

    @Test
    void stepsWithoutSequencesGivePowers() {
        Node a = f64(b, "a", "batch, 3");
        NdArray value = random(random, new int[] {2, 3}, Domain.UNIFORM);
        NdArray powers = ReferenceEvaluator.evaluate(Loops.powers(b, new Node[] {a}), values("a", value), DIMS);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 6; i++) assertEquals(Math.pow(value.get(i), k + 1), powers.get(k * 6 + i), 1e-12);
        }
    }

    @Test
    void theGradientIsOneReverseLoopReadingTheForwardLoopsStackedValues() {
        Node[] in = elmanInputs();
        Node cost = b.sumAll(Loops.elman(b, in, false, true));
        List<Node> grads = Autodiff.grad(b, cost, List.of(in[0], in[1], in[2], in[3])).orElseThrow().grads();
        Verifier.verify(b, grads);
        List<Scan> reverse = Graphs.topologicalOrder(grads).stream()
                .filter(n -> n.op() instanceof Scan s && s.loop().backwards())
                .map(n -> (Scan) n.op()).toList();
        assertEquals(1, reverse.stream().map(Scan::loop).distinct().count(), "one reverse loop for all four gradients");
        Loop loop = reverse.get(0).loop();
        assertEquals("elman'", loop.tag());
        // carries dh; sums of dwx and dwh (the captures); the stacked values it reads: x_t, h_{t-1} and h_t
        assertEquals(1 + 2, loop.states().size());
        assertEquals(3, loop.sequences().size(), "sequences of the reverse loop: " + loop.sequences());
        Scan forward = (Scan) Graphs.topologicalOrder(List.of(cost)).stream()
                .filter(n -> n.op() instanceof Scan).findFirst().orElseThrow().op();
        for (Node n : Graphs.topologicalOrder(grads)) {
            if (n.op() instanceof Scan s && !s.loop().backwards()) assertSame(forward.loop(), s.loop(), "one forward loop");
        }
    }

    @Test
    void severalValuesOfOneLoopShareOneReverseLoop() {
        Node[] in = {f64(b, "xs", "4, batch, 3"), f64(b, "ys", "4, batch, 2"), f64(b, "h0", "batch, 2"), f64(b, "c0", "batch, 2"),
            f64(b, "w", "3, 2"), f64(b, "v", "2, 2")};
        Node cost = b.sumAll(Loops.twoStates(b, in)); // the stacked per-step outputs and the last c
        List<Node> grads = Autodiff.grad(b, cost, List.of(in[4], in[5], in[2])).orElseThrow().grads();
        long reverse = Graphs.topologicalOrder(grads).stream()
                .filter(n -> n.op() instanceof Scan s && !s.loop().tag().equals("cell")).map(n -> ((Scan) n.op()).loop())
                .distinct().count();
        assertEquals(1, reverse, "one reverse loop for the two values the cost reads");
    }

    @Test
    void rewritingReachesIntoTheBodyAndKeepsOneLoop() {
        Node[] in = elmanInputs();
        Node cost = b.sumAll(b.log(b.add(Loops.elman(b, in, false, false), 2.0)));
        List<Node> grads = Autodiff.grad(b, cost, List.of(in[2], in[3])).orElseThrow().grads();
        List<Node> roots = new java.util.ArrayList<>(grads);
        roots.add(cost);
        Rewriter.Rewritten rewritten = Rewriter.run(b, roots, RuleTables.FRONT_END);
        Verifier.verify(b, rewritten.roots());
        Map<String, NdArray> v = elmanValues();
        List<NdArray> before = ReferenceEvaluator.evaluate(roots, v, DIMS);
        List<NdArray> after = ReferenceEvaluator.evaluate(rewritten.roots(), v, DIMS);
        for (int i = 0; i < before.size(); i++) assertClose(before.get(i), after.get(i), 1e-12, 1e-12, "root " + i);
        long loops = Graphs.topologicalOrder(rewritten.roots()).stream()
                .filter(n -> n.op() instanceof Scan).map(n -> ((Scan) n.op()).loop()).distinct().count();
        assertEquals(2, loops, "the forward loop and its reverse loop");
    }
}
