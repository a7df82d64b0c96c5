package dev.javano.symbolic.rewrite;

import static dev.javano.symbolic.rewrite.RewriteSupport.f32;
import static dev.javano.symbolic.rewrite.RewriteSupport.fired;
import static dev.javano.symbolic.rewrite.RewriteSupport.firings;
import static dev.javano.symbolic.rewrite.RewriteSupport.rewrite;
import static dev.javano.symbolic.rewrite.RewriteSupport.sexp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import dev.javano.symbolic.autodiff.Autodiff;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.rewrite.rules.Canonicalize;
import dev.javano.symbolic.rewrite.rules.RuleTables;
import dev.javano.symbolic.rewrite.rules.Specialize;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The specialize rules (the BLAS back ends' table), one structural case per rule, and the whole
 * point of them: an MLP's SGD step becomes PyTensor's {@code gemm(C = w, −lr, 1 − 2·lr·l2)}
 * with the values unchanged.
 */
class SpecializeRulesTest {

    private static final List<Phase> PHASES = List.of(Specialize.PHASE);

    @Test
    void everyRuleHasACase() {
        List<String> names = Specialize.PHASE.rules().stream().map(Rule::name).toList();
        assertEquals(List.of("dot-to-gemm", "gemm-transposed-a", "gemm-transposed-b", "gemm-accumulate", "gemm-scaled",
                "subtract-gemm"), names, "a new rule needs a case below");
    }

    @Test
    void dotBecomesGemmAndTransposesBecomeFlags() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3, n"));
        Node w = b.input("w", f32("4, 3"));
        Node root = b.dot(b.transpose(x), b.transpose(w, 1, 0));
        assertRewrite(b, root, "(dot (transpose{[1, 0]} (input x)) (transpose{[1, 0]} (input w)))",
                "(gemm{aT, bT} (input x) (input w) (const 0) (const 1) (const 0))",
                "dot-to-gemm", "gemm-transposed-a", "gemm-transposed-b");
    }

    @Test
    void biasAndScaledTermsAccumulateIntoC() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("n, 3"));
        Node w = b.input("w", f32("3, 4"));
        Node bias = b.input("b", f32("4"));
        assertRewrite(b, b.add(b.dot(x, w), bias), "(add (dot (input x) (input w)) (input b))",
                "(gemm (input x) (input w) (input b) (const 1) (const 1))", "dot-to-gemm", "gemm-accumulate");
        Node k = b.input("k", f32(""));
        Node c = b.input("c", f32("n, 4"));
        assertRewrite(b, b.add(b.mul(k, c), b.dot(x, w)), "(add (mul (input k) (input c)) (dot (input x) (input w)))",
                "(gemm (input x) (input w) (input c) (const 1) (mul (input k) (const 1)))", "dot-to-gemm",
                "gemm-accumulate");
    }

    @Test
    void aScalarFactorGoesIntoAlphaAndBeta() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("n, 3"));
        Node w = b.input("w", f32("3, 4"));
        Node s = b.input("s", f32(""));
        assertRewrite(b, b.mul(b.dot(x, w), s), "(mul (dot (input x) (input w)) (input s))",
                "(gemm (input x) (input w) (const 0) (input s) (const 0))", "dot-to-gemm",
                "gemm-scaled");
    }

    @Test
    void subtractingAGemmUpdatesInPlace() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("n, 3"));
        Node g = b.input("g", f32("n, 4"));
        Node w = b.shared("w", f32("3, 4"));
        Node lr = b.input("lr", f32(""));
        Node step = b.sub(w, b.mul(b.dot(b.transpose(x), g), lr));
        Rewriter.Rewritten r = rewrite(b, List.of(step), List.of(Specialize.PHASE, Canonicalize.PHASE));
        assertTrue(fired(r, Phase.SPECIALIZE, "subtract-gemm"), () -> firings(r).toString());
        assertEquals("(gemm{aT} (input x) (input g) (shared w) (neg (input lr)) (const 1))", sexp(r.roots().get(0)));
    }

    @Test
    void anMlpStepBecomesOneInPlaceGemmPerWeightWithTheSameValues() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("batch, 5"));
        Node y = b.input("y", RewriteSupport.i32("batch"));
        Node w1 = b.shared("w1", f32("5, 4"));
        Node w2 = b.shared("w2", f32("4, 3"));
        Node lr = b.hyper("lr", DType.FLOAT64);
        Node l2 = b.hyper("l2", DType.FLOAT64);
        Node h = b.unary(Unary.Fn.TANH, b.dot(x, w1));
        Node p = b.softmax(b.dot(h, w2), -1);
        Node cost = b.add(Composites.meanAll(b, Composites.crossentropy(b, p, y)),
                b.mul(b.add(b.sumAll(b.square(w1)), b.sumAll(b.square(w2))), l2));
        Node stable = Rewriter.run(b, List.of(cost), RuleTables.FRONT_END).roots().get(0);
        List<Node> grads = Autodiff.grad(b, stable, List.of(w1, w2)).orElseThrow().grads();
        List<Node> steps = List.of(b.sub(w1, b.mul(grads.get(0), lr)), b.sub(w2, b.mul(grads.get(1), lr)));
        List<Node> front = Rewriter.run(b, steps, RuleTables.FRONT_END).roots();
        List<Node> lowered = Rewriter.run(b, front, List.of(Specialize.PHASE, Canonicalize.PHASE)).roots();
        for (Node step : lowered) assertTrue(sexp(step).startsWith("(gemm{aT} "), sexp(step));
        assertTrue(sexp(lowered.get(0)).contains("(shared w1) (neg (cast{float32} (hyper lr)))"), sexp(lowered.get(0)));

        Random r = new Random(5);
        Map<String, NdArray> v = new HashMap<>();
        v.put("x", random(r, 6, 5));
        v.put("w1", random(r, 5, 4));
        v.put("w2", random(r, 4, 3));
        v.put("y", new NdArray(new int[] {6}, new double[] {0, 1, 2, 2, 1, 0}));
        v.put("lr", NdArray.scalar(0.1));
        v.put("l2", NdArray.scalar(0.01));
        for (int i = 0; i < 2; i++) {
            NdArray before = ReferenceEvaluator.evaluate(front.get(i), v, Map.of());
            NdArray after = ReferenceEvaluator.evaluate(lowered.get(i), v, Map.of());
            for (int k = 0; k < before.size(); k++) assertEquals(before.get(k), after.get(k), 1e-12);
        }
    }

    private static void assertRewrite(GraphBuilder b, Node root, String before, String after, String... rules) {
        assertEquals(before, sexp(root));
        Rewriter.Rewritten r = rewrite(b, List.of(root), PHASES);
        for (String rule : rules) assertTrue(fired(r, Phase.SPECIALIZE, rule), () -> rule + " did not fire: " + firings(r));
        assertEquals(after, sexp(r.roots().get(0)));
    }

    private static NdArray random(Random r, int... shape) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian();
        return new NdArray(shape, d);
    }
}
