package dev.javano.symbolic.rewrite;

import static dev.javano.symbolic.TestGraphs.assertClose;
import static dev.javano.symbolic.TestGraphs.f64;
import static dev.javano.symbolic.TestGraphs.random;
import static dev.javano.symbolic.TestGraphs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.symbolic.Loops;
import dev.javano.symbolic.TestGraphs.Domain;
import dev.javano.symbolic.autodiff.Autodiff;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Verifier;
import dev.javano.symbolic.ops.Dot;
import dev.javano.symbolic.ops.Gemm;
import dev.javano.symbolic.ops.Loop;
import dev.javano.symbolic.ops.Scan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Structure and values of {@link LoopHoisting} on an Elman network and its gradient. */
class LoopHoistingTest {

    private final GraphBuilder b = new GraphBuilder();

    @Test
    void theInputProjectionAndTheWeightGradientsLeaveTheLoops() {
        Node[] in = {f64(b, "xs", "4, batch, 3"), f64(b, "h0", "batch, 2"), f64(b, "wx", "3, 2"), f64(b, "wh", "2, 2")};
        Node cost = b.sumAll(b.square(Loops.elman(b, in, false, true)));
        List<Node> roots = new ArrayList<>(Autodiff.grad(b, cost, List.of(in[2], in[3], in[1])).orElseThrow().grads());
        roots.add(cost);
        List<Node> hoisted = LoopHoisting.run(b, roots);
        Verifier.verify(b, hoisted);

        List<Loop> loops = Graphs.topologicalOrder(hoisted).stream().filter(n -> n.op() instanceof Scan)
                .map(n -> ((Scan) n.op()).loop()).distinct().toList();
        assertEquals(2, loops.size(), "still one forward and one reverse loop");
        Loop forward = loops.stream().filter(l -> !l.backwards()).findFirst().orElseThrow();
        Loop reverse = loops.stream().filter(Loop::backwards).findFirst().orElseThrow();
        assertTrue(bodyOf(forward).stream().noneMatch(n -> n.op() instanceof Dot && forward.sequences().contains(n.input(0))),
                "x_t·wx is no longer computed step by step");
        assertEquals(List.of("elman'.dh"), reverse.states().stream().map(n -> n.op().name().substring(5)).toList(),
                "the reverse loop carries only the state's cotangent");
        long sequenceGemms = Graphs.topologicalOrder(hoisted).stream()
                .filter(n -> n.op() instanceof Gemm && n.input(0).rank() == 3).count();
        assertEquals(3, sequenceGemms, "one gemm for the projection, one per weight gradient");
        assertTrue(hoisted.get(0).op() instanceof Gemm && hoisted.get(1).op() instanceof Gemm,
                () -> "a weight gradient is its gemm alone, not zeros + gemm (so that SGD folds into it): " + hoisted.get(0));

        Random r = new Random(11);
        Map<String, NdArray> v = values("xs", random(r, new int[] {4, 2, 3}, Domain.UNIFORM), "h0", random(r, new int[] {2, 2}, Domain.UNIFORM),
                "wx", random(r, new int[] {3, 2}, Domain.UNIFORM), "wh", random(r, new int[] {2, 2}, Domain.UNIFORM));
        List<NdArray> before = ReferenceEvaluator.evaluate(roots, v, Map.of("batch", 2));
        List<NdArray> after = ReferenceEvaluator.evaluate(hoisted, v, Map.of("batch", 2));
        for (int i = 0; i < before.size(); i++) assertClose(before.get(i), after.get(i), 1e-12, 1e-12, "root " + i);
    }

    @Test
    void aGraphWithoutLoopsIsLeftAlone() {
        Node x = f64(b, "x", "batch, 3");
        List<Node> roots = List.of(b.sumAll(b.exp(x)));
        assertEquals(roots, LoopHoisting.run(b, roots));
    }

    private static List<Node> bodyOf(Loop loop) {
        return Graphs.topologicalOrder(loop.results());
    }
}
