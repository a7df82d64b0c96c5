package dev.javano.processor.translate;

import com.sun.source.tree.Tree;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Unary;
import dev.javano.symbolic.ops.Variable;
import java.util.List;
import java.util.Set;

/**
 * The built-in optimizers, expanded at compile time into ordinary updates. Their state (a
 * velocity, Adam's moments and step) is extra shared variables named
 * {@code <updates method>.<parameter>.<slot>}, zero at the start, that the generated class
 * keeps with the model and saves with it.
 */
final class Optimizers {

    private Optimizers() {}

    /** Everything one parameter's rule needs. */
    private record Step(Node w, Node g, String prefix) {}

    @FunctionalInterface
    private interface Rule {
        void apply(Translator t, Step s, Node[] hyper, Tree site);
    }

    static void register(DslTable table) {
        DslTable.Arg T = DslTable.Arg.TENSOR;
        DslTable.Arg S = DslTable.Arg.SCALAR;
        define(table, "sgd", Optimizers::sgd, new double[0], T, S);
        define(table, "momentum", Optimizers::momentum, new double[0], T, S, S);
        define(table, "nesterov", Optimizers::nesterov, new double[0], T, S, S);
        define(table, "adam", null, new double[] {0.9, 0.999, 1e-8}, T, S);
        define(table, "adam", null, new double[0], T, S, S, S, S);
        define(table, "rmsprop", Optimizers::rmsprop, new double[] {0.9, 1e-6}, T, S);
        define(table, "rmsprop", Optimizers::rmsprop, new double[0], T, S, S, S);
        define(table, "adagrad", Optimizers::adagrad, new double[] {1e-6}, T, S);
        define(table, "adagrad", Optimizers::adagrad, new double[0], T, S, S);
    }

    /** A row for {@code name(cost, hyper..., [defaults])}; a null rule means Adam, which has model-wide state. */
    private static void define(DslTable table, String name, Rule rule, double[] defaults, DslTable.Arg... params) {
        table.optimizer(name, c -> {
            Translator t = c.table().translator();
            t.requireUpdates(c.site(), name);
            int given = params.length - 1;
            Node[] hyper = new Node[given + defaults.length];
            for (int i = 0; i < given; i++) hyper[i] = c.scalar(i + 1);
            for (int i = 0; i < defaults.length; i++) hyper[given + i] = c.table().b().constant(defaults[i], dev.javano.DType.FLOAT64);
            expand(t, c.tensor(0), hyper, c.site(), rule);
            return new Value.Void();
        }, params);
    }

    private static void expand(Translator t, Node cost, Node[] hyper, Tree site, Rule rule) {
        List<Node> params = parameters(t, cost);
        if (params.isEmpty()) return;
        List<Node> grads = Differentiation.grad(t, cost, params, site);
        String function = t.currentFunction();
        Rule r = rule != null ? rule : adam(t, cost, function, site);
        for (int i = 0; i < params.size(); i++) {
            Node w = params.get(i);
            String prefix = function + "." + ((Variable) w.op()).field() + ".";
            // in the parameter's dtype (still weak), so that 1 - beta is not a float64 tensor in a float32 model
            Node[] h = new Node[hyper.length];
            for (int k = 0; k < h.length; k++) h[k] = t.b.cast(hyper[k], w.dtype());
            r.apply(t, new Step(w, grads.get(i), prefix), h, site);
        }
    }

    /** The floating {@code @Shared} fields the cost depends on, in declaration order. */
    private static List<Node> parameters(Translator t, Node cost) {
        Set<Node> ancestors = Set.copyOf(Graphs.topologicalOrder(List.of(cost)));
        return t.decl.shared().stream()
                .map(f -> t.field(f.name()))
                .filter(n -> n.type().isFloating() && ancestors.contains(n))
                .toList();
    }

    private static Node state(Translator t, Step s, String slot) {
        return t.b.shared(s.prefix() + slot, s.w().type());
    }

    private static void sgd(Translator t, Step s, Node[] h, Tree site) {
        GraphBuilder b = t.b;
        t.update(s.w(), b.sub(s.w(), b.mul(s.g(), h[0])), site);
    }

    private static void momentum(Translator t, Step s, Node[] h, Tree site) {
        GraphBuilder b = t.b;
        Node v = state(t, s, "velocity");
        Node vNew = b.sub(b.mul(v, h[1]), b.mul(s.g(), h[0]));
        t.update(v, vNew, site);
        t.update(s.w(), b.add(s.w(), vNew), site);
    }

    private static void nesterov(Translator t, Step s, Node[] h, Tree site) {
        GraphBuilder b = t.b;
        Node v = state(t, s, "velocity");
        Node vNew = b.sub(b.mul(v, h[1]), b.mul(s.g(), h[0]));
        t.update(v, vNew, site);
        t.update(s.w(), b.sub(b.add(s.w(), b.mul(vNew, h[1])), b.mul(s.g(), h[0])), site);
    }

    private static void rmsprop(Translator t, Step s, Node[] h, Tree site) {
        GraphBuilder b = t.b;
        Node a = state(t, s, "accumulator");
        Node aNew = b.add(b.mul(a, h[1]), b.mul(b.square(s.g()), b.rsub(1, h[1])));
        t.update(a, aNew, site);
        t.update(s.w(), b.sub(s.w(), b.div(b.mul(s.g(), h[0]), b.unary(Unary.Fn.SQRT, b.add(aNew, h[2])))), site);
    }

    private static void adagrad(Translator t, Step s, Node[] h, Tree site) {
        GraphBuilder b = t.b;
        Node a = state(t, s, "accumulator");
        Node aNew = b.add(a, b.square(s.g()));
        t.update(a, aNew, site);
        t.update(s.w(), b.sub(s.w(), b.div(b.mul(s.g(), h[0]), b.unary(Unary.Fn.SQRT, b.add(aNew, h[1])))), site);
    }

    /** Adam: a step counter shared by all parameters, then two moments per parameter. */
    private static Rule adam(Translator t, Node cost, String function, Tree site) {
        GraphBuilder b = t.b;
        Node step = b.shared(function + ".t", dev.javano.symbolic.ir.TensorType.scalar(cost.dtype()));
        Node stepNew = b.add(step, 1);
        t.update(step, stepNew, site);
        return (tr, s, h, where) -> {
            Node m = state(tr, s, "m");
            Node v = state(tr, s, "v");
            Node mNew = b.add(b.mul(m, h[1]), b.mul(s.g(), b.rsub(1, h[1])));
            Node vNew = b.add(b.mul(v, h[2]), b.mul(b.square(s.g()), b.rsub(1, h[2])));
            Node correction = b.div(b.unary(Unary.Fn.SQRT, b.rsub(1, b.pow(h[2], stepNew))), b.rsub(1, b.pow(h[1], stepNew)));
            Node stepSize = b.mul(h[0], correction);
            Node delta = b.div(b.mul(mNew, stepSize), b.add(b.unary(Unary.Fn.SQRT, vNew), h[3]));
            tr.update(m, mNew, where);
            tr.update(v, vNew, where);
            tr.update(s.w(), b.sub(s.w(), delta), where);
        };
    }
}
