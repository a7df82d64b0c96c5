package dev.javano.processor.stage;

import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
import dev.javano.DType;
import dev.javano.Hyper;
import dev.javano.Init;
import dev.javano.Input;
import dev.javano.Loss;
import dev.javano.Output;
import dev.javano.Shared;
import dev.javano.Updates;
import dev.javano.processor.diag.Diagnostics;
import dev.javano.processor.diag.Message;
import dev.javano.processor.model.FunctionDecl;
import dev.javano.processor.model.HyperField;
import dev.javano.processor.model.ModelDecl;
import dev.javano.processor.model.TensorField;
import dev.javano.processor.translate.ConstantFolder;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.shape.Shape;
import dev.javano.symbolic.shape.ShapeParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

/**
 * Stage 1, validate declarations: reads a {@code @Model} class's fields and annotated methods
 * into a {@link ModelDecl}, or reports why it cannot. Later stages run only on what passes.
 */
public final class DeclarationReader {

    static final String TENSOR = "dev.javano.Tensor";

    /** Methods every generated {@code XxxModel} has, which model members must not shadow. */
    static final Set<String> GENERATED = Set.of(
            "builder", "load", "save", "close", "predictor", "toString", "hashCode", "equals", "getClass", "notify",
            "notifyAll", "wait");

    private final Trees trees;
    private final Diagnostics diagnostics;

    public DeclarationReader(Trees trees, Diagnostics diagnostics) {
        this.trees = trees;
        this.diagnostics = diagnostics;
    }

