package dev.javano.symbolic.rewrite;

import static dev.javano.symbolic.rewrite.Pattern.any;
import static dev.javano.symbolic.rewrite.Pattern.binary;
import static dev.javano.symbolic.rewrite.Pattern.constant;
import static dev.javano.symbolic.rewrite.Pattern.op;
import static dev.javano.symbolic.rewrite.Pattern.unary;
import static dev.javano.symbolic.rewrite.RewriteSupport.f32;
import static dev.javano.symbolic.rewrite.RewriteSupport.firings;
import static dev.javano.symbolic.rewrite.RewriteSupport.i32;
import static dev.javano.symbolic.rewrite.RewriteSupport.rewrite;
import static dev.javano.symbolic.rewrite.RewriteSupport.sexp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.rewrite.rules.Canonicalize;
import dev.javano.symbolic.rewrite.rules.RuleTables;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The rewrite engine itself, mostly with small made-up rule tables. */
class RewriterTest {

    private static Rule unaryToUnary(String name, Unary.Fn from, Unary.Fn to) {
        return Rule.of(name, unary(from, any("x")), (m, b) -> b.unary(to, m.get("x")));
    }

    // ---- fixpoint, bottom-up

    @Test
    void aReplacementIsRewrittenInTurnUntilNoRuleMatches() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Phase chain = new Phase("chain", List.of(
                unaryToUnary("tanh-to-sigmoid", Unary.Fn.TANH, Unary.Fn.SIGMOID),
                unaryToUnary("exp-to-tanh", Unary.Fn.EXP, Unary.Fn.TANH),
                unaryToUnary("sigmoid-to-sqrt", Unary.Fn.SIGMOID, Unary.Fn.SQRT)));
        Rewriter.Rewritten r = rewrite(b, List.of(b.exp(x)), List.of(chain));
        assertEquals("(sqrt (input x))", sexp(r.roots().get(0)));
        assertEquals(List.of("chain/exp-to-tanh", "chain/tanh-to-sigmoid", "chain/sigmoid-to-sqrt"), firings(r));
    }

    @Test
    void doubleNegationsCancelAllTheWayDown() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node four = b.neg(b.neg(b.neg(b.neg(x))));
        Rewriter.Rewritten r = rewrite(b, List.of(four, b.neg(four)), List.of(Canonicalize.PHASE));
        assertSame(x, r.roots().get(0));
        assertEquals("(neg (input x))", sexp(r.roots().get(1)));
        assertEquals(List.of("canonicalize/double-negation"), firings(r),
                "neg(neg x) → x fires once; neg³ and neg⁴ rebuild to nodes already settled");
    }

    @Test
    void inputsAreRewrittenBeforeTheirUsers() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node y = b.input("y", f32("3"));
        Node root = b.sub(x, b.neg(b.neg(b.neg(y))));
        Rewriter.Rewritten r = rewrite(b, List.of(root), List.of(Canonicalize.PHASE));
        assertEquals("(add (input x) (input y))", sexp(r.roots().get(0)));
        assertEquals(List.of("canonicalize/double-negation", "canonicalize/subtract-negation"), firings(r),
                "the inner neg(neg(neg y)) settles to neg y, and only then does the sub match");
    }

    @Test
    void theNodesInsideAReplacementAreRewrittenToo() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Rule expand = Rule.of("square-as-product", unary(Unary.Fn.SQUARE, any("x")),
                (m, g) -> g.mul(g.neg(g.neg(m.get("x"))), g.neg(g.neg(m.get("x")))));
        Rule cancel = Canonicalize.PHASE.rules().stream()
                .filter(rule -> rule.name().equals("double-negation")).findFirst().orElseThrow();
        Rewriter.Rewritten r = rewrite(b, List.of(b.square(x)), List.of(new Phase("p", List.of(expand, cancel))));
        Node product = r.roots().get(0);
        assertEquals("(mul (input x) (input x))", sexp(product));
        assertEquals(List.of("p/square-as-product", "p/double-negation"), firings(r),
                "neg(neg x) occurs twice in the replacement but is one node, rewritten once");
    }

    @Test
    void theFirstMatchingRuleWinsAndDeclinedOrIdleRulesDoNotFire() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Phase p = new Phase("p", List.of(
                Rule.of("declines", unary(Unary.Fn.EXP, any("x")), (m, g) -> null),
                Rule.of("gives-back-the-node", unary(Unary.Fn.EXP, any("x")), (m, g) -> m.root()),
                unaryToUnary("exp-to-tanh", Unary.Fn.EXP, Unary.Fn.TANH),
                unaryToUnary("exp-to-sqrt", Unary.Fn.EXP, Unary.Fn.SQRT)));
        Rewriter.Rewritten r = rewrite(b, List.of(b.exp(x)), List.of(p));
        assertEquals("(tanh (input x))", sexp(r.roots().get(0)));
        assertEquals(List.of("p/exp-to-tanh"), firings(r));
    }

    @Test
    void aGraphNoRuleMatchesComesBackAsItWas() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("batch, 3"));
        Node h = b.unary(Unary.Fn.TANH, b.dot(x, b.shared("w", f32("3, 2"))));
        Node s = b.sum(h, new int[] {1}, false);
        Rewriter.Rewritten r = rewrite(b, List.of(h, s), RuleTables.FRONT_END);
        assertSame(h, r.roots().get(0));
        assertSame(s, r.roots().get(1));
        assertEquals(List.of(), r.log());
    }

    // ---- sharing

    @Test
    void equalSubtreesRewriteToOneNode() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node viaAdd = b.exp(b.add(x, b.constant(0, DType.FLOAT32)));
        Node viaMul = b.exp(b.mul(x, b.constant(1, DType.FLOAT32)));
        assertNotSame(viaAdd, viaMul);
        Rewriter.Rewritten r = rewrite(b, List.of(viaAdd, viaMul), RuleTables.FRONT_END);
        assertSame(r.roots().get(0), r.roots().get(1), "both are exp(x) after rewriting: one interned node");
        assertSame(b.exp(x), r.roots().get(0));

        Node sum = b.add(b.log(b.exp(x)), b.mul(x, b.constant(1, DType.FLOAT32)));
        Node after = rewrite(b, List.of(sum), RuleTables.FRONT_END).roots().get(0);
        assertEquals("(add (input x) (input x))", sexp(after));
        assertSame(after.input(0), after.input(1));
    }

    @Test
    void theOriginalGraphIsUntouched() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node root = b.neg(b.neg(b.add(x, b.constant(0, DType.FLOAT32))));
        String before = sexp(root);
        Node after = rewrite(b, List.of(root), RuleTables.FRONT_END).roots().get(0);
        assertSame(x, after);
        assertEquals(before, sexp(root));
    }

    // ---- types

    @Test
    void aRuleThatChangesTheDTypeIsRejectedByName() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Phase p = new Phase("p", List.of(
                Rule.of("exp-in-float64", unary(Unary.Fn.EXP, any("x")),
                        (m, g) -> g.exp(g.cast(m.get("x"), DType.FLOAT64)))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Rewriter.run(b, List.of(b.exp(x)), List.of(p)));
        assertTrue(e.getMessage().contains("exp-in-float64"), e.getMessage());
    }

    @Test
    void aRuleThatWidensTheShapeIsRejectedByName() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Phase p = new Phase("p", List.of(
                Rule.of("forget-the-sum", op(Reduce.class, any("x")), (m, g) -> m.get("x"))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Rewriter.run(b, List.of(b.sumAll(x)), List.of(p)));
        assertTrue(e.getMessage().contains("forget-the-sum"), e.getMessage());
    }

    @Test
    void aReplacementThatDoesNotTypeCheckIsRejectedByName() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Phase p = new Phase("p", List.of(
                Rule.of("bad-dot", unary(Unary.Fn.EXP, any("x")),
                        (m, g) -> g.dot(m.get("x"), g.constant(1, DType.FLOAT32)))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Rewriter.run(b, List.of(b.exp(x)), List.of(p)));
        assertTrue(e.getMessage().contains("bad-dot"), e.getMessage());
    }

    @Test
    void aNarrowerReplacementIsBroadcastBack() {
        GraphBuilder b = new GraphBuilder();
        Node s = b.input("s", f32(""));
        Node x = b.input("x", f32("batch, 3"));
        Node root = b.add(s, b.zerosLike(x));
        assertEquals("(add (input s) (broadcast{[batch, 3]} (const 0)))", sexp(root));
        Rewriter.Rewritten r = rewrite(b, List.of(root), RuleTables.FRONT_END);
        Node after = r.roots().get(0);
        assertEquals("(broadcast{[batch, 3]} (input s))", sexp(after));
        assertEquals(root.type(), after.type());
        assertSame(after, r.log().get(0).after(), "the log records the fitted replacement");

        NdArray value = ReferenceEvaluator.evaluate(after, Map.of("s", NdArray.scalar(2.5)), Map.of("batch", 2));
        assertEquals(NdArray.filled(2.5, 2, 3), value);
    }

    // ---- rules that do not terminate

    /**
     * Two rules that undo each other do not run into the budget: the node being settled is its
     * own provisional normal form, so the round trip neg → mul → neg stops at the node it started
     * from. The result is sound (the graph it started with) and the log shows the round trip.
     */
    @Test
    void rulesThatUndoEachOtherStopWhereTheyStarted() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Phase undo = new Phase("undo", List.of(
                Rule.of("neg-to-mul", unary(Unary.Fn.NEG, any("x")), (m, g) -> g.mul(m.get("x"), -1)),
                Rule.of("mul-to-neg", binary(Binary.Fn.MUL, any("x"), constant(-1)), (m, g) -> g.neg(m.get("x")))));
        Node neg = b.neg(x);
        Rewriter.Rewritten r = rewrite(b, List.of(neg), List.of(undo));
        assertSame(neg, r.roots().get(0));
        assertEquals(List.of("undo/neg-to-mul", "undo/mul-to-neg"), firings(r));

        Node mul = b.mul(x, -1);
        assertSame(mul, rewrite(b, List.of(mul), List.of(undo)).roots().get(0), "from the other side, the other form");
    }

    /**
     * A rule whose result it matches again, each time on a new node, is stopped by the budget of
     * 1,000,000 firings per phase. The engine recurses once per firing, so on a default 1 MB stack
     * this overflows after about 2,000 firings, long before the budget: here it runs on a thread
     * with a large stack so that the budget itself is exercised (about 5 s, under 1 GB).
     */
    @Test
    void aRuleThatKeepsMatchingItsOwnResultRunsIntoTheBudget() throws InterruptedException {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Phase grow = new Phase("grow", List.of(
                Rule.of("wrap-in-neg", unary(Unary.Fn.NEG, any("x")), (m, g) -> g.neg(g.neg(m.get("x"))))));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread run = new Thread(null, () -> {
            try {
                Rewriter.run(b, List.of(b.neg(x)), List.of(grow));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "rewrite-on-a-large-stack", 512L << 20);
        run.start();
        run.join();
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown.get());
        assertTrue(e.getMessage().startsWith("rewrite rules loop in phase grow"), e.getMessage());
    }

    // ---- the log

    @Test
    void theLogListsPhaseRuleAndNodesInOrder() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("batch, 4"));
        Node y = b.input("y", i32("batch"));
        Node bias = b.add(b.shared("b", f32("3")), b.constant(0, DType.FLOAT32));
        Node logits = b.add(b.dot(x, b.shared("w", f32("4, 3"))), bias);
        Node ce = Composites.crossentropy(b, b.softmax(logits, -1), y);
        Rewriter.Rewritten r = rewrite(b, List.of(ce), RuleTables.FRONT_END);

        assertEquals("(softmaxCrossentropy (add (dot (input x) (shared w)) (shared b)) (input y))",
                sexp(r.roots().get(0)));
        List<String> log = new ArrayList<>();
        for (Rewriter.Firing f : r.log()) {
            log.add(f.phase() + "/" + f.rule() + ": " + sexp(f.before()) + " -> " + sexp(f.after()));
        }
        String printedLogits = "(add (dot (input x) (shared w)) (shared b))";
        assertEquals(List.of(
                "canonicalize/add-zero: (add (shared b) (const 0)) -> (shared b)",
                "stabilize/log-of-picked-softmax: (log (pick (softmax{axis=1} " + printedLogits + ") (input y)))"
                        + " -> (pick (logSoftmax{axis=1} " + printedLogits + ") (input y))",
                "stabilize/softmax-crossentropy: (neg (pick (logSoftmax{axis=1} " + printedLogits + ") (input y)))"
                        + " -> (softmaxCrossentropy " + printedLogits + " (input y))"),
                log);
    }

    @Test
    void phasesRunInOrderEachOnTheResultOfTheLast() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node root = b.log(b.add(b.mul(x, b.constant(1, DType.FLOAT32)), b.constant(1, DType.FLOAT32)));
        Rewriter.Rewritten r = rewrite(b, List.of(root), RuleTables.FRONT_END);
        assertEquals("(log1p (input x))", sexp(r.roots().get(0)));
        assertEquals(List.of("canonicalize/multiply-one", "stabilize/log1p"), firings(r));
    }

    // ---- deep graphs

    @Test
    void aChainOfTwentyThousandAddsRewritesWithoutOverflowingTheStack() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node zero = b.constant(0, DType.FLOAT32);
        Node n = x;
        for (int i = 0; i < 20_000; i++) n = i % 2 == 0 ? b.add(n, x) : b.add(b.log(b.exp(n)), zero);
        Rewriter.Rewritten r = rewrite(b, List.of(n), RuleTables.FRONT_END);

        Node after = r.roots().get(0);
        List<Node> nodes = Graphs.topologicalOrder(List.of(after));
        assertEquals(10_001, nodes.size(), "x and the 10,000 adds of x; every log(exp(·)) + 0 is gone");
        assertTrue(nodes.stream().allMatch(m -> m == x || m.op().name().equals("add")));
        assertEquals(20_000, r.log().size(), "one log-exp and one add-zero per odd step");

        NdArray in = new NdArray(new int[] {3}, new double[] {1, -2, 0.5});
        NdArray out = ReferenceEvaluator.evaluate(after, Map.of("x", in), Map.of());
        assertEquals(new NdArray(new int[] {3}, new double[] {10_001, -20_002, 5_000.5}), out);
    }

    @Test
    void aChainOfTwentyThousandAddsThatNoRuleTouchesComesBackAsItWas() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("3"));
        Node n = x;
        for (int i = 0; i < 20_000; i++) n = b.add(n, x);
        Rewriter.Rewritten r = rewrite(b, List.of(n), RuleTables.FRONT_END);
        assertSame(n, r.roots().get(0));
        assertEquals(List.of(), r.log());
    }

    @Test
    void shapesAreKeptExactlyThroughADeepRewrite() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("batch, 3"));
        Node n = x;
        for (int i = 0; i < 5_000; i++) n = b.transpose(b.transpose(b.reshape(b.reshape(n, Shape.parse("3, batch")),
                Shape.parse("batch, 3"))));
        Rewriter.Rewritten r = rewrite(b, List.of(n), RuleTables.FRONT_END);
        assertSame(x, r.roots().get(0));
    }
}
