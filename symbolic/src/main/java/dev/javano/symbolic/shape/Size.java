package dev.javano.symbolic.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A number of elements as a monomial: a constant times a product of named dims
 * ({@code 28·batch}). Enough to check reshapes and infer a {@code -1} dim symbolically.
 */
public record Size(long coefficient, List<String> names) {

    public static final Size ONE = new Size(1, List.of());

    public Size {
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        names = List.copyOf(sorted);
    }

    public static Size of(Dim dim) {
        return dim instanceof Dim.Fixed f
                ? new Size(f.size(), List.of())
                : new Size(1, List.of(((Dim.Named) dim).name()));
    }

    public Size times(Size other) {
        List<String> all = new ArrayList<>(names);
        all.addAll(other.names);
        return new Size(coefficient * other.coefficient, all);
    }

    /** {@code this / other} when it is a monomial again, else empty. */
    public Optional<Size> dividedBy(Size other) {
        if (other.coefficient == 0 || coefficient % other.coefficient != 0) return Optional.empty();
        List<String> rest = new ArrayList<>(names);
        for (String n : other.names) {
            if (!rest.remove(n)) return Optional.empty();
        }
        return Optional.of(new Size(coefficient / other.coefficient, rest));
    }

    /** The size as a single dim, if it is one. */
    public Optional<Dim> asDim() {
        if (names.isEmpty()) return Optional.of(Dim.of((int) coefficient));
        if (names.size() == 1 && coefficient == 1) return Optional.of(Dim.of(names.get(0)));
        return Optional.empty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (coefficient != 1 || names.isEmpty()) parts.add(Long.toString(coefficient));
        parts.addAll(names);
        return String.join("·", parts);
    }
}
