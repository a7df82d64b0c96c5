package dev.javano.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.javano.processor.JavanoProcessor;
import dev.javano.processor.emit.Lowering;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.runtime.Npz;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.print.TextPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated CPU code of every primitive op and every composite of the model language, held
 * to the float64 reference evaluator on random shapes and values, in float32 and in float64
 * models. Each case is a tiny {@code @Model}: an {@code @Output} computing the op from
 * {@code @Input} fields (and {@code @Shared} ones, sized by the builder's {@code hidden}), or,
 * for what only gradients reach (unslice, one-hot, gemm with transposes, bias and accumulation,
 * in-place updates, the optimizers), a {@code @Loss} and an {@code @Updates} method whose steps
 * must follow the reference evaluation of the same graph: the loss and every updated variable,
 * optimizer state included (read back through {@code save}). Each output is computed at two
 * batch sizes, the smaller first, so that work buffers must grow. A case the CPU back end
 * cannot emit yet asserts the processor's clear JVN409 error instead.
 */
class GeneratedOpsTest {

    private static final int HIDDEN = 3;
    /** Relative tolerances: float32 code uses the FastMath approximations; float64 code keeps full precision. */
    private static final double F32_TOLERANCE = 1e-5;
    private static final double F64_TOLERANCE = 1e-12;

    enum Precision {
        F32("FLOAT32", "asFloat", "asDouble", F32_TOLERANCE),
        F64("FLOAT64", "asDouble", "asFloat", F64_TOLERANCE);

        final String dtype;
        final String cast;
        final String otherCast;
        final double tolerance;

        Precision(String dtype, String cast, String otherCast, double tolerance) {
            this.dtype = dtype;
            this.cast = cast;
            this.otherCast = otherCast;
            this.tolerance = tolerance;
        }

        /** {@code $F} is the model's dtype, {@code $asF()} the cast to it, {@code $asOther()} the cast to the other float type. */
        String expand(String text) {
            return text.replace("$asOther", otherCast).replace("$asF", cast).replace("$F", dtype);
        }

        double round(double v) {
            return this == F32 ? (float) v : v;
        }
    }

    /** How an input's values are drawn. */
    enum Domain {
        /** Gaussian, standard deviation 1.5. */
        NORMAL,
        /** Uniform in [0.5, 2]: logs, roots, divisors, bases of powers. */
        POSITIVE,
        /** Uniform in [0.05, 0.95]: probabilities, binary targets. */
        UNIT,
        /** Integers in [-2, 2] as floats: ties for comparisons, zeros for sign. */
        SMALL,
        /** int32 class labels in [0, classes). */
        LABELS,
        /** int32 values in [-3, 3]. */
        INTS
    }

    record Field(String name, String shape, Domain domain, int classes, String dtype) {
        boolean isInt() {
            return domain == Domain.LABELS || domain == Domain.INTS;
        }
    }

    /** One op's test: the fields of its model, its members, and what to expect. */
    static final class Case {
        final String name;
        final List<Field> inputs = new ArrayList<>();
        final List<Field> shared = new ArrayList<>();
        final Map<String, Double> hypers = new LinkedHashMap<>();
        final String members;
        final boolean updates;
        final List<Precision> precisions = new ArrayList<>(List.of(Precision.F32, Precision.F64));
        String unsupported;
        Double tolerance;
        final List<String> lowered = new ArrayList<>();

        private Case(String name, String members, boolean updates) {
            this.name = name;
            this.members = members;
            this.updates = updates;
        }

        Case in(String name, String shape) {
            return input(name, shape, Domain.NORMAL, 0);
        }

        Case pos(String name, String shape) {
            return input(name, shape, Domain.POSITIVE, 0);
        }

        Case unit(String name, String shape) {
            return input(name, shape, Domain.UNIT, 0);
        }

        Case small(String name, String shape) {
            return input(name, shape, Domain.SMALL, 0);
        }

        Case labels(String name, String shape, int classes) {
            return input(name, shape, Domain.LABELS, classes);
        }

        Case ints(String name, String shape) {
            return input(name, shape, Domain.INTS, 0);
        }

        private Case input(String name, String shape, Domain domain, int classes) {
            String dtype = domain == Domain.LABELS || domain == Domain.INTS ? "INT32" : "$F";
            inputs.add(new Field(name, shape, domain, classes, dtype));
            return this;
        }

        /** A {@code @Shared} parameter of the model's dtype, set to random values. */
        Case shared(String name, String shape) {
            shared.add(new Field(name, shape, Domain.NORMAL, 0, "$F"));
            return this;
        }

        Case hyper(String name, double value) {
            hypers.put(name, value);
            return this;
        }

        Case only(Precision p) {
            precisions.retainAll(List.of(p));
            return this;
        }

        /** The back end cannot emit this case yet: compiling it must fail with JVN409 naming {@code what}. */
        Case unsupported(String what) {
            this.unsupported = what;
            return this;
        }

        /** The back end's graph of the function (after its specialize phase) must contain {@code op}, as printed. */
        Case lowersTo(String... ops) {
            lowered.addAll(List.of(ops));
            return this;
        }

        /** A looser tolerance, for a float64 model that rounds through float32 on purpose. */
        Case tolerance(double relative) {
            this.tolerance = relative;
            return this;
        }

        double tolerance(Precision p) {
            return tolerance != null ? Math.max(tolerance, p.tolerance) : p.tolerance;
        }

        boolean usesHidden() {
            return Stream.concat(inputs.stream(), shared.stream()).anyMatch(f -> f.shape().contains("hidden"));
        }

        String source(String className, Precision p) {
            StringBuilder s = new StringBuilder();
            s.append("package demo;\n\nimport dev.javano.*;\nimport static dev.javano.Ops.*;\n\n@Model\nabstract class ")
                    .append(className).append(" {\n");
            for (Field f : inputs) {
                s.append("    @Input(shape = \"").append(f.shape()).append("\", dtype = DType.").append(f.dtype())
                        .append(") Tensor ").append(f.name()).append(";\n");
            }
            for (Field f : shared) {
                s.append("    @Shared(shape = \"").append(f.shape()).append("\", dtype = DType.").append(f.dtype())
                        .append(") Tensor ").append(f.name()).append(";\n");
            }
            hypers.forEach((h, v) -> s.append("    @Hyper double ").append(h).append(" = ").append(v).append(";\n"));
            s.append("    ").append(members).append("\n}\n");
            return p.expand(s.toString());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case out(String name, String expression) {
        return new Case(name, "@Output Tensor out() { return " + expression + "; }", false);
    }

    /** A loss and a training step: {@code train} is called three times, each step held to the reference. */
    static Case train(String name, String loss, String step) {
        return new Case(name, "@Loss Tensor cost() { return " + loss + "; }\n    @Updates void train() { " + step + " }", true);
    }

    static Case sgd(String name, String loss) {
        return train(name, loss, "sgd(cost(), lr);").hyper("lr", 0.1);
    }

    // ------------------------------------------------------------------------------------------
    // The table
    // ------------------------------------------------------------------------------------------

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();

        // every Unary.Fn, over a batch dim bound per call
        for (String fn : List.of("tanh", "sigmoid", "softplus", "exp", "square", "abs")) {
            c.add(out(fn, fn + "(x)").in("x", "batch, 5"));
        }
        for (String fn : List.of("log", "log1p", "sqrt")) c.add(out(fn, fn + "(p)").pos("p", "batch, 5"));
        c.add(out("sign", "sign(s)").small("s", "batch, 5"));
        c.add(out("neg", "x.neg()").in("x", "batch, 5"));
        c.add(out("unary chain", "tanh(exp(x.neg()).times(sigmoid(x))).plus(softplus(square(x)))").in("x", "batch, 4, 3"));
        c.add(out("relu", "relu(x)").in("x", "batch, 5"));
        c.add(out("clip", "clip(x, -0.5, 0.8)").in("x", "batch, 5"));
        c.add(out("pow scalar", "pow(p, 3.0)").pos("p", "batch, 5"));
        c.add(out("pow 0.5 is sqrt", "p.pow(0.5)").pos("p", "batch, 5"));
        c.add(out("pow 2 is square", "x.pow(2)").in("x", "batch, 5"));
        c.add(out("pow tensor", "pow(p, x)").pos("p", "batch, 5").in("x", "batch, 5"));
        c.add(out("maximum scalar", "maximum(x, 0.2)").in("x", "batch, 5"));
        c.add(out("minimum scalar", "minimum(x, -0.1)").in("x", "batch, 5"));

        // every Binary.Fn with every broadcast the fused loops read: same shape, row, column, scalar, @Hyper
        Map<String, String> binaries = new LinkedHashMap<>();
        binaries.put("plus", "a.plus(B)");
        binaries.put("minus", "a.minus(B)");
        binaries.put("times", "a.times(B)");
        binaries.put("div", "a.div(B)");
        binaries.put("pow", "a.pow(B)");
        binaries.put("maximum", "maximum(a, B)");
        binaries.put("minimum", "minimum(a, B)");
        binaries.forEach((fn, form) -> {
            boolean positive = fn.equals("div") || fn.equals("pow");
            for (String operand : List.of("same", "row", "column", "scalar", "hyper", "row left", "column left")) {
                String expr;
                Case k;
                switch (operand) {
                    case "same" -> expr = form.replace("B", "b");
                    case "row" -> expr = form.replace("B", "r");
                    case "column" -> expr = form.replace("B", "col");
                    case "scalar" -> expr = form.replace("B", "1.7");
                    case "hyper" -> expr = form.replace("B", "k");
                    case "row left" -> expr = form.replace("a", "r").replace("B", "a");
                    default -> expr = form.replace("a", "col").replace("B", "a");
                }
                boolean function = fn.equals("maximum") || fn.equals("minimum");
                if (operand.equals("row left") && function) expr = fn + "(r, a)";
                if (operand.equals("column left") && function) expr = fn + "(col, a)";
                k = out(fn + " " + operand, expr).hyper("k", 0.7);
                if (positive) k.pos("a", "batch, 4").pos("b", "batch, 4").pos("r", "4").pos("col", "batch, 1");
                else k.in("a", "batch, 4").in("b", "batch, 4").in("r", "4").in("col", "batch, 1");
                c.add(k);
            }
        });
        c.add(out("scalar left", "constant(2.0).minus(x).div(constant(3.0).plus(square(x)))").in("x", "batch, 5"));
        c.add(out("rank-3 row bias", "x.plus(r).times(m)").in("x", "batch, 3, 4").in("r", "4").in("m", "3, 4"));
        c.add(out("rank-3 column", "x.minus(col)").in("x", "batch, 3, 4").in("col", "batch, 3, 1"));
        c.add(out("rank-3 middle broadcast", "x.times(mid)").in("x", "batch, 3, 4").in("mid", "3, 1"));
        c.add(out("rank-3 outer broadcast", "x.plus(o)").in("x", "batch, 3, 4").in("o", "batch, 1, 4"));
        c.add(out("both operands broadcast", "col.plus(r)").in("col", "batch, 1").in("r", "4"));
        c.add(out("shared row and column", "x.dot(w).plus(b).times(x.get(1, 0).reshape(\"batch, 1\"))")
                .in("x", "batch, 5").shared("w", "5, hidden").shared("b", "hidden"));
        c.add(out("hyper arithmetic", "x.times(k).times(k).plus(k)").in("x", "batch, 5").hyper("k", 1.3));
        c.add(out("dim size", "x.div(sum(onesLike(x)))").in("x", "batch, 5"));

        // comparisons, where, casts
        for (String cmp : List.of("lt", "le", "gt", "ge", "eq", "ne")) {
            c.add(out(cmp, "s." + cmp + "(t)").small("s", "batch, 5").small("t", "batch, 5"));
            c.add(out(cmp + " scalar as float", "s." + cmp + "(1).$asF()").small("s", "batch, 5"));
        }
        c.add(out("comparison row broadcast", "s.ge(r).$asF()").small("s", "batch, 4").small("r", "4"));
        c.add(out("where", "where(x.gt(0), x, z)").in("x", "batch, 5").in("z", "batch, 5"));
        c.add(out("where constant else", "where(x.gt(z), x, 0.5)").in("x", "batch, 5").in("z", "batch, 5"));
        c.add(out("where constant then", "where(x.lt(0), -1.5, z)").in("x", "batch, 5").in("z", "batch, 5"));
        c.add(out("where constants", "where(x.lt(0), 1, 0)").in("x", "batch, 5"));
        c.add(out("where broadcast", "where(x.gt(col), x.times(2), r)").in("x", "batch, 4").in("col", "batch, 1")
                .in("r", "4"));
        c.add(out("leaky relu", "where(x.gt(0), x, x.times(0.01))").in("x", "batch, 5"));
        c.add(out("asInt", "x.times(3).asInt()").in("x", "batch, 5"));
        c.add(out("int to float", "y.$asF().times(x)").ints("y", "batch, 5").in("x", "batch, 5"));
        c.add(out("int arithmetic", "y.plus(2).times(y)").ints("y", "batch, 5"));
        c.add(out("int maximum", "maximum(y, 0)").ints("y", "batch, 5"));
        c.add(out("bool to int", "x.gt(0).asInt().plus(y)").in("x", "batch, 5").ints("y", "batch, 5"));
        c.add(out("to bool", "s.cast(DType.BOOL)").small("s", "batch, 5"));
        c.add(out("int to bool to float", "y.cast(DType.BOOL).$asF()").ints("y", "batch, 5"));
        c.add(out("cast to the other float type", "exp(x).$asOther()").in("x", "batch, 5").tolerance(F32_TOLERANCE));
        c.add(out("cast from the other float type", "tanh(x.$asOther()).$asF().plus(x)").in("x", "batch, 5")
                .tolerance(F32_TOLERANCE));
        c.add(out("accuracy", "mean(argmax(x, 1).eq(y).$asF())").in("x", "batch, 5").labels("y", "batch", 5));
        c.add(out("count", "sum(x.gt(0).asInt())").in("x", "batch, 5"));
        c.add(out("count per row", "sum(x.gt(0).asInt(), 1)").in("x", "batch, 5"));

        // reductions over each axis, keepdims, all axes
        for (String r : List.of("sum", "mean", "max", "min")) {
            c.add(out(r + " all", r + "(x)").in("x", "batch, 5"));
            c.add(out(r + " axis 0", r + "(x, 0)").in("x", "batch, 5"));
            c.add(out(r + " axis 1", r + "(x, 1)").in("x", "batch, 5"));
            c.add(out(r + " axis -1 keepdims", r + "(x, -1, true)").in("x", "batch, 5"));
            c.add(out(r + " axis 0 keepdims", r + "(x, 0, true)").in("x", "batch, 5"));
            c.add(out(r + " rank 3 axis 1", r + "(x, 1)").in("x", "batch, 3, 4"));
            c.add(out(r + " rank 3 axes 1 2", r + "(x, new int[] {1, 2}, false)").in("x", "batch, 3, 4"));
            c.add(out(r + " rank 3 axes 0 1 keepdims", r + "(x, new int[] {0, 1}, true)").in("x", "batch, 3, 4"));
            c.add(out(r + " rank 3 all", r + "(x)").in("x", "batch, 3, 4"));
            c.add(out(r + " rank 3 axes 0 2", r + "(x, new int[] {0, 2}, false)").in("x", "batch, 3, 4"));
        }
        c.add(out("sum of a fused loop", "sum(square(x).plus(1))").in("x", "batch, 5"));
        c.add(out("int sum", "sum(y, 0)").ints("y", "batch, 5"));
        c.add(out("int max", "max(y, 1)").ints("y", "batch, 5"));
        c.add(out("centered rows", "x.minus(mean(x, -1, true)).div(max(x, -1, true).minus(min(x, -1, true)))")
                .in("x", "batch, 5"));
        for (String a : List.of("argmax", "argmin")) {
            c.add(out(a + " axis 1", a + "(x, 1)").in("x", "batch, 5"));
            c.add(out(a + " axis 0", a + "(x, 0)").in("x", "batch, 5"));
            c.add(out(a + " keepdims", a + "(x, -1, true)").in("x", "batch, 5"));
            c.add(out(a + " rank 3 axis 1", a + "(x, 1)").in("x", "batch, 3, 4"));
        }
        c.add(out("argmax of ints", "argmax(y, 1)").ints("y", "batch, 5"));

        // the softmax family
        c.add(out("softmax", "softmax(x)").in("x", "batch, 5"));
        c.add(out("softmax rank 3", "softmax(x)").in("x", "batch, 3, 4"));
        c.add(out("softmax axis -1", "softmax(x, -1)").in("x", "batch, 5"));
        c.add(out("softmax axis 0", "softmax(x, 0)").in("x", "batch, 5"));
        c.add(out("softmax middle axis", "softmax(x, 1)").in("x", "batch, 3, 4"));
        c.add(out("logSoftmax", "logSoftmax(x)").in("x", "batch, 5"));
        c.add(out("log of softmax", "log(softmax(x))").in("x", "batch, 5").lowersTo("logSoftmax"));
        c.add(out("logSoftmax axis 0", "logSoftmax(x, 0)").in("x", "batch, 5"));
        c.add(out("crossentropy of softmax, labels", "mean(crossentropy(softmax(x), y))").in("x", "batch, 5")
                .labels("y", "batch", 5).lowersTo("softmaxCrossentropy"));
        c.add(out("crossentropy rows, labels", "crossentropy(softmax(x), y)").in("x", "batch, 5").labels("y", "batch", 5));
        c.add(out("crossentropy of probabilities, labels", "crossentropy(p.div(sum(p, 1, true)), y)")
                .pos("p", "batch, 5").labels("y", "batch", 5));
        c.add(out("crossentropy, one-hot targets", "crossentropy(softmax(x), oneHot(y, 5, DType.$F))")
                .in("x", "batch, 5").labels("y", "batch", 5));
        c.add(out("crossentropy, soft targets", "crossentropy(softmax(x), softmax(t))").in("x", "batch, 5").in("t", "batch, 5"));
        c.add(out("binaryCrossentropy of sigmoid", "binaryCrossentropy(sigmoid(x), t)").in("x", "batch, 5")
                .unit("t", "batch, 5").lowersTo("softplus"));
        c.add(out("binaryCrossentropy of probabilities", "mean(binaryCrossentropy(p, t))").unit("p", "batch, 5")
                .unit("t", "batch, 5"));

        // dot in every rank combination, transposes
        c.add(out("dot matrix matrix", "x.dot(w)").in("x", "batch, 5").shared("w", "5, hidden").lowersTo("gemm"));
        c.add(out("dot matrix vector", "x.dot(v)").in("x", "batch, 5").in("v", "5"));
        c.add(out("dot vector matrix", "v.dot(w)").in("v", "5").shared("w", "5, hidden"));
        c.add(out("dot vector vector", "v.dot(u)").in("v", "5").in("u", "5"));
        c.add(out("dot transposed right", "x.dot(z.t())").in("x", "batch, 5").in("z", "4, 5").lowersTo("gemm{bT}"));
        c.add(out("dot transposed left", "x.t().dot(z)").in("x", "batch, 5").in("z", "batch, 3").lowersTo("gemm{aT}"));
        c.add(out("dot both transposed", "x.t().dot(z.t())").in("x", "batch, 5").in("z", "3, batch")
                .lowersTo("gemm{aT, bT}"));
        c.add(out("dot plus bias", "x.dot(w).plus(b)").in("x", "batch, 5").shared("w", "5, hidden").shared("b", "hidden"));
        c.add(out("dot plus matrix", "x.dot(w).plus(z.times(2))").in("x", "batch, 5").shared("w", "5, hidden")
                .in("z", "batch, hidden"));
        c.add(out("dot scaled", "x.dot(w).times(k)").in("x", "batch, 5").shared("w", "5, hidden").hyper("k", -0.3));
        c.add(out("dot minus", "z.minus(x.dot(w))").in("x", "batch, 5").shared("w", "5, hidden").in("z", "batch, hidden"));
        c.add(out("dot of a vector by a transposed matrix", "v.dot(z.t())").in("v", "5").in("z", "batch, 5"));
        c.add(out("transpose", "x.t()").in("x", "batch, 5"));
        c.add(out("transpose rank 3", "x.transpose(1, 0, 2)").in("x", "batch, 3, 4"));
        c.add(out("transpose rank 3 reversed", "x.transpose()").in("x", "batch, 3, 4"));
        // rows kept as rows, copied in the source's order: a permutation that is not its own inverse
        c.add(out("transpose rank 4, last axis kept", "x.transpose(2, 0, 1, 3)").in("x", "batch, 3, 4, 2"));
        c.add(out("transpose then elementwise", "x.t().plus(r)").in("x", "batch, 5").in("r", "batch"));

        // reshapes
        c.add(out("reshape -1", "x.reshape(-1)").in("x", "2, 6"));
        c.add(out("reshape inferred", "x.reshape(3, -1)").in("x", "2, 6"));
        c.add(out("reshape named", "x.reshape(\"batch, 2, 3\")").in("x", "batch, 6"));
        c.add(out("reshape named back", "x.reshape(\"batch, 6\").times(2)").in("x", "batch, 2, 3"));
        c.add(out("reshape row", "b.reshape(\"1, hidden\").plus(z)").shared("b", "hidden").in("z", "batch, hidden"));
        c.add(out("reshape flatten batch", "x.reshape(-1, 3).dot(m)").in("x", "batch, 3").in("m", "3, 2"));

        // slices, flips, indexing
        c.add(out("slice axis 0", "m.slice(1, 4)").in("m", "6, batch"));
        c.add(out("slice axis 1", "x.slice(1, 1, 4)").in("x", "batch, 6"));
        c.add(out("slice to END", "x.slice(1, 2, END)").in("x", "batch, 6"));
        c.add(out("slice negative bounds", "x.slice(1, -4, -1)").in("x", "batch, 6"));
        c.add(out("slice step", "x.slice(1, 0, END, 2)").in("x", "batch, 7"));
        c.add(out("slice step 3 rank 3", "x.slice(1, 1, 6, 3)").in("x", "batch, 7, 2"));
        c.add(out("flip", "flip(x, 1)").in("x", "batch, 6"));
        c.add(out("flip axis 0", "flip(m, 0)").in("m", "4, batch"));
        c.add(out("flip rank 3 middle", "flip(x, 1)").in("x", "batch, 3, 2"));
        c.add(out("slice then elementwise", "x.slice(1, 1, 4).times(x.slice(1, 3, 6))").in("x", "batch, 6"));
        c.add(out("get row", "m.get(2)").in("m", "4, batch"));
        c.add(out("get last row", "m.get(-1).plus(1)").in("m", "4, 5"));
        c.add(out("get column", "x.get(1, 3)").in("x", "batch, 5"));
        c.add(out("embedding lookup", "e.get(ids)").shared("e", "7, hidden").labels("ids", "batch", 7));
        c.add(out("embedding lookup of a matrix", "e.get(ids)").shared("e", "7, hidden").labels("ids", "2, 3", 7));
        c.add(out("embedding lookup then elementwise", "e.get(ids).plus(1)").shared("e", "7, hidden").labels("ids", "batch", 7));

        // concat, stack
        c.add(out("concat axis 1", "concat(1, x, z)").in("x", "batch, 4").in("z", "batch, 2"));
        c.add(out("concat axis 0", "concat(0, m, n)").in("m", "2, batch").in("n", "3, batch"));
        c.add(out("concat three", "concat(-1, x, exp(z), x)").in("x", "batch, 2").in("z", "batch, 3"));
        c.add(out("stack axis 0", "stack(0, x, z)").in("x", "batch, 4").in("z", "batch, 4"));
        c.add(out("stack axis 1", "stack(1, x, z, x)").in("x", "batch, 4").in("z", "batch, 4"));
        c.add(out("stack last axis", "stack(-1, x, z)").in("x", "batch, 4").in("z", "batch, 4"));
        c.add(out("concat ints", "concat(1, y, y)").ints("y", "batch, 2"));

        // constants, one-hot
        c.add(out("constant scalar", "x.plus(constant(1.5))").in("x", "batch, 5"));
        c.add(out("constant vector", "x.times(constant(new double[] {1, -2, 3, 0.5}).$asF())").in("x", "batch, 4"));
        c.add(out("constant matrix", "x.dot(constant(new double[][] {{1.0, 0.0}, {0.5, 2.0}, {-1.0, 3.0}}).$asF())")
                .in("x", "batch, 3"));
        c.add(out("constant filled", "x.plus(constant(0.25, \"batch, 4\").$asF())").in("x", "batch, 4"));
        c.add(out("constant filled alone", "constant(2.5, \"3, 2\").$asF()").in("x", "batch, 1"));
        c.add(out("constant filled model dim", "constant(-1, \"hidden\").$asF().plus(b)").shared("b", "hidden"));
        c.add(out("onesLike", "onesLike(x).plus(x)").in("x", "batch, 4"));
        c.add(out("onesLike alone", "onesLike(x)").in("x", "batch, 4")
                .unsupported("the dim batch, which none of the inputs of out carries"));
        c.add(out("zerosLike plus", "zerosLike(x).plus(x).times(onesLike(x).times(3))").in("x", "batch, 4"));
        c.add(out("oneHot", "oneHot(y, 5, DType.$F)").labels("y", "batch", 5));
        c.add(out("oneHot float32", "oneHot(y, 4)").labels("y", "batch", 4));
        c.add(out("oneHot times", "oneHot(y, 4, DType.$F).times(x)").labels("y", "batch", 4).in("x", "batch, 4"));
        c.add(out("oneHot rank 2 labels", "oneHot(y, 3, DType.$F)").labels("y", "batch, 2", 3));

        // more than one chunk (Scratch.CHUNK = 1024 elements): loaders that resume mid-row, kernels that grow scratch
        c.add(out("large row bias", "x.plus(r).times(2)").in("x", "batch, 700").in("r", "700"));
        c.add(out("large column", "x.times(col)").in("x", "batch, 700").in("col", "batch, 1"));
        c.add(out("large outer broadcast", "x.plus(o)").in("x", "batch, 3, 300").in("o", "batch, 1, 300"));
        c.add(out("large middle broadcast", "x.times(mid)").in("x", "batch, 300, 4").in("mid", "300, 1"));
        c.add(out("large int row broadcast", "y.plus(r).times(y)").ints("y", "batch, 600").ints("r", "600"));
        c.add(out("large mixed precision", "exp(x.$asOther()).$asF().plus(x)").in("x", "batch, 700")
                .tolerance(F32_TOLERANCE));
        c.add(out("large softmax", "softmax(x)").in("x", "batch, 1500"));
        c.add(out("large logSoftmax middle axis", "logSoftmax(x, 1)").in("x", "batch, 1100, 2"));
        c.add(out("large sum", "sum(p)").pos("p", "batch, 900"));
        c.add(out("large sum axis 0", "sum(x, 0)").in("x", "batch, 1300"));
        c.add(out("large max axis 1", "max(x, 1)").in("x", "batch, 1300"));
        c.add(out("large summed loop", "sum(square(p)).plus(1)").pos("p", "batch, 800"));
        c.add(out("summed loop", "sum(square(x)).plus(1)").in("x", "batch, 5"));
        c.add(out("large transpose rank 3", "x.transpose(2, 0, 1)").in("x", "batch, 40, 30"));
        c.add(out("large non-adjacent reduction", "sum(x, new int[] {0, 2}, false)").pos("x", "batch, 5, 300"));
        c.add(out("large argmax", "argmax(x, 1)").in("x", "batch, 1200"));
        c.add(out("large concat and slice", "concat(1, x.slice(1, 0, END, 3), flip(x, 1))").in("x", "batch, 600"));
        c.add(out("int where", "where(x.gt(0), y, 0)").in("x", "batch, 5").ints("y", "batch, 5"));
        c.add(out("int transpose", "y.t()").ints("y", "batch, 5"));
        c.add(out("int min axis 0 keepdims", "min(y, 0, true)").ints("y", "batch, 5"));
        c.add(out("int sum all", "sum(y)").ints("y", "batch, 5"));

        // gradients and updates: what only the backward pass reaches
        c.add(sgd("sgd softmax regression", "mean(crossentropy(softmax(x.dot(w).plus(b)), y))")
                .in("x", "batch, 5").labels("y", "batch", 4).shared("w", "5, 4").shared("b", "4"));
        c.add(sgd("sgd with l2 (gemm accumulate, scaled)",
                "mean(crossentropy(softmax(x.dot(w).plus(b)), y)).plus(sum(square(w)).times(l2))")
                .in("x", "batch, 5").labels("y", "batch", 4).shared("w", "5, 4").shared("b", "4")
                .hyper("l2", 0.01).lowersTo("gemm{aT}", "softmaxCrossentropy"));
        c.add(train("explicit update in place", "mean(square(x.dot(w).minus(t)))",
                "update(w, w.minus(grad(cost(), w).times(lr)));").hyper("lr", 0.05)
                .in("x", "batch, 5").in("t", "batch, hidden").shared("w", "5, hidden"));
        c.add(sgd("two layers (transposed gemms)", "mean(crossentropy(softmax(tanh(x.dot(w1).plus(b1)).dot(w2)), y))")
                .lowersTo("gemm{aT}", "gemm{bT}")
                .in("x", "batch, 5").labels("y", "batch", 4).shared("w1", "5, hidden").shared("b1", "hidden")
                .shared("w2", "hidden, 4"));
        c.add(sgd("dot with a transposed parameter", "mean(square(x.dot(w.t())))")
                .in("x", "batch, hidden").shared("w", "4, hidden"));
        c.add(sgd("unslice", "sum(square(w.slice(1, 1, 4)))").shared("w", "hidden, 5").lowersTo("unslice"));
        c.add(sgd("unslice of a step", "sum(square(w.slice(1, 0, END, 2)))").shared("w", "hidden, 5").lowersTo("unslice"));
        c.add(sgd("unslice of a flip", "sum(flip(w, 1).times(c))").shared("w", "hidden, 5").in("c", "hidden, 5"));
        c.add(sgd("unslice of get", "sum(square(w.get(1)))").shared("w", "4, hidden"));
        c.add(sgd("one-hot in the gradient of pick", "mean(crossentropy(sigmoid(tanh(x.dot(w)).dot(v)), y))")
                .in("x", "batch, 5").shared("w", "5, hidden").shared("v", "hidden, 4").labels("y", "batch", 4)
                .lowersTo("oneHot", "pick"));
        c.add(sgd("embedding gradient", "mean(square(e.get(ids).dot(v)))").shared("e", "6, hidden")
                .labels("ids", "batch", 6).in("v", "hidden").lowersTo("oneHot", "gemm{aT}"));
        c.add(sgd("concat gradient", "sum(concat(1, w, square(w)).times(c))").shared("w", "hidden, 2")
                .in("c", "hidden, 4"));
        c.add(sgd("broadcast gradients", "mean(square(x.times(r).plus(col).minus(b)))").in("x", "batch, hidden")
                .shared("r", "hidden").shared("b", "1").in("col", "batch, 1"));
        c.add(sgd("max and where gradients", "sum(max(x.times(w), 1)).plus(sum(where(w.gt(0), w, w.times(0.1))))")
                .in("x", "batch, hidden").shared("w", "hidden"));
        c.add(sgd("binaryCrossentropy gradient", "mean(binaryCrossentropy(sigmoid(x.dot(w)), t))")
                .in("x", "batch, 5").shared("w", "5, hidden").unit("t", "batch, hidden"));
        c.add(sgd("reshape and transpose gradients", "sum(square(w.reshape(\"hidden, 2, 2\").transpose(1, 0, 2)).times(c))")
                .shared("w", "hidden, 4").in("c", "2, hidden, 2"));
        // rmsprop and adagrad with an epsilon of 1e-2 rather than the default 1e-6: their first step,
        // lr·g/sqrt(g² + ε), amplifies float32 rounding in a gradient near sqrt(ε) by lr/sqrt(ε)
        for (String opt : List.of("sgd(cost(), lr);", "momentum(cost(), lr, 0.9);", "nesterov(cost(), lr, 0.9);",
                "adam(cost(), lr);", "adam(cost(), lr, 0.8, 0.99, 1e-6);", "rmsprop(cost(), lr, 0.9, 1e-2);",
                "adagrad(cost(), lr, 1e-2);")) {
            c.add(train(opt.substring(0, opt.length() - 1), "mean(crossentropy(softmax(tanh(x.dot(w)).dot(v).plus(b)), y))", opt)
                    .hyper("lr", 0.05).in("x", "batch, 5").labels("y", "batch", 4).shared("w", "5, hidden")
                    .shared("v", "hidden, 4").shared("b", "4"));
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------
    // Running a case
    // ------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyOpInBothPrecisions() {
        List<Case> all = cases();
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (Case k : all) {
            int id = index++;
            for (Precision p : k.precisions) {
                tests.add(DynamicTest.dynamicTest(p + " " + k.name, () -> run(k, p, "Op" + id + p)));
            }
        }
        return tests.stream();
    }

    private static void run(Case k, Precision p, String className) throws IOException {
        String source = k.source(className, p);
        if (k.unsupported != null) {
            assertUnsupported(className, source, k.unsupported);
            return;
        }
        Map<String, Integer> modelDims = k.usesHidden() ? Map.of("hidden", HIDDEN) : Map.of();
        Random r = new Random(k.name.hashCode() * 31L + p.ordinal());
        try (GeneratedModel model = compile(className, source, modelDims)) {
            if (!k.lowered.isEmpty()) {
                FunctionGraph f = model.function(k.updates ? "train" : "out");
                FunctionGraph low = Lowering.lower(model.compiled.builder(), f);
                Map<String, Node> roots = new LinkedHashMap<>();
                roots.put(f.decl().name(), low.result());
                low.updates().forEach((t, v) -> roots.put(((Variable) t.op()).field() + " <-", v));
                String printed = TextPrinter.print(roots);
                for (String op : k.lowered) assertTrue(printed.contains(op), () -> "expected " + op + " in\n" + printed);
            }
            Map<String, NdArray> values = new HashMap<>();
            k.hypers.forEach((h, v) -> values.put(h, NdArray.scalar(v)));
            for (Field s : k.shared) {
                NdArray v = draw(r, s, p, model.shared(s.name()).shape());
                model.shared(s.name(), v);
                values.put(s.name(), v);
            }
            if (k.updates) trainSteps(k, p, model, values, r);
            else outputs(k, p, model, values, r);
        }
    }

    private static GeneratedModel compile(String className, String source, Map<String, Integer> dims) {
        try {
            return GeneratedModel.compile(className, source, dims, 7);
        } catch (AssertionError e) {
            throw new AssertionError("compiling\n" + source + "\n" + e.getMessage(), e);
        }
    }

    private static void outputs(Case k, Precision p, GeneratedModel model, Map<String, NdArray> values, Random r) {
        FunctionGraph f = model.function("out");
        int small = 1 + r.nextInt(3);
        for (int batch : new int[] {small, small + 2 + r.nextInt(4)}) {
            List<NdArray> args = new ArrayList<>();
            for (Field in : k.inputs) {
                if (!used(f, in.name())) continue;
                NdArray v = draw(r, in, p, concrete(in.shape(), batch));
                values.put(in.name(), v);
                args.add(v);
            }
            NdArray expected = ReferenceEvaluator.evaluate(f.result(), values, Map.of("hidden", HIDDEN));
            NdArray actual = model.call("out", args.toArray(NdArray[]::new));
            assertClose(expected, actual, k.tolerance(p), "out at batch " + batch + "\n" + describe(f, values));
        }
    }

    private static void trainSteps(Case k, Precision p, GeneratedModel model, Map<String, NdArray> values, Random r)
            throws IOException {
        FunctionGraph f = model.function("train");
        Path dir = Files.createTempDirectory("javano-ops");
        try {
            Path file = dir.resolve("state.npz");
            values.putAll(state(model, file));
            int batch = 2 + r.nextInt(3);
            for (int step = 0; step < 3; step++) {
                List<NdArray> args = new ArrayList<>();
                for (Field in : k.inputs) {
                    if (!used(f, in.name())) continue;
                    NdArray v = draw(r, in, p, concrete(in.shape(), batch + step));
                    values.put(in.name(), v);
                    args.add(v);
                }
                List<Node> roots = new ArrayList<>();
                roots.add(f.result());
                List<String> targets = new ArrayList<>();
                f.updates().forEach((target, value) -> {
                    targets.add(((Variable) target.op()).field());
                    roots.add(value);
                });
                List<NdArray> expected = ReferenceEvaluator.evaluate(roots, values, Map.of("hidden", HIDDEN));
                double loss = model.call("train", args.toArray(NdArray[]::new)).scalarValue();
                String where = " at step " + step + "\n" + describe(f, values);
                assertClose(expected.get(0), NdArray.scalar(loss), k.tolerance(p), "loss" + where);
                Map<String, NdArray> after = state(model, file);
                for (int i = 0; i < targets.size(); i++) {
                    assertClose(expected.get(i + 1), after.get(targets.get(i)), k.tolerance(p), targets.get(i) + where);
                }
                values.putAll(after);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path q : files.toList()) Files.delete(q);
            }
            Files.delete(dir);
        }
    }

    /** Every shared variable of the model, optimizer state included, as its {@code save} writes it. */
    private static Map<String, NdArray> state(GeneratedModel model, Path file) throws IOException {
        try {
            model.instance().getClass().getMethod("save", Path.class).invoke(model.instance(), file);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        Map<String, NdArray> out = new HashMap<>();
        Npz.read(file).forEach((name, a) -> out.put(name, toArray(a)));
        return out;
    }

    private static NdArray toArray(Npz.Array a) {
        double[] d = new double[a.size()];
        switch (a.dtype()) {
            case FLOAT32 -> {
                float[] f = a.floats();
                for (int i = 0; i < d.length; i++) d[i] = f[i];
            }
            case FLOAT64 -> d = a.doubles().clone();
            default -> {
                int[] v = a.ints();
                for (int i = 0; i < d.length; i++) d[i] = v[i];
            }
        }
        return new NdArray(a.shape(), d);
    }

    private static void assertUnsupported(String className, String source, String what) {
        Compilation c = Compiler.javac().withProcessors(new JavanoProcessor())
                .compile(JavaFileObjects.forSourceString("demo." + className, source));
        List<String> errors = c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
        assertTrue(errors.stream().anyMatch(m -> m.contains("[JVN409]") && m.contains("the CPU back end cannot yet emit " + what)),
                () -> "expected the JVN409 error for \"" + what + "\", got " + (errors.isEmpty() ? "a successful compilation"
                        : String.join("\n", errors)) + "\n" + source);
    }

    // ---- values

    static boolean used(FunctionGraph f, String input) {
        List<Node> roots = new ArrayList<>();
        roots.add(f.result());
        roots.addAll(f.updates().values());
        return dev.javano.symbolic.ir.Graphs.topologicalOrder(roots).stream()
                .anyMatch(n -> n.op() instanceof Variable v && v.kind() == Variable.Kind.INPUT && v.field().equals(input));
    }

    private static int[] concrete(String shape, int batch) {
        return Arrays.stream(shape.split(",")).map(String::trim).mapToInt(d -> switch (d) {
            case "batch" -> batch;
            case "hidden" -> HIDDEN;
            default -> Integer.parseInt(d);
        }).toArray();
    }

    private static NdArray draw(Random r, Field f, Precision p, int[] shape) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            double v = switch (f.domain()) {
                case NORMAL -> r.nextGaussian() * 1.5;
                case POSITIVE -> 0.5 + 1.5 * r.nextDouble();
                case UNIT -> 0.05 + 0.9 * r.nextDouble();
                case SMALL -> r.nextInt(5) - 2;
                case LABELS -> r.nextInt(f.classes());
                case INTS -> r.nextInt(7) - 3;
            };
            d[i] = f.isInt() ? v : p.round(v);
        }
        return new NdArray(shape, d);
    }

    private static String describe(FunctionGraph f, Map<String, NdArray> values) {
        return "graph: " + TextPrinter.print(Map.of(f.decl().name(), f.result()))
                + "\nvalues: " + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    static void assertClose(NdArray expected, NdArray actual, double tolerance, String what) {
        if (actual == null) fail(what + ": no value");
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), "shape of " + what);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            double a = actual.get(i);
            if (Double.isNaN(e) && Double.isNaN(a)) continue;
            if (!(Math.abs(e - a) <= tolerance * Math.max(1, Math.abs(e)))) {
                fail(what + "\nat " + i + ": expected " + e + ", got " + a + "\nexpected " + expected + "\nactual   " + actual);
            }
        }
    }
}
