package dev.javano.processor.translate;

import com.sun.source.tree.Tree;
import dev.javano.DType;
import dev.javano.processor.diag.Message;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.ArgReduce;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Compare;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Unary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DSL's vocabulary as the translator sees it: every {@code Ops} function and {@code Tensor}
 * method, each overload a row with its parameter kinds and the graph it builds. A call matches
 * the first row its arguments fit.
 */
final class DslTable {

    /** What a parameter accepts. */
    enum Arg {
        TENSOR, SCALAR, INT, BOOL, INTS, DTYPE, STRING, DOUBLES,
        /** Trailing {@code Tensor...}: the remaining tensors, or one {@code Tensor[]}. */
        TENSORS,
        /** Trailing {@code int...}: the remaining ints, or one {@code int[]}. */
        INT_VARARGS
    }

    @FunctionalInterface
    interface Impl {
        Value apply(Call c);
    }

    record Form(List<Arg> params, Impl impl) {}

    private final Translator t;
    private final GraphBuilder b;
    private final Map<String, List<Form>> ops = new HashMap<>();
    private final Map<String, List<Form>> tensor = new HashMap<>();

    DslTable(Translator t) {
        this.t = t;
        this.b = t.b;
        elementwise();
        reductions();
        specials();
        construction();
        gradients();
        tensorMethods();
    }

    Value callOps(String name, List<Value> args, Tree site) {
        List<Form> forms = ops.get(name);
        if (forms == null) throw t.error(site, Message.UNKNOWN_OPERATION, name);
        return dispatch("Ops." + name, forms, args, site);
    }

    Value callTensor(Value receiver, String name, List<Value> args, Tree site) {
        if (!(receiver instanceof Value.TensorValue)) {
            throw t.error(site, Message.VALUE_KIND, "calling " + name, "a Tensor receiver", receiver.describe());
        }
        List<Form> forms = tensor.get(name);
        if (forms == null) throw t.error(site, Message.UNKNOWN_OPERATION, "Tensor." + name);
        List<Value> all = new ArrayList<>();
        all.add(receiver);
        all.addAll(args);
        return dispatch("Tensor." + name, forms, all, site);
    }

    private Value dispatch(String name, List<Form> forms, List<Value> args, Tree site) {
        for (Form f : forms) {
            List<Value> fitted = Call.fit(f.params(), args);
            if (fitted != null) {
                b.at(site);
                return f.impl().apply(new Call(this, fitted, site));
            }
        }
        throw t.error(site, Message.WRONG_ARGUMENTS, name, Translator.describeAll(args));
    }

    /** A double argument as a graph scalar: a constant for a number, the node for a run-time scalar. */
    Node scalar(Value v, Tree site, String what) {
        if (v instanceof Value.Num n) return b.constant(n.value(), DType.FLOAT64);
        if (v instanceof Value.TensorValue tv && tv.isRuntimeScalar()) return tv.node();
        throw t.error(site, Message.VALUE_KIND, what, "a number or a @Hyper field", v.describe());
    }

    GraphBuilder b() {
        return b;
    }

    Translator translator() {
        return t;
    }

    private void op(String name, Impl impl, Arg... params) {
        ops.computeIfAbsent(name, k -> new ArrayList<>()).add(new Form(List.of(params), impl));
    }

    private void method(String name, Impl impl, Arg... params) {
        List<Arg> all = new ArrayList<>();
        all.add(Arg.TENSOR);
        all.addAll(List.of(params));
        tensor.computeIfAbsent(name, k -> new ArrayList<>()).add(new Form(all, impl));
    }

    private static Value tensor(Node n) {
        return new Value.TensorValue(n);
    }

    // ---- the rows

