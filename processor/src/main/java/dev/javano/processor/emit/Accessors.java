package dev.javano.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.javano.processor.model.HyperField;
import dev.javano.processor.model.TensorField;
import dev.javano.symbolic.ir.Node;
import java.nio.file.Path;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The generated model's other members: a getter and setter per {@code @Hyper}, a copying getter
 * and setter per {@code @Shared}, {@code save}/{@code load} as numpy {@code .npz}, and {@code close}.
 */
final class Accessors {

    private final ModelEmitter model;

    Accessors(ModelEmitter model) {
        this.model = model;
    }

    void addTo(TypeSpec.Builder type) {
        ClassName self = ClassName.get(model.packageOf(), model.className());
        for (HyperField h : model.decl().hypers()) {
            TypeName t = TypeName.get(h.element().asType());
            String f = Names.field(h.name());
            type.addMethod(MethodSpec.methodBuilder(h.name()).addModifiers(Modifier.PUBLIC).returns(t)
                    .addJavadoc("The @Hyper {@code $L}.\n", h.name()).addStatement("return $L", f).build());
            type.addMethod(MethodSpec.methodBuilder(h.name()).addModifiers(Modifier.PUBLIC).returns(self)
                    .addJavadoc("Sets the @Hyper {@code $L}; it takes effect at the next call.\n", h.name())
                    .addParameter(t, "value").addStatement("this.$L = value", f).addStatement("return this").build());
        }
        for (TensorField s : model.decl().shared()) {
            ClassName tensor = FunctionMethods.tensorType(s.dtype());
            String f = Names.field(s.name());
            String shape = model.dimsList(s.shape());
            type.addMethod(MethodSpec.methodBuilder(s.name()).addModifiers(Modifier.PUBLIC).returns(tensor)
                    .addJavadoc("A copy of the @Shared {@code $L}, shape $L.\n", s.name(), s.shape())
                    .addStatement("$T copy = $T.zeros($L)", tensor, tensor, shape)
                    .addStatement("Memory.copy($L.address(), copy.address(), copy.size() * $L)", f, s.dtype().byteSize())
                    .addStatement("return copy").build());
            type.addMethod(MethodSpec.methodBuilder(s.name()).addModifiers(Modifier.PUBLIC).returns(self)
                    .addJavadoc("Sets the @Shared {@code $L} to a copy of {@code value}, shape $L.\n", s.name(), s.shape())
                    .addParameter(tensor, "value")
                    .addStatement("dims.clear()")
                    .addStatement("Checks.shape($S, $S, value, new Object[] {$L}, dims)", model.className() + "." + s.name(),
                            "value", ModelEmitter.shapeLiteral(s.shape()))
                    .addStatement("Memory.copy(value.address(), $L.address(), value.size() * $L)", f, s.dtype().byteSize())
                    .addStatement("return this").build());
        }
        type.addMethod(save());
        type.addMethod(load());
        type.addMethod(close());
    }

    private MethodSpec save() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("save").addModifiers(Modifier.PUBLIC)
                .addJavadoc("Writes every parameter and the optimizer state to a numpy {@code .npz}, one array per"
                        + " variable, atomically.\n@throws java.io.IOException if the file cannot be written\n")
                .addParameter(Path.class, "path").addException(java.io.IOException.class)
                .addStatement("java.util.Map<String, Npz.Array> arrays = new java.util.LinkedHashMap<>()");
        for (Map.Entry<String, Node> v : model.sharedVariables().entrySet()) {
            String dims = model.dimsList(shapeOf(v));
            m.addStatement("arrays.put($S, Parameters.snapshot($L$L))", v.getKey(), Names.field(v.getKey()),
                    dims.isEmpty() ? "" : ", " + dims); // a scalar (Adam's step) has no dims
        }
        return m.addStatement("Npz.write(path, arrays)").build();
    }

    private MethodSpec load() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("load").addModifiers(Modifier.PUBLIC)
                .addJavadoc("Reads parameters (and optimizer state, where present) from a numpy {@code .npz},"
                        + " checking names, shapes and dtypes.\n@throws java.io.IOException if the file cannot be read\n")
                .addParameter(Path.class, "path").addException(java.io.IOException.class)
                .addStatement("java.util.Map<String, Npz.Array> arrays = Npz.read(path)");
        for (Map.Entry<String, Node> v : model.sharedVariables().entrySet()) {
            boolean required = v.getValue() == null;
            m.addStatement("Parameters.restore(arrays, $S, path, $L, new int[] {$L}, $L)", v.getKey(),
                    Names.field(v.getKey()), model.dimsList(shapeOf(v)), required);
        }
        return m.build();
    }

    private dev.javano.symbolic.shape.Shape shapeOf(Map.Entry<String, Node> v) {
        if (v.getValue() != null) return v.getValue().shape();
        return model.decl().shared().stream().filter(s -> s.name().equals(v.getKey())).findFirst().orElseThrow().shape();
    }

    private MethodSpec close() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("close").addModifiers(Modifier.PUBLIC).addAnnotation(Override.class)
                .addJavadoc("Frees the native memory of the parameters and work buffers; the model is unusable after.\n");
        for (String name : model.sharedVariables().keySet()) m.addStatement("$L.close()", Names.field(name));
        for (String name : model.constants().values()) m.addStatement("$L.close()", name);
        for (String work : model.workFields()) m.addStatement("for (Storage s : $L) s.close()", work);
        return m.build();
    }
}
