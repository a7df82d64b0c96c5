package dev.javano.symbolic.rewrite;

import static dev.javano.symbolic.rewrite.RewriteSupport.constant;
import static dev.javano.symbolic.rewrite.RewriteSupport.f32;
import static dev.javano.symbolic.rewrite.RewriteSupport.fired;
import static dev.javano.symbolic.rewrite.RewriteSupport.firings;
import static dev.javano.symbolic.rewrite.RewriteSupport.i32;
import static dev.javano.symbolic.rewrite.RewriteSupport.rewrite;
import static dev.javano.symbolic.rewrite.RewriteSupport.sexp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.javano.DType;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.rewrite.rules.Canonicalize;
import dev.javano.symbolic.rewrite.rules.RuleTables;
import dev.javano.symbolic.rewrite.rules.Stabilize;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One structural case per rule of the front-end phases: the graph before and after, printed as
 * s-expressions, run through the rule's own phase. Then the places where a rule must not fire.
 * {@link #everyRuleHasAStructuralCase} fails when a rule is added without a case here.
 */
class RuleStructureTest {

    /** The structural case of each rule, keyed by the rule's name. */
    private static final Map<String, Runnable> CASES = new LinkedHashMap<>();

    static {
        CASES.put("constant-fold", RuleStructureTest::constantFold);
        CASES.put("add-zero", RuleStructureTest::addZero);
        CASES.put("subtract-zero", RuleStructureTest::subtractZero);
        CASES.put("multiply-one", RuleStructureTest::multiplyOne);
        CASES.put("divide-one", RuleStructureTest::divideOne);
        CASES.put("subtract-negation", RuleStructureTest::subtractNegation);
        CASES.put("double-negation", RuleStructureTest::doubleNegation);
        CASES.put("square-power", RuleStructureTest::squarePower);
        CASES.put("log-exp", RuleStructureTest::logExp);
        CASES.put("transpose-transpose", RuleStructureTest::transposeTranspose);
        CASES.put("identity-transpose", RuleStructureTest::identityTranspose);
        CASES.put("empty-reduction", RuleStructureTest::emptyReduction);
        CASES.put("reshape-reshape", RuleStructureTest::reshapeReshape);
        CASES.put("reshape-of-one-element", RuleStructureTest::reshapeOfOneElement);
        CASES.put("operand-absorbs-broadcast", RuleStructureTest::operandAbsorbsBroadcast);
        CASES.put("log1p", RuleStructureTest::log1p);
        CASES.put("log-softmax", RuleStructureTest::logSoftmax);
        CASES.put("log-of-picked-softmax", RuleStructureTest::logOfPickedSoftmax);
        CASES.put("softmax-crossentropy", RuleStructureTest::softmaxCrossentropy);
        CASES.put("log-sigmoid", RuleStructureTest::logSigmoid);
        CASES.put("log-one-minus-sigmoid", RuleStructureTest::logOneMinusSigmoid);
        CASES.put("exp-log-of-nonnegative", RuleStructureTest::expLogOfNonNegative);
    }

    @Test
    void everyRuleHasAStructuralCase() {
        assertTrue(RuleTables.FRONT_END.containsAll(List.of(Canonicalize.PHASE, Stabilize.PHASE)));
        List<String> names = new ArrayList<>();
        for (Phase phase : new LinkedHashSet<>(RuleTables.FRONT_END)) phase.rules().forEach(r -> names.add(r.name()));
        Set<String> unique = new LinkedHashSet<>(names);
        assertEquals(names.size(), unique.size(), "rule names must be unique across the front end: " + names);
        assertEquals(unique, CASES.keySet(), "every front-end rule needs a structural case, and only those");
    }

    @TestFactory
    Stream<DynamicTest> eachRuleRewritesItsPattern() {
        return CASES.entrySet().stream().map(e -> dynamicTest(e.getKey(), e.getValue()::run));
    }

    // ---- the structural cases, one per rule

    private static void constantFold() {
        GraphBuilder b = new GraphBuilder();
        Node sum = b.add(c(b, 2), c(b, 3));
        assertRewrites(b, "constant-fold", sum, "(add (const 2) (const 3))", "(const 5)");

        Node nested = b.mul(b.add(c(b, 2), c(b, 3)), b.neg(c(b, 4)));
        Rewriter.Rewritten r = assertRewrites(b, "constant-fold", nested,
                "(mul (add (const 2) (const 3)) (neg (const 4)))", "(const -20)");
        assertEquals(3, r.log().size(), "folded bottom-up, one firing per node: " + firings(r));

        Node vector = b.neg(constant(b, DType.FLOAT32, new int[] {3}, 1, 2, 3));
        assertRewrites(b, "constant-fold", vector, "(neg (const [1, 2, 3]))", "(const [-1, -2, -3])");

        Node cast = b.cast(c(b, 2.75), DType.INT32);
        Node folded =
                assertRewrites(b, "constant-fold", cast, "(cast{int32} (const 2.75))", "(const 2)").roots().get(0);
        assertEquals(DType.INT32, folded.dtype(), "the folded constant keeps the node's dtype");

        Node exactlyAtLimit = b.neg(b.constant(NdArray.filled(1, 8, 8), DType.FLOAT32));
        Node atLimit = assertRewrites(b, "constant-fold", exactlyAtLimit,
                "(neg (const <64 values>))", "(const <64 values>)").roots().get(0);
        assertEquals(NdArray.filled(-1, 8, 8), ReferenceEvaluator.evaluate(atLimit, Map.of(), Map.of()));
    }

    private static void addZero() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "add-zero", b.add(x, c(b, 0)), "(add (input x) (const 0))", "(input x)");
        assertRewrites(b, "add-zero", b.add(c(b, 0), x), "(add (const 0) (input x))", "(input x)");
        assertRewrites(b, "add-zero", b.add(x, b.zerosLike(x)), "(add (input x) (broadcast{[3]} (const 0)))",
                "(input x)");
        Node s = b.input("s", f32(""));
        assertRewrites(b, "add-zero", b.add(s, b.zerosLike(x)), "(add (input s) (broadcast{[3]} (const 0)))",
                "(broadcast{[3]} (input s))");
    }

    private static void subtractZero() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "subtract-zero", b.sub(x, c(b, 0)), "(sub (input x) (const 0))", "(input x)");
        assertRewrites(b, "subtract-zero", b.sub(x, b.zerosLike(x)), "(sub (input x) (broadcast{[3]} (const 0)))",
                "(input x)");
    }

    private static void multiplyOne() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "multiply-one", b.mul(x, c(b, 1)), "(mul (input x) (const 1))", "(input x)");
        assertRewrites(b, "multiply-one", b.mul(c(b, 1), x), "(mul (const 1) (input x))", "(input x)");
        assertRewrites(b, "multiply-one", b.mul(x, Composites.onesLike(b, x)),
                "(mul (input x) (broadcast{[3]} (const 1)))", "(input x)");
    }

    private static void divideOne() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "divide-one", b.div(x, c(b, 1)), "(div (input x) (const 1))", "(input x)");
    }

    private static void subtractNegation() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node y = b.input("y", f32("3"));
        assertRewrites(b, "subtract-negation", b.sub(x, b.neg(y)), "(sub (input x) (neg (input y)))",
                "(add (input x) (input y))");
    }

    private static void doubleNegation() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "double-negation", b.neg(b.neg(x)), "(neg (neg (input x)))", "(input x)");
        assertRewrites(b, "double-negation", b.neg(b.neg(b.neg(x))), "(neg (neg (neg (input x))))",
                "(neg (input x))");
    }

    private static void squarePower() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "square-power", b.pow(x, c(b, 2)), "(pow (input x) (const 2))", "(square (input x))");
    }

    private static void logExp() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "log-exp", b.log(b.exp(x)), "(log (exp (input x)))", "(input x)");
    }

    private static void transposeTranspose() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("2, 3, 4"));
        Node twice = b.transpose(b.transpose(x, 1, 2, 0), 1, 2, 0);
        Node after = assertRewrites(b, "transpose-transpose", twice,
                "(transpose{[1, 2, 0]} (transpose{[1, 2, 0]} (input x)))", "(transpose{[2, 0, 1]} (input x))")
                .roots().get(0);
        assertEquals(Shape.of(4, 2, 3), after.shape());

        Node m = b.input("m", f32("2, 3"));
        Node back = b.transpose(b.transpose(m));
        Rewriter.Rewritten r = rewrite(b, List.of(back), List.of(Canonicalize.PHASE));
        assertEquals("(input m)", sexp(r.roots().get(0)), "composes to the identity, which then goes");
        assertEquals(List.of("canonicalize/transpose-transpose", "canonicalize/identity-transpose"), firings(r));
    }

    private static void identityTranspose() {
        GraphBuilder b = new GraphBuilder();
        Node m = b.input("m", f32("2, 3"));
        assertRewrites(b, "identity-transpose", b.transpose(m, 0, 1), "(transpose{[0, 1]} (input m))", "(input m)");
    }

    private static void emptyReduction() {
        GraphBuilder b = new GraphBuilder();
        Node s = b.input("s", f32(""));
        assertRewrites(b, "empty-reduction", b.sum(s, new int[0], false), "(sum{axes=[]} (input s))", "(input s)");
    }

    private static void reshapeReshape() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("2, 3"));
        Node flat = b.reshape(b.reshape(x, Shape.of(3, 2)), Shape.of(6));
        assertRewrites(b, "reshape-reshape", flat, "(reshape{[6]} (reshape{[3, 2]} (input x)))",
                "(reshape{[6]} (input x))");
        Node roundTrip = b.reshape(b.reshape(x, Shape.of(6)), Shape.of(2, 3));
        assertRewrites(b, "reshape-reshape", roundTrip, "(reshape{[2, 3]} (reshape{[6]} (input x)))", "(input x)");
    }

    private static void reshapeOfOneElement() {
        GraphBuilder b = new GraphBuilder();
        Node s = b.input("s", f32(""));
        Node wide = b.broadcastTo(b.reshape(s, Shape.of(1, 1)), Shape.of(2, 3));
        assertRewrites(b, "reshape-of-one-element", wide, "(broadcast{[2, 3]} (reshape{[1, 1]} (input s)))",
                "(broadcast{[2, 3]} (input s))");
        Node column = b.reshape(b.broadcastTo(s, Shape.parse("batch")), Shape.parse("batch, 1"));
        assertRewrites(b, "reshape-of-one-element", column, "(reshape{[batch, 1]} (broadcast{[batch]} (input s)))",
                "(broadcast{[batch, 1]} (input s))");
    }

    private static void operandAbsorbsBroadcast() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("batch, 3"));
        Node s = b.input("s", f32(""));
        Node v = b.input("v", f32("3"));
        assertRewrites(b, "operand-absorbs-broadcast", b.mul(x, b.broadcastTo(s, Shape.parse("batch, 3"))),
                "(mul (input x) (broadcast{[batch, 3]} (input s)))", "(mul (input x) (input s))");
        assertRewrites(b, "operand-absorbs-broadcast", b.add(b.broadcastTo(v, Shape.parse("batch, 3")), x),
                "(add (broadcast{[batch, 3]} (input v)) (input x))", "(add (input v) (input x))");
        Node both = b.sub(b.broadcastTo(s, Shape.of(2, 3)), b.broadcastTo(v, Shape.of(2, 3)));
        assertRewrites(b, "operand-absorbs-broadcast", both,
                "(sub (broadcast{[2, 3]} (input s)) (broadcast{[2, 3]} (input v)))",
                "(sub (input s) (broadcast{[2, 3]} (input v)))");
    }

    @Test
    void aBroadcastThatDecidesTheResultShapeStays() {
        GraphBuilder b = new GraphBuilder();
        Node v = b.input("v", f32("3"));
        Node s = b.input("s", f32(""));
        assertUnchanged(b, RuleTables.FRONT_END, b.mul(b.broadcastTo(v, Shape.of(2, 3)), s),
                "(mul (broadcast{[2, 3]} (input v)) (input s))");
    }

    private static void log1p() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "log1p", b.log(b.add(c(b, 1), x)), "(log (add (const 1) (input x)))", "(log1p (input x))");
        assertRewrites(b, "log1p", b.log(b.add(x, c(b, 1))), "(log (add (input x) (const 1)))", "(log1p (input x))");
    }

    private static void logSoftmax() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f32("2, 3"));
        assertRewrites(b, "log-softmax", b.log(b.softmax(z, 0)), "(log (softmax{axis=0} (input z)))",
                "(logSoftmax{axis=0} (input z))");
        assertRewrites(b, "log-softmax", b.log(b.softmax(z, 1)), "(log (softmax{axis=1} (input z)))",
                "(logSoftmax{axis=1} (input z))");
    }

    private static void logOfPickedSoftmax() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f32("2, 3"));
        Node y = b.input("y", i32("2"));
        assertRewrites(b, "log-of-picked-softmax", b.log(b.pick(b.softmax(z, -1), y)),
                "(log (pick (softmax{axis=1} (input z)) (input y)))",
                "(pick (logSoftmax{axis=1} (input z)) (input y))");
    }

    private static void softmaxCrossentropy() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f32("2, 3"));
        Node y = b.input("y", i32("2"));
        assertRewrites(b, "softmax-crossentropy", b.neg(b.pick(b.logSoftmax(z, 1), y)),
                "(neg (pick (logSoftmax{axis=1} (input z)) (input y)))", "(softmaxCrossentropy (input z) (input y))");

        Node x = b.input("x", f32("batch, 4"));
        Node logits = b.add(b.dot(x, b.shared("w", f32("4, 3"))), b.shared("b", f32("3")));
        Node labels = b.input("y", i32("batch"));
        Node ce = Composites.crossentropy(b, b.softmax(logits, -1), labels);
        Rewriter.Rewritten r = assertRewrites(b, "softmax-crossentropy", ce,
                "(neg (log (pick (softmax{axis=1} (add (dot (input x) (shared w)) (shared b))) (input y))))",
                "(softmaxCrossentropy (add (dot (input x) (shared w)) (shared b)) (input y))");
        assertEquals(List.of("stabilize/log-of-picked-softmax", "stabilize/softmax-crossentropy"), firings(r),
                "crossentropy(softmax) is fused in two steps");
    }

    private static void logSigmoid() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "log-sigmoid", b.log(b.sigmoid(x)), "(log (sigmoid (input x)))",
                "(neg (softplus (neg (input x))))");
    }

    private static void logOneMinusSigmoid() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertRewrites(b, "log-one-minus-sigmoid", b.log(b.rsub(1, b.sigmoid(x))),
                "(log (sub (const 1) (sigmoid (input x))))", "(neg (softplus (input x)))");
    }

    private static void expLogOfNonNegative() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        for (Unary.Fn fn : List.of(Unary.Fn.SQUARE, Unary.Fn.ABS, Unary.Fn.EXP, Unary.Fn.SQRT, Unary.Fn.SOFTPLUS)) {
            String inner = "(" + fn.opName() + " (input x))";
            assertRewrites(b, "exp-log-of-nonnegative", b.exp(b.log(b.unary(fn, x))), "(exp (log " + inner + "))",
                    inner);
        }
        Node c = constant(b, DType.FLOAT32, new int[] {2}, 0, 2);
        assertRewrites(b, "exp-log-of-nonnegative", b.exp(b.log(c)), "(exp (log (const [0, 2])))", "(const [0, 2])");

        // Sigmoid and softmax count as non-negative too, but bottom-up the inner log is rewritten
        // first (log-sigmoid, log-softmax), so exp(log(sigmoid x)) keeps a stable but longer form.
        Rewriter.Rewritten r = rewrite(b, List.of(b.exp(b.log(b.sigmoid(x)))), List.of(Stabilize.PHASE));
        assertEquals("(exp (neg (softplus (neg (input x)))))", sexp(r.roots().get(0)));
        assertEquals(List.of("stabilize/log-sigmoid"), firings(r));
    }

    // ---- where rules must not fire

    @Test
    void expOfLogIsKeptWhereXMayBeNegative() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertUnchanged(b, RuleTables.FRONT_END, b.exp(b.log(x)), "(exp (log (input x)))");
        assertUnchanged(b, RuleTables.FRONT_END, b.exp(b.log(b.unary(Unary.Fn.TANH, x))),
                "(exp (log (tanh (input x))))");
        assertUnchanged(b, RuleTables.FRONT_END, b.exp(b.log(b.neg(b.square(x)))),
                "(exp (log (neg (square (input x)))))");
        Node mixed = constant(b, DType.FLOAT32, new int[] {2}, -1, 2);
        assertUnchanged(b, List.of(Stabilize.PHASE), b.exp(b.log(mixed)), "(exp (log (const [-1, 2])))");
        Node folded = rewrite(b, List.of(b.exp(b.log(mixed))), RuleTables.FRONT_END).roots().get(0);
        assertEquals("(const [NaN, 2])", sexp(folded), "folding keeps log(-1) = NaN");
    }

    @Test
    void timesZeroIsNeverSimplified() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertUnchanged(b, RuleTables.FRONT_END, b.mul(x, c(b, 0)), "(mul (input x) (const 0))");
        assertUnchanged(b, RuleTables.FRONT_END, b.mul(c(b, 0), x), "(mul (const 0) (input x))");
        Node timesZeros = b.mul(x, b.zerosLike(x));
        Node rewritten = rewrite(b, List.of(timesZeros), RuleTables.FRONT_END).roots().get(0);
        assertEquals("(mul (input x) (const 0))", sexp(rewritten), "the broadcast goes, the product stays");

        NdArray in = new NdArray(new int[] {3}, new double[] {Double.POSITIVE_INFINITY, Double.NaN, 2});
        NdArray out = ReferenceEvaluator.evaluate(timesZeros, Map.of("x", in), Map.of());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 0}, out.data(), "∞·0 and NaN·0 are NaN, not 0");
    }

    @Test
    void crossentropyOfASoftmaxOverAnotherAxisIsNotFused() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f32("3, 4"));
        Node y = b.input("y", i32("3"));
        Node overRows = b.softmax(z, 0);
        assertUnchanged(b, RuleTables.FRONT_END, Composites.crossentropy(b, overRows, y),
                "(neg (log (pick (softmax{axis=0} (input z)) (input y))))");

        Node logFirst = b.neg(b.pick(b.log(overRows), y));
        Rewriter.Rewritten r = rewrite(b, List.of(logFirst), RuleTables.FRONT_END);
        assertEquals("(neg (pick (logSoftmax{axis=0} (input z)) (input y)))", sexp(r.roots().get(0)));
        assertEquals(List.of("stabilize/log-softmax"), firings(r), "the log is stabilized, but nothing is fused");
    }

    @Test
    void softmaxCrossentropyOnlyForALastAxisLogSoftmax() {
        GraphBuilder b = new GraphBuilder();
        Node z = b.input("z", f32("3, 4"));
        Node y = b.input("y", i32("3"));
        assertUnchanged(b, List.of(Stabilize.PHASE), b.neg(b.pick(b.logSoftmax(z, 0), y)),
                "(neg (pick (logSoftmax{axis=0} (input z)) (input y)))");
        Node v = b.input("v", f32("4"));
        Node scalarLabel = b.input("k", i32(""));
        assertRewrites(b, "softmax-crossentropy", b.neg(b.pick(b.logSoftmax(v, 0), scalarLabel)),
                "(neg (pick (logSoftmax{axis=0} (input v)) (input k)))", "(softmaxCrossentropy (input v) (input k))");
    }

    /** The last-axis guards must only see (log-)softmax nodes: these graphs used to throw ClassCastException. */
    @Test
    void crossentropyOfProbabilitiesThatAreNoSoftmaxIsLeftAlone() {
        GraphBuilder b = new GraphBuilder();
        Node p = b.input("p", f32("3, 4"));
        Node y = b.input("y", i32("3"));
        assertUnchanged(b, RuleTables.FRONT_END, Composites.crossentropy(b, p, y),
                "(neg (log (pick (input p) (input y))))");
        assertUnchanged(b, RuleTables.FRONT_END, b.neg(b.pick(p, y)), "(neg (pick (input p) (input y)))");
        Node normalized = b.div(b.exp(p), b.sum(b.exp(p), new int[] {1}, true));
        assertUnchanged(b, RuleTables.FRONT_END, b.log(b.pick(normalized, y)),
                "(log (pick (div (exp (input p)) (sum{axes=[1], keepdims} (exp (input p)))) (input y)))");
    }

    @Test
    void constantFoldSkipsNonConstantInputsAndLargeResults() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertUnchanged(b, RuleTables.FRONT_END, b.add(x, c(b, 2)), "(add (input x) (const 2))");
        assertUnchanged(b, RuleTables.FRONT_END, b.neg(b.fill(1, DType.FLOAT32, Shape.of(3))),
                "(neg (broadcast{[3]} (const 1)))");

        // Canonicalize.FOLD_LIMIT is 64 elements; 64 folds (see the constant-fold case), 65 does not
        assertUnchanged(b, RuleTables.FRONT_END, b.neg(b.constant(NdArray.filled(1, 5, 13), DType.FLOAT32)),
                "(neg (const <65 values>))");
        Node column = b.constant(NdArray.filled(1, 13, 1), DType.FLOAT32);
        Node row = b.constant(NdArray.filled(2, 1, 5), DType.FLOAT32);
        assertUnchanged(b, RuleTables.FRONT_END, b.add(column, row), "(add (const <13 values>) (const <5 values>))");
    }

    @Test
    void constantFoldLeavesAnInvalidLabelForRunTimeToReport() {
        GraphBuilder b = new GraphBuilder();
        Node probs = constant(b, DType.FLOAT32, new int[] {1, 2}, 0.25, 0.75);
        Node label = constant(b, DType.INT32, new int[] {1}, 5);
        assertUnchanged(b, RuleTables.FRONT_END, b.pick(probs, label), "(pick (const [[0.25, 0.75]]) (const [5]))");
    }

    @Test
    void rulesNeedTheirExactConstants() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        assertUnchanged(b, RuleTables.FRONT_END, b.sub(c(b, 0), x), "(sub (const 0) (input x))");
        assertUnchanged(b, RuleTables.FRONT_END, b.div(c(b, 1), x), "(div (const 1) (input x))");
        assertUnchanged(b, RuleTables.FRONT_END, b.pow(x, c(b, 3)), "(pow (input x) (const 3))");
        assertUnchanged(b, RuleTables.FRONT_END, b.log(b.add(x, c(b, 2))), "(log (add (input x) (const 2)))");
        assertUnchanged(b, RuleTables.FRONT_END, b.log(b.rsub(2, b.sigmoid(x))),
                "(log (sub (const 2) (sigmoid (input x))))");
        assertUnchanged(b, RuleTables.FRONT_END, b.log(b.sub(b.sigmoid(x), c(b, 1))),
                "(log (sub (sigmoid (input x)) (const 1)))");
        assertUnchanged(b, RuleTables.FRONT_END, b.add(x, constant(b, DType.FLOAT32, new int[] {3}, 0, 0, 1)),
                "(add (input x) (const [0, 0, 1]))");
    }

    // ---- helpers

    private static Node c(GraphBuilder b, double v) {
        return b.constant(v, DType.FLOAT32);
    }

    private static Phase phaseOf(String rule) {
        for (Phase phase : RuleTables.FRONT_END) {
            if (phase.rules().stream().anyMatch(r -> r.name().equals(rule))) return phase;
        }
        throw new AssertionError("no front-end rule named " + rule);
    }

    /**
     * Checks that {@code root} prints as {@code before}, that the phase holding {@code rule} fires
     * it there and that the result prints as {@code after}, with the root's type.
     */
    private static Rewriter.Rewritten assertRewrites(
            GraphBuilder b, String rule, Node root, String before, String after) {
        Phase phase = phaseOf(rule);
        assertEquals(before, sexp(root), "the graph before");
        Rewriter.Rewritten r = rewrite(b, List.of(root), List.of(phase));
        assertTrue(fired(r, phase.name(), rule), () -> rule + " did not fire on " + before + "; log: " + firings(r));
        Node result = r.roots().get(0);
        assertEquals(after, sexp(result), () -> "after " + rule + " on " + before);
        assertEquals(root.type(), result.type());
        return r;
    }

    /** Checks that no rule of {@code phases} fires on {@code root}, which prints as {@code printed}. */
    private static void assertUnchanged(GraphBuilder b, List<Phase> phases, Node root, String printed) {
        assertEquals(printed, sexp(root), "the graph before");
        Rewriter.Rewritten r = rewrite(b, List.of(root), phases);
        assertEquals(List.of(), firings(r), () -> "nothing should fire on " + printed);
        assertSame(root, r.roots().get(0));
    }
}
