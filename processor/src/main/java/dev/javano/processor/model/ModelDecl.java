package dev.javano.processor.model;

import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @Model} class: what the later stages need, read once from its declarations.
 * {@code methods} holds every method with a body (functions and layers), by name.
 */
public record ModelDecl(
        TypeElement type,
        List<TensorField> inputs,
        List<TensorField> shared,
        List<HyperField> hypers,
        List<FunctionDecl> functions,
        Map<String, ExecutableElement> methods,
        Map<String, Number> constants) {

    public String simpleName() {
        return type.getSimpleName().toString();
    }

    public Optional<FunctionDecl> loss() {
        return functions.stream().filter(f -> f.kind() == FunctionDecl.Kind.LOSS).findFirst();
    }

    /** Named dims of the {@code @Shared} shapes: set once per model, by the generated builder. */
    public Set<String> modelDims() {
        return namedDims(shared.stream().map(TensorField::shape).toList());
    }

    /** Every named dim a declaration introduces. */
    public Set<String> allDims() {
        Set<String> all = new LinkedHashSet<>(modelDims());
        all.addAll(namedDims(inputs.stream().map(TensorField::shape).toList()));
        return all;
    }

    private static Set<String> namedDims(List<Shape> shapes) {
        Set<String> out = new LinkedHashSet<>();
        for (Shape s : shapes) {
            for (Dim d : s.dims()) if (d instanceof Dim.Named n) out.add(n.name());
        }
        return out;
    }
}
