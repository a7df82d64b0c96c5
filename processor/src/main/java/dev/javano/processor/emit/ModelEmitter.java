package dev.javano.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.javano.DType;
import dev.javano.processor.model.FunctionDecl;
import dev.javano.processor.model.HyperField;
import dev.javano.processor.model.ModelDecl;
import dev.javano.processor.model.TensorField;
import dev.javano.processor.stage.CompiledModel;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.ir.Graphs;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Constant;
import dev.javano.symbolic.ops.OneHot;
import dev.javano.symbolic.ops.Pick;
import dev.javano.symbolic.ops.SoftmaxCrossentropy;
import dev.javano.symbolic.ops.Scan;
import dev.javano.symbolic.ops.Variable;
import dev.javano.symbolic.print.TextPrinter;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code XxxModel} for a compiled model: straight-line Java calling {@code runtime-cpu},
 * one method per function, the optimized graph of each in its Javadoc. Parameters live in
 * native storages the model owns; each function has planned work buffers and shares the
 * model's scratch arrays and dim bindings (a model is used by one thread at a time).
 */
public final class ModelEmitter {

    static final String RUNTIME = "dev.javano.runtime";

    private final ModelDecl decl;
    private final String className;
    private final List<FunctionGraph> functions = new ArrayList<>();
    private final Map<String, Node> state = new LinkedHashMap<>();
    private final Map<Node, String> constants = new LinkedHashMap<>();
    /** Names generated methods use for their own locals: dims are renamed away from them. */
    static final Set<String> LOCALS = Set.of("base", "n", "len", "i", "out", "dims", "scratch", "value", "copy", "rng",
            "b", "path", "arrays", "from", "to");

    private final Set<String> taken = new LinkedHashSet<>();
    private final Set<String> userNames = new LinkedHashSet<>();
    private final List<String> workFields = new ArrayList<>();
    /** Kernels and loops split over threads, as nested classes: each one's field, by its code. */
    private final Map<String, String> nested = new HashMap<>();
    private final List<TypeSpec> nestedTypes = new ArrayList<>();

    public ModelEmitter(CompiledModel model) {
        this.decl = model.decl();
        this.className = decl.simpleName() + "Model";
        for (FunctionGraph f : model.functions()) functions.add(Lowering.lower(model.builder(), f));
        decl.inputs().forEach(i -> taken.add(i.name()));
        decl.hypers().forEach(h -> taken.add(h.name()));
        userNames.addAll(taken);
        taken.addAll(LOCALS);
        collectStateAndConstants();
    }

