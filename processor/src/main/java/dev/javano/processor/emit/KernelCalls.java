package dev.javano.processor.emit;

import dev.javano.DType;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ops.ArgReduce;
import dev.javano.symbolic.ops.BroadcastTo;
import dev.javano.symbolic.ops.Concat;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.Dot;
import dev.javano.symbolic.ops.Gemm;
import dev.javano.symbolic.ops.LogSoftmax;
import dev.javano.symbolic.ops.OneHot;
import dev.javano.symbolic.ops.Pick;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.ops.Reshape;
import dev.javano.symbolic.ops.Slice;
import dev.javano.symbolic.ops.Softmax;
import dev.javano.symbolic.ops.SoftmaxCrossentropy;
import dev.javano.symbolic.ops.Transpose;
import dev.javano.symbolic.ops.Unslice;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The kernels of a function that are calls rather than loops: {@code Blas} for products,
 * {@code Kernels}/{@code DoubleKernels} for reductions, the softmax family, label lookups,
 * transposes and copies. One method per op family; the {@link FunctionEmitter} owns the
 * schedule, buffers and locals they use.
 */
final class KernelCalls {

    private final FunctionEmitter e;
    /** Softmaxes computed in one pass with the cross-entropy of the same rows: nothing left to emit for them. */
    private final Set<Node> computedWithCrossentropy = new HashSet<>();

    KernelCalls(FunctionEmitter e) {
        this.e = e;
    }

    /** Emits the call for {@code n}. */
    void kernel(Node n) {
        if (e.scalars.containsKey(n)) return; // a total its producer's loop already summed
        if (computedWithCrossentropy.contains(n)) return;
        e.code.add("// kernel $L: $L -> $L\n", ++e.kernels, n.op().name(), n.type());
        Op op = n.op();
        if (op instanceof Gemm g) gemm(n, g);
        else if (op instanceof Dot) dot(n);
        else if (op instanceof Reduce r) reduce(n, r);
        else if (op instanceof Softmax s) rows(n, s.axis(), "softmax");
        else if (op instanceof LogSoftmax s) rows(n, s.axis(), "logSoftmax");
        else if (op instanceof SoftmaxCrossentropy) softmaxCrossentropy(n);
        else if (op instanceof Pick) labelled(n, "pick", false);
        else if (op instanceof OneHot o) oneHot(n, o);
        else if (op instanceof ArgReduce a) argReduce(n, a);
        else if (op instanceof Transpose) transpose(n);
        else if (op instanceof BroadcastTo) materializeBroadcast(n);
        else if (op instanceof Reshape) reshapeScalar(n);
        else if (op instanceof Slice s) slice(n, s);
        else if (op instanceof Unslice u) unslice(n, u);
        else if (op instanceof Concat c) concat(n, c);
        else if (op instanceof Constant) e.addresses.put(n, e.own(e.model.constantAddress(n)));
        else throw e.unsupported(op.name());
    }

    private void gemm(Node n, Gemm g) {
        boolean dbl = e.requireFloating(n, "gemm");
        Node a = n.input(0);
        Node b = n.input(1);
        Node c = n.input(2);
        boolean accumulate = !(n.input(4).op() instanceof Constant k && k.isAll(0));
        String out = e.allocate(n);
        boolean ontoC = e.placed.containsKey(n) && e.placed.get(n).equals(e.addresses.get(c)); // accumulates in c's own buffer
        if (accumulate && e.inPlace.get(n) == null && !ontoC) fillFrom(c, n.shape(), out, n.dtype());
        // operands of rank 3 are read as matrices: leading axes flattened into rows (a whole sequence)
        String m = rows(n.shape(), n.rank() - 1);
        String cols = e.dim(n.shape().get(n.rank() - 1));
        String k = g.transA() ? rows(a.shape(), a.rank() - 1) : e.dim(a.shape().get(a.rank() - 1));
        e.code.addStatement("Blas.$Lgemm($L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", dbl ? "d" : "s", g.transA(),
                g.transB(), m, cols, k, FunctionEmitter.cast(e.scalar(n.input(3)), n.input(3).dtype(), dbl), e.address(a),
                e.dim(a.shape().get(a.rank() - 1)), e.address(b), e.dim(b.shape().get(b.rank() - 1)),
                accumulate ? FunctionEmitter.cast(e.scalar(n.input(4)), n.input(4).dtype(), dbl) : Scalars.lit(0, dbl), out, cols);
    }

    /** The product of the first {@code to} dims of {@code s}, as an int expression (one dim as itself). */
    private String rows(Shape s, int to) {
        return to == 1 ? e.dim(s.get(0)) : "(int) (" + Names.product(s, 0, to, e.taken) + ")";
    }

