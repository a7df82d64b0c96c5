package dev.javano.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.javano.DType;
import dev.javano.processor.model.FunctionDecl;
import dev.javano.processor.model.TensorField;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.shape.Dim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The public methods of one function: its parameters are exactly the inputs its graph reads, in
 * declaration order; arguments are checked first. An {@code @Output} has two forms, one returning
 * a new tensor and one writing into the caller's; {@code @Loss} and {@code @Updates} return the loss.
 */
final class FunctionMethods {

    private final ModelEmitter model;
    private final FunctionGraph f;
    private final FunctionEmitter emitter;
    private final Segments.Body body;
    private final List<TensorField> params = new ArrayList<>();

    FunctionMethods(ModelEmitter model, FunctionGraph f, FunctionEmitter emitter, Segments.Body body) {
        this.model = model;
        this.f = f;
        this.emitter = emitter;
        this.body = body;
        Set<String> used = new HashSet<>();
        for (Node n : Graphs.topologicalOrder(ModelEmitter.roots(f))) {
            if (n.op() instanceof Variable v && v.kind() == Variable.Kind.INPUT) used.add(v.field());
        }
        for (TensorField in : model.decl().inputs()) if (used.contains(in.name())) params.add(in);
    }

    List<MethodSpec> methods() {
        List<MethodSpec> out = new ArrayList<>();
        if (f.result().rank() == 0) out.add(scalarMethod());
        else out.addAll(List.of(allocatingMethod(), writingMethod()));
        for (int k = 0; k < body.parts().size(); k++) out.add(part(k));
        return out;
    }

    /** Part {@code k} of a function too large for one method: its kernels, on the function's inputs. */
    private MethodSpec part(int k) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(partName(k)).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Kernels of {@code $L}, part $L of $L (a function too large for one method).\n", f.decl().name(),
                        k + 1, body.parts().size() + 1);
        for (TensorField p : params) m.addParameter(tensorType(p.dtype()), p.name());
        return m.addCode(dimLocals()).addCode(body.parts().get(k)).build();
    }

    private String partName(int k) {
        return f.decl().name() + "$" + (k + 1);
    }

    /** The function's own code: sizing, the calls of its parts, its last kernels. */
    private CodeBlock code() {
        CodeBlock.Builder b = CodeBlock.builder().add(body.sizing());
        String args = String.join(", ", params.stream().map(TensorField::name).toList());
        for (int k = 0; k < body.parts().size(); k++) b.addStatement("$L($L)", partName(k), args);
        return b.add(body.tail()).build();
    }

    /** The name of the caller's output tensor. */
    private String out() {
        return model.local("out");
    }

    private String qualified() {
        return model.className() + "." + f.decl().name();
    }

    private MethodSpec.Builder start(String name) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC);
        for (TensorField p : params) m.addParameter(tensorType(p.dtype()), p.name());
        return m;
    }

    private MethodSpec scalarMethod() {
        DType d = f.result().dtype();
        String what = f.decl().kind() == FunctionDecl.Kind.UPDATES
                ? "One step of {@code " + f.decl().name() + "}: computes the loss and its gradients and applies"
                        + " the updates.\n@return the loss before the step\n"
                : "Computes {@code " + f.decl().name() + "}.\n@return its value\n";
        return start(f.decl().name())
                .addJavadoc(what)
                .returns(d == DType.FLOAT64 ? TypeName.DOUBLE : d == DType.FLOAT32 ? TypeName.FLOAT : TypeName.INT)
                .addCode(prologue())
                .addCode(code())
                .addStatement("return $L", emitter.result())
                .build();
    }

    private MethodSpec allocatingMethod() {
        Node result = f.result();
        ClassName type = tensorType(result.dtype());
        List<String> args = params.stream().map(TensorField::name).toList();
        return start(f.decl().name())
                .addJavadoc("Computes {@code $L} into a new tensor of shape $L.\n", f.decl().name(), result.shape())
                .returns(type)
                .addCode(prologue())
                .addStatement("$T $L = $T.zeros($L)", type, out(), type, model.dimsList(result.shape()))
                .addStatement("$L($L)", f.decl().name(), String.join(", ", concat(args, out())))
                .addStatement("return $L", out())
                .build();
    }

    private MethodSpec writingMethod() {
        Node result = f.result();
        return start(f.decl().name())
                .addParameter(tensorType(result.dtype()), out())
                .addJavadoc("Computes {@code $L} into {@code out}, of shape $L, allocating nothing.\n", f.decl().name(),
                        result.shape())
                .addCode(prologue())
                .addStatement("Checks.shape($S, $S, $L, new Object[] {$L}, dims)", qualified(), out(), out(),
                        ModelEmitter.shapeLiteral(result.shape()))
                .addCode(code())
                .addStatement("Memory.copy($L, $L.address(), $L * $L)", emitter.result(), out(),
                        dev.javano.processor.emit.Names.size(result.shape(), model.taken()),
                        result.dtype() == DType.FLOAT64 ? 8 : 4)
                .build();
    }

    /** Argument checks, then the dims as Java locals. */
    private CodeBlock prologue() {
        return CodeBlock.builder().add(checks()).add(dimLocals()).build();
    }

    private CodeBlock checks() {
        CodeBlock.Builder b = CodeBlock.builder().addStatement("dims.clear()");
        for (TensorField p : params) b.addStatement("Checks.shape($S, $S, $L, SHAPE_$L, dims)", qualified(), p.name(), p.name(), p.name());
        model.labelInputs(f).forEach((name, classes) -> b.addStatement("Checks.labels($S, $S, $L, $L)", qualified(), name,
                name, classes));
        return b.build();
    }

    private CodeBlock dimLocals() {
        CodeBlock.Builder b = CodeBlock.builder();
        Set<String> seen = new HashSet<>();
        for (TensorField p : params) {
            for (Dim d : p.shape().dims()) {
                if (d instanceof Dim.Named n && seen.add(n.name()) && !model.decl().modelDims().contains(n.name())) {
                    b.addStatement("int $L = dims.get($S)", Names.dim(n.name(), model.taken()), n.name());
                }
            }
        }
        for (String dim : model.decl().modelDims()) b.addStatement("int $L = this.$L", Names.dim(dim, model.taken()),
                Names.dim(dim, model.taken()));
        return b.build();
    }

    static ClassName tensorType(DType d) {
        return ModelEmitter.runtime(Names.tensorClass(d));
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }
}
