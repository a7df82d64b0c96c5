package dev.javano.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/** The generated {@code Builder}: one method per model dim, {@code seed}, {@code threads}, {@code build}. */
final class BuilderEmitter {

    private final ModelEmitter model;

    BuilderEmitter(ModelEmitter model) {
        this.model = model;
    }

    TypeSpec type() {
        ClassName builder = ClassName.get(model.packageOf(), model.className(), "Builder");
        ClassName built = ClassName.get(model.packageOf(), model.className());
        TypeSpec.Builder t = TypeSpec.classBuilder("Builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Sets the model's dims and how it starts; {@link #build()} allocates and initializes it.\n")
                .addField(long.class, "seed", Modifier.PRIVATE)
                .addField(int.class, "threads", Modifier.PRIVATE);
        t.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addStatement("threads = 1").build());
        MethodSpec.Builder build = MethodSpec.methodBuilder("build").addModifiers(Modifier.PUBLIC).returns(built)
                .addJavadoc("The model, its parameters initialized from the seed.\n"
                        + "@throws IllegalStateException naming a dim that was not set\n");
        for (String dim : model.decl().modelDims()) {
            String name = Names.dim(dim, model.taken());
            t.addField(int.class, name, Modifier.PRIVATE);
            t.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(builder)
                    .addJavadoc("Sets the dim {@code $L} of the shared shapes.\n", dim)
                    .addParameter(int.class, "value")
                    .beginControlFlow("if (value <= 0)")
                    .addStatement("throw new IllegalArgumentException($S + value + $S)",
                            model.className() + ".builder: " + dim + " must be positive, not ", "")
                    .endControlFlow()
                    .addStatement("this.$L = value", name).addStatement("return this").build());
            build.beginControlFlow("if ($L == 0)", name)
                    .addStatement("throw new IllegalStateException($S)", model.className() + ".builder: the dim " + dim
                            + " is not set; call " + name + "(int) before build()")
                    .endControlFlow();
        }
        t.addMethod(MethodSpec.methodBuilder("seed").addModifiers(Modifier.PUBLIC).returns(builder)
                .addJavadoc("The seed of the parameters' random initialization (default 0).\n")
                .addParameter(long.class, "value").addStatement("this.seed = value").addStatement("return this").build());
        t.addMethod(MethodSpec.methodBuilder("threads").addModifiers(Modifier.PUBLIC).returns(builder)
                .addJavadoc("OpenBLAS threads (default 1).\n")
                .addParameter(int.class, "value")
                .beginControlFlow("if (value < 1)")
                .addStatement("throw new IllegalArgumentException($S + value)", model.className() + ".builder: threads must be at least 1, not ")
                .endControlFlow()
                .addStatement("this.threads = value").addStatement("return this").build());
        t.addMethod(build.addStatement("return new $T(this)", built).build());
        return t.build();
    }
}