    /**
     * Puts {@code c} broadcast to {@code target} into {@code out} (gemm's C before an accumulating
     * call, or a broadcast something reads whole): copied, a row repeated, a scalar filled, or
     * any other broadcast copied through strides.
     */
    private void fillFrom(Node c, Shape target, String out, DType dtype) {
        Node source = c.op() instanceof BroadcastTo ? c.input(0) : c;
        Shape s = source.shape();
        int width = FunctionEmitter.bytes(dtype);
        int lead = 0;
        while (lead < s.rank() && s.get(lead).isOne()) lead++;
        List<Dim> trailing = s.dims().subList(lead, s.rank());
        if (source.rank() == 0) {
            e.code.addStatement("Memory.fill($L, $L, ($L) $L)", out, Names.size(target, e.taken), Names.javaType(dtype),
                    e.scalar(source));
        } else if (s.equals(target)) {
            e.code.addStatement("Memory.copy($L, $L, $L * $L)", e.address(source), out, width, Names.size(target, e.taken));
        } else if (trailing.equals(target.dims().subList(target.rank() - trailing.size(), target.rank()))) {
            int split = target.rank() - trailing.size();
            e.code.addStatement("Kernels.fillRows($L, $L, $L, $L, $L)", out, e.address(source), Names.product(target, 0, split, e.taken),
                    Names.product(target, split, target.rank(), e.taken), width);
        } else {
            e.code.addStatement("Kernels.copyNd($L, $L, $L, $L, $L, $L)", e.address(source), e.longs(e.broadcastStrides(s, target)), out,
                    e.longs(e.contiguousStrides(target)), e.longs(e.dimList(target)), width);
        }
    }

    /** A product with a vector, as a gemm with a dim of 1. */
    private void dot(Node n) {
        boolean dbl = e.requireFloating(n, "dot");
        Node a = n.input(0);
        Node b = n.input(1);
        String out = e.allocate(n);
        String m = a.rank() == 2 ? e.dim(a.shape().get(0)) : "1";
        String k = e.dim(a.shape().get(a.rank() - 1));
        String cols = b.rank() == 2 ? e.dim(b.shape().get(1)) : "1";
        e.code.addStatement("Blas.$Lgemm(false, false, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", dbl ? "d" : "s", m, cols, k,
                Scalars.lit(1, dbl), e.address(a), k, e.address(b), cols, Scalars.lit(0, dbl), out, cols);
    }

    private void reduce(Node n, Reduce r) {
        Node x = n.input(0);
        boolean ints = x.dtype() == DType.INT32;
        boolean dbl = !ints && e.requireFloating(n, r.kind().opName());
        List<Integer> axes = r.axes();
        boolean adjacent = true;
        for (int i = 1; i < axes.size(); i++) adjacent &= axes.get(i) == axes.get(i - 1) + 1;
        if (!adjacent) {
            List<String> reduced = new ArrayList<>();
            for (int k = 0; k < x.rank(); k++) reduced.add(Boolean.toString(axes.contains(k)));
            String out = e.allocate(n);
            e.code.addStatement("Kernels.reduceAxes(Kernels.$L, Broadcasts.$L, $L, $L, $L, new boolean[] {$L})", r.kind().name(),
                    FunctionEmitter.typeCode(x.dtype()), e.address(x), out, e.longs(e.dimList(x.shape())), String.join(", ", reduced));
            return;
        }
        int from = axes.get(0);
        int to = axes.get(axes.size() - 1) + 1;
        if (n.rank() == 0 && r.kind() == Reduce.Kind.SUM) {
            String name = "s" + e.locals++;
            if (ints) {
                e.code.addStatement("int $L = Kernels.sumInts($L, $L)", name, e.address(x), Names.size(x.shape(), e.taken));
            } else {
                e.code.addStatement("$L $L = $L.sumAll($L, $L, scratch)", dbl ? "double" : "float", name, FunctionEmitter.kernels(dbl), e.address(x),
                        Names.size(x.shape(), e.taken));
            }
            e.scalars.put(n, name);
            return;
        }
        String out = e.allocate(n);
        String outer = Names.product(x.shape(), 0, from, e.taken);
        String middle = Names.product(x.shape(), from, to, e.taken);
        String inner = Names.product(x.shape(), to, x.rank(), e.taken);
        if (ints) {
            e.code.addStatement("Kernels.reduceInts(Kernels.$L, $L, $L, $L, $L, $L)", r.kind().name(), e.address(x), out, outer, middle,
                    inner);
        } else {
            e.code.addStatement("$L.reduce(Kernels.$L, $L, $L, $L, $L, $L, scratch)", FunctionEmitter.kernels(dbl), r.kind().name(), e.address(x), out,
                    outer, middle, inner);
        }
    }