    JavaFile emit() {
        String pkg = packageOf();
        TypeSpec.Builder type = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(AutoCloseable.class)
                .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                        .addMember("value", "$S", "dev.javano.processor.JavanoProcessor")
                        .addMember("comments", "$S", "from " + decl.type().getQualifiedName())
                        .build())
                .addJavadoc(classDoc());
        fields(type);
        int scratch = 4;
        List<MethodSpec> methods = new ArrayList<>();
        for (FunctionGraph f : functions) {
            FunctionEmitter fe = new FunctionEmitter(this, f, taken);
            Segments.Body body = fe.body();
            scratch = Math.max(scratch, fe.scratchArrays());
            type.addField(workField(fe.slots()));
            if (body.registers() > 0) {
                type.addField(FieldSpec.builder(double[].class, fe.registerField(), Modifier.PRIVATE, Modifier.FINAL)
                        .initializer("new double[$L]", body.registers()).build());
            }
            workFields.add(fe.slots().field());
            methods.addAll(new FunctionMethods(this, f, fe, body).methods());
        }
        nestedTypes.forEach(type::addType);
        for (TypeSpec loop : nestedTypes) {
            type.addField(FieldSpec.builder(ClassName.get("", loop.name()), instanceField(loop), Modifier.PRIVATE, Modifier.FINAL)
                    .initializer("new $L()", loop.name()).build());
        }
        type.addField(FieldSpec.builder(runtime("Scratch"), "scratch", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new Scratch($L, $L)", scratch, scratch).build());
        type.addMethod(constructor());
        type.addMethod(MethodSpec.methodBuilder("builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ClassName.get(pkg, className, "Builder")).addStatement("return new Builder()").build());
        type.addType(new BuilderEmitter(this).type());
        methods.forEach(type::addMethod);
        new Accessors(this).addTo(type);
        return JavaFile.builder(pkg, type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    /**
     * The source text. Kernel calls are written as text, not as JavaPoet type references, so the
     * runtime's imports are added here, after the package line.
     */
    public String source() {
        String text = emit().toString().replaceAll("(?m)^import dev\\.javano\\.runtime\\.\\w+;\\n", "");
        String imports = "import dev.javano.DType;\nimport dev.javano.runtime.*;\n";
        int at = text.startsWith("package ") ? text.indexOf('\n') + 1 : 0;
        return text.substring(0, at) + "\n" + imports + text.substring(at);
    }

    // ---- what the parts need

    ModelDecl decl() {
        return decl;
    }

    String className() {
        return className;
    }

    /** The package of the model class (also for a static nested one): where the generated class goes. */
    public String packageOf() {
        javax.lang.model.element.Element e = decl.type();
        while (!(e instanceof javax.lang.model.element.PackageElement)) e = e.getEnclosingElement();
        return ((javax.lang.model.element.PackageElement) e).getQualifiedName().toString();
    }

    /** The generated class's qualified name: {@code XxxModel} beside the model class's package. */
    public String qualifiedClassName() {
        String pkg = packageOf();
        return pkg.isEmpty() ? className : pkg + "." + className;
    }

    static ClassName runtime(String simple) {
        return ClassName.get(RUNTIME, simple);
    }

    /** Every shared variable: the model's {@code @Shared} fields, then optimizer state by name. */
    Map<String, Node> sharedVariables() {
        Map<String, Node> all = new LinkedHashMap<>();
        for (TensorField s : decl.shared()) all.put(s.name(), null);
        all.putAll(state);
        return all;
    }

    Map<String, Node> optimizerState() {
        return state;
    }

    List<String> workFields() {
        return workFields;
    }

    Map<Node, String> constants() {
        return constants;
    }

    String variableName(Node variable) {
        return ((Variable) variable.op()).field();
    }

    String sharedAddress(Node variable) {
        return "this." + Names.field(variableName(variable)) + ".address()";
    }

    String constantAddress(Node constant) {
        return "this." + constants.get(constant) + ".address()";
    }

    Set<String> taken() {
        return taken;
    }

    /** {@code preferred} for a generated local, unless an input or hyper-parameter has that name. */
    private int longsSites;

    /**
     * A fused loop that runs as a {@code SplitLoop}: a nested class holding the values it reads
     * ({@code fields}, name to Java type) and computing the chunks of {@code [from, to)} with
     * {@code loop}, returning {@code sum} (a summed loop's total) or 0; and the model's field
     * holding its one instance, whose name this returns. Functions that compute the same loop
     * (an output and the loss both run the forward pass) share its class and instance: a model
     * runs one function at a time, and each sets the fields before the run.
     *
     * @param header the kernel's comment, "kernel 2: fused tanh over float32[batch, hidden]"
     */
    String splitLoop(String function, String header, Map<String, String> fields, CodeBlock loop, String sum, int arrays) {
        String key = fields + "\n" + loop + "\n" + sum + "\n" + arrays;
        String name = Names.capitalized(function) + "Kernel" + header.substring("kernel ".length(), header.indexOf(':'));
        return nested(key, () -> {
            TypeSpec.Builder type = TypeSpec.classBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .superclass(runtime("SplitLoop"))
                    .addJavadoc("$L of {@code $L}; split over the model's threads when large enough.\n",
                            Names.capitalized(header.replace("$", "$$")), function);
            fields.forEach((field, javaType) -> type.addField(FieldSpec.builder(primitive(javaType), field).build()));
            type.addMethod(MethodSpec.constructorBuilder().addStatement("super($L)", arrays).build());
            type.addMethod(MethodSpec.methodBuilder("run").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
                    .returns(double.class).addParameter(runtime("Scratch"), "scratch").addParameter(long.class, "from")
                    .addParameter(long.class, "to").addCode(loop).addStatement("return $L", sum == null ? "0" : sum).build());
            return type.build();
        });
    }

    /**
     * A loop over time run as bands of rows ({@code SplitRows}): an inner class of the model (its
     * kernels read the model's fields and work buffers) holding what the loop reads from its
     * function ({@code fields}, name to Java type); its {@code run(scratch, from, to)} declares the
     * band's row count under the rows dim's own name, moves each buffer with rows to the band's
     * first row ({@code offsets}, field to the offset expression), then runs {@code loop}. Returns
     * the model's field holding its one instance; the same loop in several functions is one class.
     */
    String splitRows(String function, String header, Map<String, String> fields, Map<String, String> offsets, String rows,
            CodeBlock loop, int arrays) {
        String key = "rows\n" + fields + "\n" + offsets + "\n" + loop + "\n" + arrays;
        String name = Names.capitalized(function) + "Loop" + (nested.size() + 1);
        return nested(key, () -> {
            TypeSpec.Builder type = TypeSpec.classBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
                    .superclass(runtime("SplitRows"))
                    .addJavadoc("The $L of {@code $L}, run as bands of rows of $L over the model's threads when they pay.\n",
                            header.replace("$", "$$"), function, rows);
            fields.forEach((field, javaType) -> type.addField(FieldSpec.builder(primitive(javaType), field).build()));
            type.addMethod(MethodSpec.constructorBuilder().addStatement("super($L)", arrays).build());
            MethodSpec.Builder run = MethodSpec.methodBuilder("run").addAnnotation(Override.class)
                    .addModifiers(Modifier.PROTECTED).addParameter(runtime("Scratch"), "scratch")
                    .addParameter(int.class, "from").addParameter(int.class, "to")
                    .addStatement("int $L = to - from", rows)
                    .addCode("// this band's rows of each buffer that has rows\n");
            offsets.forEach((field, offset) -> run.addStatement("long $L = this.$L + $L", field, field, offset));
            type.addMethod(run.addCode(loop).build());
            return type.build();
        });
    }

    /** The field of the nested class {@code key} describes, made by {@code make} the first time. */
    private String nested(String key, java.util.function.Supplier<TypeSpec> make) {
        return nested.computeIfAbsent(key, k -> {
            TypeSpec type = make.get();
            nestedTypes.add(type);
            return instanceField(type);
        });
    }

    /** The model's field holding the one instance of a nested class: its name, decapitalized. */
    private static String instanceField(TypeSpec type) {
        return Character.toLowerCase(type.name().charAt(0)) + type.name().substring(1);
    }

    private static TypeName primitive(String javaType) {
        switch (javaType) {
            case "long": return TypeName.LONG;
            case "int": return TypeName.INT;
            case "float": return TypeName.FLOAT;
            default: return TypeName.DOUBLE;
        }
    }

    /** A new call site number for {@code Scratch.longs}. */
    int nextLongsSite() {
        return longsSites++;
    }

    String local(String preferred) {
        String name = preferred;
        while (userNames.contains(name)) name = name + "_";
        return name;
    }

    /** int32 inputs that feed a label position, with their number of classes: checked before any work. */
    Map<String, Integer> labelInputs(FunctionGraph f) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Node n : Graphs.topologicalOrder(roots(f))) {
            Node labels = null;
            int classes = 0;
            if (n.op() instanceof Pick || n.op() instanceof SoftmaxCrossentropy) {
                labels = n.input(1);
                Dim last = n.input(0).shape().get(n.input(0).rank() - 1);
                classes = last instanceof Dim.Fixed fx ? fx.size() : 0;
            } else if (n.op() instanceof OneHot o) {
                labels = n.input(0);
                classes = o.depth();
            }
            if (labels != null && classes > 0 && labels.op() instanceof Variable v && v.kind() == Variable.Kind.INPUT) {
                out.put(v.field(), classes);
            }
        }
        return out;
    }

    static List<Node> roots(FunctionGraph f) {
        List<Node> roots = new ArrayList<>();
        roots.add(f.result());
        roots.addAll(f.updates().values());
        return roots;
    }

    // ---- class parts

    private void collectStateAndConstants() {
        Set<String> declared = decl.shared().stream().map(TensorField::name).collect(Collectors.toSet());
        int k = 0;
        for (FunctionGraph f : functions) {
            for (Node n : Scan.everyNode(roots(f))) { // loop bodies read constants too
                if (n.op() instanceof Variable v && v.kind() == Variable.Kind.SHARED && !declared.contains(v.field())) {
                    state.putIfAbsent(v.field(), n);
                }
                if (n.op() instanceof Constant && n.rank() > 0 && !constants.containsKey(n)) {
                    constants.put(n, "constant" + k++);
                }
            }
        }
    }

    private CodeBlock classDoc() {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The model {@link $L}, compiled by Javano: one method per function, straight-line code\n",
                        decl.type().getQualifiedName())
                .add("calling OpenBLAS and the Javano CPU kernels. Do not edit: it is regenerated by every build.\n");
        for (FunctionGraph f : functions) {
            Map<String, Node> named = new LinkedHashMap<>();
            named.put(f.decl().name(), f.result());
            f.updates().forEach((t, v) -> named.put(f.decl().name() + ": " + variableName(t) + " <-", v));
            doc.add("\n<p>Optimized graph of {@code $L}:\n<pre>\n$L</pre>\n", f.decl().name(), escape(TextPrinter.print(named)));
        }
        return doc.build();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
                .replace("*/", "*&#47;");
    }

    private void fields(TypeSpec.Builder type) {
        for (String dim : decl.modelDims()) type.addField(int.class, Names.dim(dim, taken), Modifier.PRIVATE, Modifier.FINAL);
        for (TensorField s : decl.shared()) {
            type.addField(FieldSpec.builder(runtime("Storage"), Names.field(s.name()), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("@Shared $L: $L$L\n", s.name(), s.dtype().name().toLowerCase(), s.shape()).build());
        }
        state.forEach((name, node) -> type.addField(FieldSpec.builder(runtime("Storage"), Names.field(name),
                Modifier.PRIVATE, Modifier.FINAL).addJavadoc("Optimizer state $L: $L\n", name, node.type()).build()));
        constants.forEach((node, name) -> type.addField(runtime("Storage"), name, Modifier.PRIVATE, Modifier.FINAL));
        for (HyperField h : decl.hypers()) {
            type.addField(FieldSpec.builder(TypeName.get(h.element().asType()), Names.field(h.name()), Modifier.PRIVATE)
                    .initializer("$L", hyperLiteral(h)).addJavadoc("@Hyper $L\n", h.name()).build());
        }
        for (TensorField in : decl.inputs()) {
            type.addField(FieldSpec.builder(Object[].class, "SHAPE_" + in.name(), Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL).initializer("{$L}", shapeLiteral(in.shape())).build());
        }
        type.addField(FieldSpec.builder(runtime("DimBindings"), "dims", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new DimBindings()").build());
    }

    static String hyperLiteral(HyperField h) {
        switch (h.type()) {
            case INT: return Integer.toString((int) h.defaultValue());
            case LONG: return (long) h.defaultValue() + "L";
            case FLOAT: return (float) h.defaultValue() + "f";
            default: return Double.toString(h.defaultValue());
        }
    }

    static String shapeLiteral(Shape s) {
        return s.dims().stream().map(d -> d instanceof Dim.Fixed f ? Integer.toString(f.size()) : "\"" + d + "\"")
                .collect(Collectors.joining(", "));
    }

    private FieldSpec workField(Slots slots) {
        String storages = java.util.stream.IntStream.range(0, slots.count())
                .mapToObj(i -> "Storage.allocate(DType." + slots.dtype(i).name() + ", 1)")
                .collect(Collectors.joining(", "));
        return FieldSpec.builder(ArrayTypeNameHolder.STORAGES, slots.field(), Modifier.PRIVATE, Modifier.FINAL)
                .initializer("{$L}", storages).build();
    }

    /** Allocates and initializes the parameters, in declaration order, from one seeded generator. */
    private MethodSpec constructor() {
        MethodSpec.Builder m = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(ClassName.get(packageOf(), className, "Builder"), "b");
        for (String dim : decl.modelDims()) {
            m.addStatement("this.$L = b.$L", Names.dim(dim, taken), Names.dim(dim, taken));
            m.addStatement("dims.fix($S, this.$L)", dim, Names.dim(dim, taken));
        }
        m.addStatement("Blas.threads(b.threads)");
        m.addStatement("java.util.SplittableRandom rng = new java.util.SplittableRandom(b.seed)");
        for (TensorField s : decl.shared()) {
            String f = Names.field(s.name());
            m.addStatement("this.$L = Storage.allocate(DType.$L, $L)", f, s.dtype().name(), Names.size(s.shape(), taken));
            m.addStatement("Initializers.fill(this.$L, 0, dev.javano.Init.$L, new int[] {$L}, rng)", f, s.init().name(),
                    dimsList(s.shape()));
        }
        state.forEach((name, node) -> m.addStatement("this.$L = Storage.allocate(DType.$L, $L)", Names.field(name),
                node.dtype().name(), Names.size(node.shape(), taken)));
        constants.forEach((node, name) -> {
            Constant c = (Constant) node.op();
            DType d = node.dtype();
            // stored in the constant's own dtype: float64 constants keep their precision, int32 and bool are ints
            boolean ints = d == DType.INT32 || d == DType.BOOL;
            String values = java.util.Arrays.stream(c.value().data())
                    .mapToObj(v -> ints ? Integer.toString((int) v) : d == DType.FLOAT64 ? Double.toString(v)
                            : Float.toString((float) v) + "f")
                    .collect(Collectors.joining(", "));
            m.addStatement("this.$L = Storage.allocate(DType.$L, $L)", name, ints ? "INT32" : d.name(), c.value().size());
            m.addStatement("Memory.store(new $L[] {$L}, 0, this.$L.address(), $L)", ints ? "int" : Names.javaType(d), values, name,
                    c.value().size());
        });
        return m.build();
    }

    String dimsList(Shape s) {
        return s.dims().stream().map(d -> Names.dim(d, taken)).collect(Collectors.joining(", "));
    }

    /** The kind of function a decl is, for the method parts. */
    static boolean isUpdates(FunctionGraph f) {
        return f.decl().kind() == FunctionDecl.Kind.UPDATES;
    }

    /** Holder for the {@code Storage[]} type name. */
    static final class ArrayTypeNameHolder {
        static final TypeName STORAGES = com.palantir.javapoet.ArrayTypeName.of(runtime("Storage"));

        private ArrayTypeNameHolder() {}
    }

    static Map<String, DType> inputTypes(ModelDecl decl) {
        Map<String, DType> out = new HashMap<>();
        decl.inputs().forEach(i -> out.put(i.name(), i.dtype()));
        return out;
    }
}
