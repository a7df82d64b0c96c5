package dev.javano.runtime;

import java.util.Arrays;

/**
 * The values of named dims during one call of a generated function. <em>For generated
 * code.</em>
 *
 * <p>A function whose inputs have named dims ({@code batch}) keeps one instance, made once, and
 * calls {@link #clear()} at the start of each call; {@link Checks#shape} binds each named dim
 * from the first argument that has it, and checks the later ones against it. Dims fixed for the
 * model's lifetime (a builder's {@code hidden(500)}) are bound once with {@link #fix}. After the
 * first call nothing is allocated. Not thread-safe: one instance per function and thread.
 */
public final class DimBindings {

    private String[] names = new String[4];
    private String[] sources = new String[4];
    private int[] values = new int[4];
    private int fixed;
    private int count;

    /** No bindings. */
    public DimBindings() {}

    /**
     * Binds a dim for every call, e.g. a dim the model's builder set.
     *
     * @param name the dim's name
     * @param value its value
     * @return this, for chaining
     * @throws IllegalStateException if per-call bindings exist (fix dims before the first call)
     */
    public DimBindings fix(String name, int value) {
        if (count != fixed) {
            throw new IllegalStateException("fix " + name + " before binding dims per call");
        }
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = value;
        } else {
            bind(name, value, null);
            fixed = count;
        }
        return this;
    }

    /** Forgets the dims bound by the previous call; fixed dims stay. */
    public void clear() {
        count = fixed;
    }

    /**
     * The value of a bound dim.
     *
     * @param name the dim's name
     * @return its value
     * @throws IllegalStateException if no argument (and no {@link #fix}) bound it
     */
    public int get(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("dim " + name + " is not bound");
        }
        return values[i];
    }

    /**
     * Whether a dim is bound.
     *
     * @param name the dim's name
     * @return {@code true} if fixed, or bound since the last {@link #clear()}
     */
    public boolean isBound(String name) {
        return indexOf(name) >= 0;
    }

    int indexOf(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    void bind(String name, int value, String source) {
        if (count == names.length) {
            names = Arrays.copyOf(names, 2 * count);
            sources = Arrays.copyOf(sources, 2 * count);
            values = Arrays.copyOf(values, 2 * count);
        }
        names[count] = name;
        sources[count] = source;
        values[count++] = value;
    }

    int value(int i) {
        return values[i];
    }

    /** The argument that bound dim {@code i}, or {@code null} for a fixed dim. */
    String source(int i) {
        return sources[i];
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : ", ").append(names[i]).append(" = ").append(values[i]);
        }
        return s.append('}').toString();
    }
}