    /** Softmax and log-softmax: rows of the last axis, or any other axis through its stride. */
    private void rows(Node n, int axis, String kernel) {
        boolean dbl = e.requireFloating(n, kernel);
        String out = e.allocate(n);
        if (axis == n.rank() - 1) {
            e.code.addStatement("$L.$L($L, $L, $L, $L, scratch)", FunctionEmitter.kernels(dbl), kernel, e.address(n.input(0)), out,
                    Names.product(n.shape(), 0, n.rank() - 1, e.taken), e.dim(n.shape().get(n.rank() - 1)));
        } else {
            e.code.addStatement("$L.$L($L, $L, $L, $L, $L, scratch)", FunctionEmitter.kernels(dbl), kernel, e.address(n.input(0)), out,
                    Names.product(n.shape(), 0, axis, e.taken), e.dim(n.shape().get(axis)),
                    Names.product(n.shape(), axis + 1, n.rank(), e.taken));
        }
    }

    /**
     * The loss rows; and, when the function also takes the softmax of the same logits over the
     * same axis (a training step: the loss's gradient starts from it) and has not computed it
     * yet, that softmax too, in the same pass over the rows.
     */
    private void softmaxCrossentropy(Node n) {
        Node z = n.input(0);
        Node softmax = e.consumersOf(z).stream()
                .filter(c -> c.op() instanceof Softmax s && s.axis() == z.rank() - 1 && !e.addresses.containsKey(c))
                .findFirst().orElse(null);
        if (softmax == null) {
            labelled(n, "softmaxCrossentropy", true);
            return;
        }
        boolean dbl = e.requireFloating(z, "softmaxCrossentropy");
        e.code.add("// with $L -> $L of the same rows, in the same pass\n", softmax.op().name(), softmax.type());
        String out = e.allocate(n);
        String probs = e.allocate(softmax);
        e.code.addStatement("$L.softmaxCrossentropy($L, $L, $L, $L, $L, $L, scratch)", FunctionEmitter.kernels(dbl), e.address(z),
                e.address(n.input(1)), out, probs, Names.product(z.shape(), 0, z.rank() - 1, e.taken),
                e.dim(z.shape().get(z.rank() - 1)));
        computedWithCrossentropy.add(softmax);
    }

    private void labelled(Node n, String kernel, boolean scratch) {
        boolean dbl = e.requireFloating(n.input(0), kernel);
        Node x = n.input(0);
        String out = e.allocate(n);
        e.code.addStatement("$L.$L($L, $L, $L, $L, $L$L)", FunctionEmitter.kernels(dbl), kernel, e.address(x), e.address(n.input(1)), out,
                Names.product(x.shape(), 0, x.rank() - 1, e.taken), e.dim(x.shape().get(x.rank() - 1)), scratch ? ", scratch" : "");
    }

    private void oneHot(Node n, OneHot o) {
        boolean dbl = e.requireFloating(n, "oneHot");
        String out = e.allocate(n);
        e.code.addStatement("$L.oneHot($L, $L, $L, $L)", FunctionEmitter.kernels(dbl), e.address(n.input(0)), out, Names.size(n.input(0).shape(), e.taken),
                o.depth());
    }

    private void argReduce(Node n, ArgReduce a) {
        Node x = n.input(0);
        boolean ints = x.dtype() == DType.INT32;
        boolean dbl = !ints && e.requireFloating(x, a.kind().opName());
        String out = e.allocate(n);
        e.code.addStatement((ints ? "Kernels.argReduceInts" : FunctionEmitter.kernels(dbl) + ".argReduce") + "($L, $L, $L, $L, $L, $L)",
                a.kind() == ArgReduce.Kind.ARGMAX, e.address(x), out, Names.product(x.shape(), 0, a.axis(), e.taken),
                e.dim(x.shape().get(a.axis())), Names.product(x.shape(), a.axis() + 1, x.rank(), e.taken));
    }