    private void elementwise() {
        for (Unary.Fn fn : Unary.Fn.values()) {
            if (fn == Unary.Fn.NEG) continue;
            op(fn.opName(), c -> tensor(b.unary(fn, c.tensor(0))), Arg.TENSOR);
        }
        op("relu", c -> tensor(Composites.relu(b, c.tensor(0))), Arg.TENSOR);
        op("pow", c -> tensor(b.pow(c.tensor(0), c.scalar(1))), Arg.TENSOR, Arg.SCALAR);
        op("pow", c -> tensor(b.pow(c.tensor(0), c.tensor(1))), Arg.TENSOR, Arg.TENSOR);
        for (String name : List.of("maximum", "minimum")) {
            Binary.Fn fn = name.equals("maximum") ? Binary.Fn.MAXIMUM : Binary.Fn.MINIMUM;
            op(name, c -> tensor(b.binary(fn, c.tensor(0), c.scalar(1))), Arg.TENSOR, Arg.SCALAR);
            op(name, c -> tensor(b.binary(fn, c.tensor(0), c.tensor(1))), Arg.TENSOR, Arg.TENSOR);
        }
        for (Arg a : List.of(Arg.TENSOR, Arg.SCALAR)) {
            for (Arg z : List.of(Arg.TENSOR, Arg.SCALAR)) {
                op("where", c -> tensor(b.select(c.tensor(0), c.operand(1), c.operand(2))), Arg.TENSOR, a, z);
            }
        }
        op("clip", c -> tensor(b.binary(Binary.Fn.MINIMUM, b.binary(Binary.Fn.MAXIMUM, c.tensor(0), c.scalar(1)),
                c.scalar(2))), Arg.TENSOR, Arg.SCALAR, Arg.SCALAR);
    }

    private void reductions() {
        Map<String, Reduce.Kind> kinds = Map.of("sum", Reduce.Kind.SUM, "max", Reduce.Kind.MAX, "min", Reduce.Kind.MIN);
        kinds.forEach((name, kind) -> reduction(name, (x, axes, keep) -> b.reduce(kind, x, axes, keep)));
        reduction("mean", (x, axes, keep) -> Composites.mean(b, x, axes, keep));
        for (ArgReduce.Kind kind : ArgReduce.Kind.values()) {
            String name = kind.opName();
            op(name, c -> tensor(b.argReduce(kind, c.tensor(0), c.integer(1), false)), Arg.TENSOR, Arg.INT);
            op(name, c -> tensor(b.argReduce(kind, c.tensor(0), c.integer(1), c.bool(2))), Arg.TENSOR, Arg.INT, Arg.BOOL);
        }
    }

    private interface Reduction {
        Node apply(Node x, int[] axes, boolean keepdims);
    }

    private void reduction(String name, Reduction r) {
        op(name, c -> tensor(r.apply(c.tensor(0), GraphBuilder.allAxes(c.tensor(0)), false)), Arg.TENSOR);
        op(name, c -> tensor(r.apply(c.tensor(0), new int[] {c.integer(1)}, false)), Arg.TENSOR, Arg.INT);
        op(name, c -> tensor(r.apply(c.tensor(0), new int[] {c.integer(1)}, c.bool(2))), Arg.TENSOR, Arg.INT, Arg.BOOL);
        op(name, c -> tensor(r.apply(c.tensor(0), c.ints(1), c.bool(2))), Arg.TENSOR, Arg.INTS, Arg.BOOL);
    }

    private void specials() {
        op("softmax", c -> tensor(b.softmax(c.tensor(0), -1)), Arg.TENSOR);
        op("softmax", c -> tensor(b.softmax(c.tensor(0), c.integer(1))), Arg.TENSOR, Arg.INT);
        op("logSoftmax", c -> tensor(b.logSoftmax(c.tensor(0), -1)), Arg.TENSOR);
        op("logSoftmax", c -> tensor(b.logSoftmax(c.tensor(0), c.integer(1))), Arg.TENSOR, Arg.INT);
        op("crossentropy", c -> tensor(Composites.crossentropy(b, c.tensor(0), c.tensor(1))), Arg.TENSOR, Arg.TENSOR);
        op("binaryCrossentropy", c -> tensor(Composites.binaryCrossentropy(b, c.tensor(0), c.tensor(1))),
                Arg.TENSOR, Arg.TENSOR);
        op("oneHot", c -> tensor(b.oneHot(c.tensor(0), c.integer(1), DType.FLOAT32)), Arg.TENSOR, Arg.INT);
        op("oneHot", c -> tensor(b.oneHot(c.tensor(0), c.integer(1), c.dtype(2))), Arg.TENSOR, Arg.INT, Arg.DTYPE);
        op("concat", c -> tensor(b.concat(c.integer(0), c.tensors(1))), Arg.INT, Arg.TENSORS);
        op("stack", c -> tensor(Composites.stack(b, c.integer(0), c.tensors(1))), Arg.INT, Arg.TENSORS);
        op("flip", c -> tensor(Composites.flip(b, c.tensor(0), c.integer(1))), Arg.TENSOR, Arg.INT);
    }

