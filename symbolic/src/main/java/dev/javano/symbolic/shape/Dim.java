package dev.javano.symbolic.shape;

import java.util.Objects;

/**
 * One dimension of a shape: a size known at compile time, or a named dim ({@code batch},
 * {@code hidden}) whose size is bound later (by the model builder or by each call's arguments).
 */
public sealed interface Dim permits Dim.Fixed, Dim.Named {

    /** A dimension of known size. */
    record Fixed(int size) implements Dim {
        public Fixed {
            if (size < 0) throw new IllegalArgumentException("negative dim " + size);
        }

        @Override
        public String toString() {
            return Integer.toString(size);
        }
    }

    /** A dimension known by name only; two named dims are the same dim exactly when their names are. */
    record Named(String name) implements Dim {
        public Named {
            Objects.requireNonNull(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Dim of(int size) {
        return new Fixed(size);
    }

    static Dim of(String name) {
        return new Named(name);
    }

    /** Whether this dim is the fixed size 1, the one that broadcasts. */
    default boolean isOne() {
        return this instanceof Fixed f && f.size() == 1;
    }
}