    /** A matrix transpose with its own kernel; any other permutation (or dtype) as a strided copy. */
    private void transpose(Node n) {
        Node x = n.input(0);
        String out = e.allocate(n);
        if (n.rank() == 2 && n.type().isFloating()) {
            e.code.addStatement("$L.transpose($L, $L, $L, $L)", FunctionEmitter.kernels(n.dtype() == DType.FLOAT64), e.address(x), out,
                    e.dim(x.shape().get(0)), e.dim(x.shape().get(1)));
            return;
        }
        List<Integer> perm = ((Transpose) n.op()).perm();
        List<String> from = e.contiguousStrides(x.shape());
        List<String> to = e.contiguousStrides(n.shape());
        List<String> fromStrides = new ArrayList<>();
        List<String> toStrides = new ArrayList<>();
        int last = perm.size() - 1;
        boolean sourceOrder = perm.get(last) == last; // rows stay rows: read the source in its own order, which streams
        for (int axis = 0; axis <= last; axis++) {
            fromStrides.add(sourceOrder ? from.get(axis) : from.get(perm.get(axis)));
            toStrides.add(sourceOrder ? to.get(perm.indexOf(axis)) : to.get(axis));
        }
        e.code.addStatement("Kernels.copyNd($L, $L, $L, $L, $L, $L)", e.address(x), e.longs(fromStrides), out, e.longs(toStrides),
                e.longs(e.dimList((sourceOrder ? x : n).shape())), FunctionEmitter.bytes(n.dtype()));
    }

    private void materializeBroadcast(Node n) {
        String out = e.allocate(n);
        fillFrom(n, n.shape(), out, n.dtype());
    }

    private void reshapeScalar(Node n) {
        String out = e.allocate(n);
        e.code.addStatement("Memory.put$L($L, $L)", FunctionEmitter.suffix(n.dtype()), out, e.scalar(n.input(0)));
    }

    private void slice(Node n, Slice s) {
        int width = FunctionEmitter.bytes(n.dtype());
        Node x = n.input(0);
        String out = e.allocate(n);
        String outer = Names.product(x.shape(), 0, s.axis(), e.taken);
        String inner = Names.product(x.shape(), s.axis() + 1, x.rank(), e.taken);
        String full = e.dim(x.shape().get(s.axis()));
        String src = e.address(x) + " + " + width + "L * " + s.start() + " * " + inner;
        if (s.step() == 1) {
            e.code.addStatement("Kernels.copyBlocks($L, $L * $L, $L, $L * $L, $L, $L * $L, $L)", src, full, inner, out,
                    s.length(), inner, outer, s.length(), inner, width);
        } else {
            e.code.addStatement("Kernels.copyStrided($L, $L * $L, $L, $L, $L * $L, $L, $L, $L, $L)", src, full, inner, s.step(),
                    out, s.length(), inner, outer, s.length(), inner, width);
        }
    }

    private void unslice(Node n, Unslice u) {
        boolean dbl = e.requireFloating(n, "unslice");
        int width = FunctionEmitter.width(dbl);
        Node g = n.input(0);
        String out = e.allocate(n);
        String inner = Names.product(n.shape(), u.axis() + 1, n.rank(), e.taken);
        e.code.addStatement("Memory.fill($L, $L, $L)", out, Names.size(n.shape(), e.taken), Scalars.lit(0, dbl));
        if (u.step() != 1) {
            // the slice's elements scattered back: a strided copy with the step (negative for a flip) along the axis
            List<String> strides = e.contiguousStrides(n.shape());
            strides.set(u.axis(), u.step() + "L * " + strides.get(u.axis()));
            e.code.addStatement("Kernels.copyNd($L, $L, $L + $LL * $L * $L, $L, $L, $L)", e.address(g),
                    e.longs(e.contiguousStrides(g.shape())), out, width, u.start(), inner, e.longs(strides),
                    e.longs(e.dimList(g.shape())), width);
            return;
        }
        int length = u.stop() - u.start();
        e.code.addStatement("Kernels.copyBlocks($L, $L * $L, $L + $LL * $L * $L, $L * $L, $L, $L * $L, $L)", e.address(g), length,
                inner, out, width, u.start(), inner, e.dim(n.shape().get(u.axis())), inner,
                Names.product(n.shape(), 0, u.axis(), e.taken), length, inner, width);
    }

    private void concat(Node n, Concat c) {
        int bytes = FunctionEmitter.bytes(n.dtype());
        String out = e.allocate(n);
        String inner = Names.product(n.shape(), c.axis() + 1, n.rank(), e.taken);
        String outer = Names.product(n.shape(), 0, c.axis(), e.taken);
        String total = e.dim(n.shape().get(c.axis()));
        int offset = 0;
        for (Node x : n.inputs()) {
            int width = ((Dim.Fixed) x.shape().get(c.axis())).size();
            e.code.addStatement("Kernels.copyBlocks($L, $L * $L, $L + $LL * $L * $L, $L * $L, $L, $L * $L, $L)", e.address(x), width,
                    inner, out, bytes, offset, inner, total, inner, outer, width, inner, bytes);
            offset += width;
        }
    }
}
