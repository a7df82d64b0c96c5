package dev.javano.symbolic.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An immutable list of dims; rank 0 is a scalar. Printed as {@code [batch, 784]}. */
public record Shape(List<Dim> dims) {

    public static final Shape SCALAR = new Shape(List.of());

    public Shape {
        dims = List.copyOf(dims);
    }

    public static Shape of(Dim... dims) {
        return new Shape(List.of(dims));
    }

    public static Shape of(int... sizes) {
        return new Shape(Arrays.stream(sizes).mapToObj(Dim::of).toList());
    }

    /**
     * Shape from a trusted literal such as {@code "batch, 784"} (tests and rules). User text goes
     * through {@link ShapeParser}, which reports malformed text as a value.
     */
    public static Shape parse(String text) {
        return ShapeParser.parse(text, name -> null).orElseThrow();
    }

    public int rank() {
        return dims.size();
    }

    public Dim get(int axis) {
        return dims.get(axis);
    }

    public boolean isScalar() {
        return dims.isEmpty();
    }

    /** Whether every dim is a fixed size. */
    public boolean isFixed() {
        return dims.stream().allMatch(d -> d instanceof Dim.Fixed);
    }

    /** The number of elements, symbolically. */
    public Size size() {
        Size s = Size.ONE;
        for (Dim d : dims) s = s.times(Size.of(d));
        return s;
    }

    public Shape with(int axis, Dim dim) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.set(axis, dim);
        return new Shape(copy);
    }

    public Shape without(int axis) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.remove(axis);
        return new Shape(copy);
    }

    public Shape append(Dim dim) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.add(dim);
        return new Shape(copy);
    }

    /** The concrete sizes under {@code bindings}; fails naming the first unbound dim. */
    public int[] concrete(Map<String, Integer> bindings) {
        int[] out = new int[rank()];
        for (int i = 0; i < out.length; i++) {
            Dim d = dims.get(i);
            if (d instanceof Dim.Fixed f) {
                out[i] = f.size();
            } else {
                Integer v = bindings.get(((Dim.Named) d).name());
                if (v == null) throw new IllegalArgumentException("dim " + d + " is not bound");
                out[i] = v;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
