package dev.javano.symbolic.autodiff;

import static dev.javano.symbolic.TestGraphs.assertValues;
import static dev.javano.symbolic.TestGraphs.eval;
import static dev.javano.symbolic.TestGraphs.f64;
import static dev.javano.symbolic.TestGraphs.input;
import static dev.javano.symbolic.TestGraphs.matrix;
import static dev.javano.symbolic.TestGraphs.values;
import static dev.javano.symbolic.TestGraphs.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.ArgReduce;
import dev.javano.symbolic.ops.Compare;
import dev.javano.symbolic.ops.Unary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link Autodiff#grad} reports instead of a gradient, and the gradients it does not build. */
class AutodiffTest {

    private final GraphBuilder b = new GraphBuilder();

    @Test
    void nonScalarCost() {
        Node x = f64(b, "x", "batch, 3");
        Problem p = Autodiff.grad(b, b.square(x), List.of(x)).problem();
        assertEquals(new Problem.NonScalarCost(x.shape()), p);
        assertEquals("grad needs a scalar cost, but the cost has shape [batch, 3]; reduce it first (sum or mean)",
                p.message());
    }

    @Test
    void integerCost() {
        Node labels = input(b, "labels", DType.INT32, "4");
        Node x = f64(b, "x", "4");
        Problem p = Autodiff.grad(b, b.sumAll(labels), List.of(x)).problem();
        assertEquals(new Problem.NonFloatGrad("the cost", DType.INT32), p);
    }

    @Test
    void integerWrt() {
        Node labels = input(b, "labels", DType.INT32, "4");
        Node x = f64(b, "x", "4, 3");
        Node cost = b.sumAll(b.mul(b.oneHot(labels, 3, DType.FLOAT64), x));
        Problem p = Autodiff.grad(b, cost, List.of(x, labels)).problem();
        assertInstanceOf(Problem.NonFloatGrad.class, p);
        assertEquals("cannot differentiate with respect to labels: it is int32, only float32 and float64 are"
                + " differentiable", p.message());
    }

    /** Accuracy, {@code mean(argmax(x·w) == y)}, reaches w only through argmax. */
    @Test
    void costThroughArgmaxIsNotDifferentiable() {
        Node x = f64(b, "x", "batch, 4");
        Node y = input(b, "y", DType.INT32, "batch");
        Node w = f64(b, "w", "4, 3");
        Node predicted = b.argReduce(ArgReduce.Kind.ARGMAX, b.dot(x, w), 1, false);
        Node accuracy = Composites.meanAll(b, b.cast(b.compare(Compare.Fn.EQ, predicted, y), DType.FLOAT64));
        assertEquals(List.of(), b.problems());

        Problem p = Autodiff.grad(b, accuracy, List.of(w)).problem();
        assertEquals(new Problem.NotDifferentiable("w", "argmax"), p);
        assertEquals("the cost depends on w only through argmax, which is not differentiable", p.message());
    }

    @Test
    void costThroughAComparisonIsNotDifferentiable() {
        Node x = f64(b, "x", "4");
        Node positives = b.sumAll(b.cast(b.compare(Compare.Fn.GT, x, b.constant(0, DType.FLOAT64)), DType.FLOAT64));
        assertEquals(new Problem.NotDifferentiable("x", "gt"), Autodiff.grad(b, positives, List.of(x)).problem());
    }

    /** Labels and masks take no gradient: a cost that reaches w only through them does not depend on w smoothly. */
    @Test
    void costThroughLabelsOrAMaskIsNotDifferentiable() {
        Node x = f64(b, "x", "batch, 4");
        Node w = f64(b, "w", "4, 3");
        Node p = f64(b, "p", "batch, 3");
        Node byPrediction = b.sumAll(b.pick(p, b.argReduce(ArgReduce.Kind.ARGMAX, b.dot(x, w), 1, false)));
        assertEquals(new Problem.NotDifferentiable("w", "argmax"), Autodiff.grad(b, byPrediction, List.of(w)).problem());

        Node q = f64(b, "q", "batch, 4");
        Node masked = b.sumAll(b.select(b.compare(Compare.Fn.GT, x, b.constant(0, DType.FLOAT64)), q, b.neg(q)));
        assertEquals(List.of(), b.problems());
        assertEquals(new Problem.NotDifferentiable("x", "gt"), Autodiff.grad(b, masked, List.of(x)).problem());
        assertTrue(Autodiff.grad(b, masked, List.of(q)).isOk(), "the selected values still take a gradient");
    }

    /** A mask built from x does not carry x's gradient, but x itself still does. */
    @Test
    void maskTimesXIsDifferentiable() {
        Node x = f64(b, "x", "4");
        Node mask = b.cast(b.compare(Compare.Fn.GT, x, b.constant(0, DType.FLOAT64)), DType.FLOAT64);
        Result<Autodiff.Gradients> grads = Autodiff.grad(b, b.sumAll(b.mul(mask, x)), List.of(x));
        assertTrue(grads.isOk(), () -> grads.problem().message());
        Node g = grads.orElseThrow().grads().get(0);
        assertValues(vector(0, 1, 0, 1), eval(g, values("x", vector(-1, 2, -3, 4))));
    }

    @Test
    void disconnectedWrtIsListedAndGetsZeros() {
        Node x = f64(b, "x", "3");
        Node z = f64(b, "z", "2, 3");
        Autodiff.Gradients grads = Autodiff.grad(b, b.sumAll(b.square(x)), List.of(x, z)).orElseThrow();
        assertEquals(List.of(z), grads.disconnected());
        var at = values("x", vector(1, -2, 3), "z", matrix(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
        assertValues(vector(2, -4, 6), eval(grads.grads().get(0), at));
        assertValues(NdArray.zeros(2, 3), eval(grads.grads().get(1), at));
    }

    /** Symbolic zeros: an input the gradient does not flow through adds nothing to the gradient graph. */
    @Test
    void unusedBranchAddsNoNodes() {
        GraphBuilder alone = new GraphBuilder();
        Node x1 = f64(alone, "x", "3, 4");
        Node w1 = f64(alone, "w", "4");
        Node cost1 = alone.sumAll(alone.unary(Unary.Fn.TANH, alone.dot(x1, w1)));
        Node g1 = Autodiff.grad(alone, cost1, List.of(w1)).orElseThrow().grads().get(0);

        Node x = f64(b, "x", "3, 4");
        Node w = f64(b, "w", "4");
        Node u = f64(b, "u", "3, 4");
        Node unused = b.sumAll(b.exp(b.mul(u, x)));
        Node cost = b.add(b.sumAll(b.unary(Unary.Fn.TANH, b.dot(x, w))), unused);
        Node g = Autodiff.grad(b, cost, List.of(w)).orElseThrow().grads().get(0);

        List<Node> gradGraph = Graphs.topologicalOrder(List.of(g));
        assertFalse(gradGraph.contains(u), "the gradient graph reads u");
        assertEquals(Graphs.topologicalOrder(List.of(g1)).size(), gradGraph.size(),
                "the branch through u changed the gradient graph's size");
    }
}