    public Optional<ModelDecl> read(Element annotated) {
        if (!checkClass(annotated)) return Optional.empty();
        TypeElement type = (TypeElement) annotated;
        Map<String, Number> constants = constants(type);
        List<TensorField> inputs = new ArrayList<>();
        List<TensorField> shared = new ArrayList<>();
        List<HyperField> hypers = new ArrayList<>();
        for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            readField(f, constants, inputs, shared, hypers);
        }
        List<FunctionDecl> functions = functions(type);
        checkSteps(type);
        Map<String, ExecutableElement> methods = new LinkedHashMap<>();
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) methods.putIfAbsent(name(m), m);
        checkNames(type, shared, hypers, functions);
        ModelDecl decl = new ModelDecl(type, inputs, shared, hypers, functions, methods, constants);
        return diagnostics.hasErrors() ? Optional.empty() : Optional.of(decl);
    }

    private boolean checkClass(Element e) {
        if (e.getKind() != ElementKind.CLASS) {
            String kind = e.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
            error(e, null, Message.MODEL_NOT_A_CLASS, e.getSimpleName(), article + kind);
            return false;
        }
        TypeElement type = (TypeElement) e;
        String name = type.getSimpleName().toString();
        if (!type.getModifiers().contains(Modifier.ABSTRACT)) error(e, null, Message.MODEL_NOT_ABSTRACT, name, name);
        if (!type.getTypeParameters().isEmpty()) error(e, null, Message.MODEL_GENERIC, name);
        if (type.getNestingKind() != NestingKind.TOP_LEVEL && !type.getModifiers().contains(Modifier.STATIC)) {
            error(e, null, Message.MODEL_INNER_CLASS, name);
        }
        return !diagnostics.hasErrors();
    }

    private static Map<String, Number> constants(TypeElement type) {
        Map<String, Number> out = new HashMap<>();
        for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            if (f.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))
                    && f.getConstantValue() instanceof Number n) {
                out.put(name(f), n);
            }
        }
        return out;
    }

    private void readField(VariableElement f, Map<String, Number> constants, List<TensorField> inputs,
            List<TensorField> shared, List<HyperField> hypers) {
        List<String> kinds = Stream.of(Input.class, Shared.class, Hyper.class)
                .filter(a -> f.getAnnotation(a) != null)
                .map(a -> "@" + a.getSimpleName())
                .toList();
        if (kinds.isEmpty()) return;
        if (kinds.size() > 1) {
            error(f, null, Message.CONFLICTING_ANNOTATIONS, name(f), String.join(" and ", kinds));
            return;
        }
        String kind = kinds.get(0).substring(1);
        if (f.getModifiers().contains(Modifier.STATIC)) {
            error(f, null, Message.STATIC_MODEL_FIELD, kind, name(f));
            return;
        }
        Input input = f.getAnnotation(Input.class);
        Shared sh = f.getAnnotation(Shared.class);
        if (input != null) tensorField(f, "Input", input.shape(), input.dtype(), null, constants).ifPresent(inputs::add);
        if (sh != null) tensorField(f, "Shared", sh.shape(), sh.dtype(), sh.init(), constants).ifPresent(shared::add);
        if (f.getAnnotation(Hyper.class) != null) hyperField(f, constants).ifPresent(hypers::add);
    }

    private Optional<TensorField> tensorField(VariableElement f, String annotation, String shapeText, DType dtype,
            Init init, Map<String, Number> constants) {
        if (!f.asType().toString().equals(TENSOR)) {
            error(f, null, Message.FIELD_NOT_TENSOR, annotation, name(f), typeName(f));
            return Optional.empty();
        }
        Result<Shape> shape = ShapeParser.parse(shapeText, n -> constants.get(n) instanceof Integer i ? i : null);
        if (!shape.isOk()) {
            error(f, annotationValueTree(f, annotation, "shape"), Message.MALFORMED_SHAPE, shape.problem().message());
            return Optional.empty();
        }
        return Optional.of(new TensorField(f, name(f), init != null, shape.orElseThrow(), dtype, init));
    }

    private Optional<HyperField> hyperField(VariableElement f, Map<String, Number> constants) {
        TypeKind t = f.asType().getKind();
        if (!Set.of(TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.INT, TypeKind.LONG).contains(t)) {
            error(f, null, Message.HYPER_NOT_NUMERIC, name(f), typeName(f));
            return Optional.empty();
        }
        Tree tree = trees.getTree(f);
        double initial = 0;
        if (tree instanceof VariableTree v && v.getInitializer() != null) {
            Optional<Double> folded = ConstantFolder.fold(v.getInitializer(), constants);
            if (folded.isEmpty()) {
                error(f, v.getInitializer(), Message.NOT_COMPILE_TIME, "the default of @Hyper " + name(f),
                        "use a number or a static final constant");
                return Optional.empty();
            }
            initial = folded.get();
        }
        return Optional.of(new HyperField(f, name(f), t, initial));
    }

    private List<FunctionDecl> functions(TypeElement type) {
        List<FunctionDecl> out = new ArrayList<>();
        FunctionDecl loss = null;
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
            List<FunctionDecl.Kind> kinds = kinds(m);
            if (kinds.isEmpty()) continue;
            if (kinds.size() > 1) {
                error(m, null, Message.CONFLICTING_FUNCTION_ANNOTATIONS, name(m),
                        kinds.stream().map(k -> "@" + k.annotation()).collect(Collectors.joining(" and ")));
                continue;
            }
            FunctionDecl f = new FunctionDecl(m, name(m), kinds.get(0));
            if (!checkSignature(f)) continue;
            if (f.kind() == FunctionDecl.Kind.LOSS) {
                if (loss != null) error(m, null, Message.MULTIPLE_LOSSES, loss.name(), f.name());
                loss = f;
            }
            out.add(f);
        }
        if (loss == null) {
            out.stream().filter(f -> f.kind() == FunctionDecl.Kind.UPDATES).forEach(
                    f -> error(f.method(), null, Message.UPDATES_WITHOUT_LOSS, f.name()));
        }
        return out;
    }

    private static List<FunctionDecl.Kind> kinds(ExecutableElement m) {
        List<FunctionDecl.Kind> kinds = new ArrayList<>();
        if (m.getAnnotation(Output.class) != null) kinds.add(FunctionDecl.Kind.OUTPUT);
        if (m.getAnnotation(Loss.class) != null) kinds.add(FunctionDecl.Kind.LOSS);
        if (m.getAnnotation(Updates.class) != null) kinds.add(FunctionDecl.Kind.UPDATES);
        return kinds;
    }

    private boolean checkSignature(FunctionDecl f) {
        ExecutableElement m = f.method();
        if (m.getModifiers().contains(Modifier.ABSTRACT)) {
            error(m, null, Message.MISSING_BODY, f.name());
            return false;
        }
        boolean updates = f.kind() == FunctionDecl.Kind.UPDATES;
        boolean returnsRight = updates
                ? m.getReturnType().getKind() == TypeKind.VOID
                : m.getReturnType().toString().equals(TENSOR);
        if (returnsRight && m.getParameters().isEmpty()) return true;
        if (updates) error(m, null, Message.UPDATES_SIGNATURE, f.name());
        else error(m, null, Message.FUNCTION_SIGNATURE, f.kind().annotation(), f.name());
        return false;
    }

    /**
     * A {@code @Scan} step takes one to six {@code Tensor}s and returns {@code Tensor} or
     * {@code Tensor[]} (what {@code scan(this::step)} accepts), has a body, is not also a
     * function, and is not overloaded (the method reference must pick one).
     */
    private void checkSteps(TypeElement type) {
        List<ExecutableElement> all = ElementFilter.methodsIn(type.getEnclosedElements());
        for (ExecutableElement m : all) {
            if (m.getAnnotation(dev.javano.Scan.class) == null) continue;
            String returns = m.getReturnType().toString();
            boolean tensors = m.getParameters().stream().allMatch(p -> p.asType().toString().equals(TENSOR));
            int n = m.getParameters().size();
            if (!tensors || n < 1 || n > 6 || !(returns.equals(TENSOR) || returns.equals(TENSOR + "[]"))) {
                error(m, null, Message.SCAN_SIGNATURE, name(m), signature(m));
            } else if (!kinds(m).isEmpty()) {
                error(m, null, Message.CONFLICTING_FUNCTION_ANNOTATIONS, name(m), "@Scan and @" + kinds(m).get(0).annotation());
            } else if (m.getModifiers().contains(Modifier.ABSTRACT)) {
                error(m, null, Message.MISSING_BODY, name(m));
            } else if (all.stream().filter(o -> name(o).equals(name(m))).count() > 1) {
                error(m, null, Message.SCAN_OVERLOADED, name(m));
            }
        }
    }

    private static String signature(ExecutableElement m) {
        return simple(m.getReturnType().toString()) + " " + name(m) + "(" + m.getParameters().stream()
                .map(p -> simple(p.asType().toString())).collect(Collectors.joining(", ")) + ")";
    }

    private static String simple(String type) {
        return type.replace("dev.javano.", "").replace("java.lang.", "");
    }

    /** Every generated accessor and function name must be unique and not one of the fixed methods. */
    private void checkNames(TypeElement type, List<TensorField> shared, List<HyperField> hypers,
            List<FunctionDecl> functions) {
        Map<String, Element> taken = new HashMap<>();
        List<Map.Entry<String, Element>> members = new ArrayList<>();
        shared.forEach(s -> members.add(Map.entry(s.name(), s.element())));
        hypers.forEach(h -> members.add(Map.entry(h.name(), h.element())));
        functions.forEach(f -> members.add(Map.entry(f.name(), f.method())));
        String model = type.getSimpleName().toString();
        for (Map.Entry<String, Element> m : members) {
            if (GENERATED.contains(m.getKey())) {
                error(m.getValue(), null, Message.NAME_CLASH, m.getKey(), m.getKey(), model);
            } else if (taken.putIfAbsent(m.getKey(), m.getValue()) != null) {
                error(m.getValue(), null, Message.NAME_CLASH, m.getKey(), m.getKey(), model);
            }
        }
    }

    private Tree annotationValueTree(Element e, String annotation, String member) {
        for (AnnotationMirror mirror : e.getAnnotationMirrors()) {
            if (!mirror.getAnnotationType().toString().equals("dev.javano." + annotation)) continue;
            for (var entry : mirror.getElementValues().entrySet()) {
                if (entry.getKey().getSimpleName().contentEquals(member)) {
                    return trees.getTree(e, mirror, entry.getValue());
                }
            }
        }
        return null;
    }

    private void error(Element e, Tree tree, Message m, Object... args) {
        diagnostics.add(e, tree, m, args);
    }

    /** A field's type as its source most likely spells it: {@code String}, not {@code java.lang.String}. */
    private static String typeName(VariableElement f) {
        return f.asType() instanceof javax.lang.model.type.DeclaredType d
                ? d.asElement().getSimpleName().toString()
                : f.asType().toString();
    }

    private static String name(Element e) {
        return e.getSimpleName().toString();
    }
}
