package dev.javano.processor.translate;

import com.sun.source.tree.Tree;
import dev.javano.processor.diag.Message;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.autodiff.Autodiff;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.rewrite.Rewriter;
import dev.javano.symbolic.rewrite.rules.RuleTables;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code grad(cost, wrt)} in a model method. The cost is stabilized before it is differentiated,
 * so that the gradient of crossentropy-of-softmax is the fused op's {@code p − onehot} rather
 * than the derivative of the unstable form.
 */
final class Differentiation {

    private Differentiation() {}

    static List<Node> grad(Translator t, Node cost, List<Node> wrt, Tree site) {
        GraphBuilder b = t.b;
        for (Node w : wrt) {
            boolean variable = w.op() instanceof Variable v && v.kind() != Variable.Kind.HYPER;
            if (!variable && !GraphBuilder.isPoison(w)) {
                throw t.error(site, Message.GRAD_WRT_NOT_VARIABLE, Autodiff.describe(w));
            }
        }
        if (GraphBuilder.isPoison(cost) || wrt.stream().anyMatch(GraphBuilder::isPoison)) return poisons(b, wrt);
        Node stable = Rewriter.run(b, List.of(cost), RuleTables.FRONT_END).roots().get(0);
        Result<Autodiff.Gradients> result = Autodiff.grad(b.at(site), stable, wrt);
        if (!result.isOk()) {
            b.report(result.problem());
            return poisons(b, wrt);
        }
        for (Node d : result.orElseThrow().disconnected()) t.warn(site, Message.DISCONNECTED_GRAD, Autodiff.describe(d));
        return result.orElseThrow().grads();
    }

    /** One poison per requested gradient, after the problem was reported. */
    private static List<Node> poisons(GraphBuilder b, List<Node> wrt) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < wrt.size(); i++) out.add(b.poison());
        return out;
    }
}
