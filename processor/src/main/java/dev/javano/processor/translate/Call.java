package dev.javano.processor.translate;

import com.sun.source.tree.Tree;
import dev.javano.DType;
import dev.javano.processor.diag.Message;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import dev.javano.symbolic.shape.ShapeParser;
import java.util.ArrayList;
import java.util.List;

/** The arguments of one DSL call, fitted to a {@link DslTable.Form}, with typed accessors. */
final class Call {

    private final DslTable table;
    private final List<Value> args;
    private final Tree site;

    Call(DslTable table, List<Value> args, Tree site) {
        this.table = table;
        this.args = args;
        this.site = site;
    }

    /** The arguments regrouped for {@code params} (varargs collected), or null when they do not fit. */
    static List<Value> fit(List<DslTable.Arg> params, List<Value> args) {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            DslTable.Arg p = params.get(i);
            if (p == DslTable.Arg.TENSORS || p == DslTable.Arg.INT_VARARGS) {
                Value rest = varargs(p, args.subList(Math.min(i, args.size()), args.size()));
                if (rest == null) return null;
                out.add(rest);
                return out;
            }
            if (i >= args.size() || !accepts(p, args.get(i))) return null;
            out.add(args.get(i));
        }
        return out.size() == args.size() ? out : null;
    }

    private static Value varargs(DslTable.Arg p, List<Value> rest) {
        boolean tensors = p == DslTable.Arg.TENSORS;
        if (rest.size() == 1 && (tensors ? rest.get(0) instanceof Value.Tensors : rest.get(0) instanceof Value.Ints)) {
            return rest.get(0);
        }
        if (tensors && rest.stream().allMatch(v -> v instanceof Value.TensorValue)) {
            return new Value.Tensors(rest.stream().map(v -> ((Value.TensorValue) v).node()).toList());
        }
        if (!tensors && rest.stream().allMatch(v -> v instanceof Value.Num n && n.integral())) {
            return new Value.Ints(rest.stream().mapToInt(v -> (int) ((Value.Num) v).value()).toArray());
        }
        return null;
    }

    private static boolean accepts(DslTable.Arg p, Value v) {
        switch (p) {
            case TENSOR: return v instanceof Value.TensorValue;
            case SCALAR: return v instanceof Value.Num || v instanceof Value.TensorValue t && t.isRuntimeScalar();
            case INT: return v instanceof Value.Num n && n.integral();
            case BOOL: return v instanceof Value.Bool;
            case INTS: return v instanceof Value.Ints;
            case DTYPE: return v instanceof Value.DTypeValue;
            case STRING: return v instanceof Value.Str;
            case DOUBLES: return v instanceof Value.Doubles || v instanceof Value.Ints;
            default: return false;
        }
    }

    DslTable table() {
        return table;
    }

    Tree site() {
        return site;
    }

    Node tensor(int i) {
        return ((Value.TensorValue) args.get(i)).node();
    }

    /**
     * A double parameter as a graph scalar in the dtype of the tensor it meets (the first
     * argument): a number or a {@code @Hyper} field is weak and takes that dtype by itself;
     * arithmetic on {@code @Hyper} fields ({@code -lr}) is float64 and is cast.
     */
    Node scalar(int i) {
        Node s = table.scalar(args.get(i), site, "argument " + (i + 1));
        if (i > 0 && args.get(0) instanceof Value.TensorValue t && !GraphBuilder.isWeak(s)) {
            s = table.b().cast(s, t.node().dtype());
        }
        return s;
    }

    /** A tensor or double argument as a node. */
    Node operand(int i) {
        return args.get(i) instanceof Value.TensorValue tv ? tv.node() : scalar(i);
    }

    /** A double parameter that must be known now. */
    double number(int i) {
        if (args.get(i) instanceof Value.Num n) return n.value();
        throw table.translator().error(site, Message.NOT_COMPILE_TIME, "argument " + (i + 1), "got " + args.get(i).describe());
    }

    int integer(int i) {
        return (int) ((Value.Num) args.get(i)).value();
    }

    boolean bool(int i) {
        return ((Value.Bool) args.get(i)).value();
    }

    int[] ints(int i) {
        return ((Value.Ints) args.get(i)).values();
    }

    List<Node> tensors(int i) {
        return ((Value.Tensors) args.get(i)).nodes();
    }

    DType dtype(int i) {
        return ((Value.DTypeValue) args.get(i)).dtype();
    }

    /** A {@code double[]} or {@code double[][]} argument as an array. */
    NdArray array(int i) {
        if (args.get(i) instanceof Value.Ints is) {
            return new NdArray(new int[] {is.values().length}, java.util.Arrays.stream(is.values()).asDoubleStream().toArray());
        }
        Value.Doubles d = (Value.Doubles) args.get(i);
        if (!d.matrix()) return new NdArray(new int[] {d.rows()[0].length}, d.rows()[0]);
        int cols = d.rows()[0].length;
        for (double[] row : d.rows()) {
            if (row.length != cols) {
                throw table.translator().error(site, Message.BAD_ARGUMENT, "constant: rows of a matrix have "
                        + cols + " and " + row.length + " elements");
            }
        }
        double[] flat = java.util.Arrays.stream(d.rows()).flatMapToDouble(java.util.Arrays::stream).toArray();
        return new NdArray(new int[] {d.rows().length, cols}, flat);
    }

    /** A shape-string argument, parsed against the model's constants; its named dims must be the model's. */
    Shape shape(int i) {
        String text = ((Value.Str) args.get(i)).value();
        Translator t = table.translator();
        var parsed = ShapeParser.parse(text, n -> t.decl.constants().get(n) instanceof Integer v ? v : null);
        if (!parsed.isOk()) throw t.error(site, Message.MALFORMED_SHAPE, parsed.problem().message());
        Shape shape = parsed.orElseThrow();
        for (Dim d : shape.dims()) {
            if (d instanceof Dim.Named n && !t.decl.allDims().contains(n.name())) {
                throw t.error(site, Message.UNKNOWN_DIM, n.name(), text);
            }
        }
        return shape;
    }
}