    private void construction() {
        op("zerosLike", c -> tensor(b.zerosLike(c.tensor(0))), Arg.TENSOR);
        op("onesLike", c -> tensor(Composites.onesLike(b, c.tensor(0))), Arg.TENSOR);
        op("constant", c -> tensor(c.scalar(0)), Arg.SCALAR);
        op("constant", c -> tensor(b.constant(c.array(0), DType.FLOAT32)), Arg.DOUBLES);
        op("constant", c -> tensor(b.broadcastTo(b.constant(c.number(0), DType.FLOAT32), c.shape(1))),
                Arg.SCALAR, Arg.STRING);
    }

    private void gradients() {
        op("grad", c -> tensor(Differentiation.grad(t, c.tensor(0), List.of(c.tensor(1)), c.site()).get(0)),
                Arg.TENSOR, Arg.TENSOR);
        op("grads", c -> new Value.Tensors(Differentiation.grad(t, c.tensor(0), c.tensors(1), c.site())),
                Arg.TENSOR, Arg.TENSORS);
        op("update", c -> {
            t.update(c.tensor(0), c.tensor(1), c.site());
            return new Value.Void();
        }, Arg.TENSOR, Arg.TENSOR);
        op("shared", c -> new Value.Tensors(t.decl.shared().stream().map(f -> t.field(f.name())).toList()));
        Optimizers.register(this);
    }

    /** Registers an optimizer row; optimizers live in {@link Optimizers}. */
    void optimizer(String name, Impl impl, Arg... params) {
        op(name, impl, params);
    }

    private void tensorMethods() {
        Map<String, Binary.Fn> arithmetic = Map.of(
                "plus", Binary.Fn.ADD, "minus", Binary.Fn.SUB, "times", Binary.Fn.MUL, "div", Binary.Fn.DIV,
                "pow", Binary.Fn.POW);
        // the scalar forms first: a run-time scalar (lr * lr) takes the receiver's dtype, as a number does
        arithmetic.forEach((name, fn) -> {
            method(name, c -> tensor(b.binary(fn, c.tensor(0), c.scalar(1))), Arg.SCALAR);
            method(name, c -> tensor(b.binary(fn, c.tensor(0), c.tensor(1))), Arg.TENSOR);
        });
        for (Compare.Fn fn : Compare.Fn.values()) {
            method(fn.opName(), c -> tensor(b.compare(fn, c.tensor(0), c.scalar(1))), Arg.SCALAR);
            method(fn.opName(), c -> tensor(b.compare(fn, c.tensor(0), c.tensor(1))), Arg.TENSOR);
        }
        method("neg", c -> tensor(b.neg(c.tensor(0))));
        method("dot", c -> tensor(b.dot(c.tensor(0), c.tensor(1))), Arg.TENSOR);
        method("t", c -> tensor(b.transpose(c.tensor(0))));
        method("transpose", c -> tensor(c.ints(1).length == 0 ? b.transpose(c.tensor(0)) : b.transpose(c.tensor(0),
                c.ints(1))), Arg.INT_VARARGS);
        method("reshape", c -> tensor(Reshapes.reshape(c, c.tensor(0), c.ints(1))), Arg.INT_VARARGS);
        method("reshape", c -> tensor(b.reshape(c.tensor(0), c.shape(1))), Arg.STRING);
        method("get", c -> tensor(Composites.index(b, c.tensor(0), 0, c.integer(1))), Arg.INT);
        method("get", c -> tensor(Composites.index(b, c.tensor(0), c.integer(1), c.integer(2))), Arg.INT, Arg.INT);
        method("get", c -> tensor(Composites.take(b, c.tensor(0), c.tensor(1))), Arg.TENSOR);
        method("slice", c -> tensor(b.slice(c.tensor(0), 0, c.integer(1), c.integer(2), 1)), Arg.INT, Arg.INT);
        method("slice", c -> tensor(b.slice(c.tensor(0), c.integer(1), c.integer(2), c.integer(3), 1)),
                Arg.INT, Arg.INT, Arg.INT);
        method("slice", c -> tensor(b.slice(c.tensor(0), c.integer(1), c.integer(2), c.integer(3), c.integer(4))),
                Arg.INT, Arg.INT, Arg.INT, Arg.INT);
        method("cast", c -> tensor(b.cast(c.tensor(0), c.dtype(1))), Arg.DTYPE);
        method("asFloat", c -> tensor(b.cast(c.tensor(0), DType.FLOAT32)));
        method("asDouble", c -> tensor(b.cast(c.tensor(0), DType.FLOAT64)));
        method("asInt", c -> tensor(b.cast(c.tensor(0), DType.INT32)));
    }
}
