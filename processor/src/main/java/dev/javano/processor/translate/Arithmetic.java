package dev.javano.processor.translate;

import com.sun.source.tree.Tree;
import java.util.Optional;

/** Java's arithmetic on compile-time numbers, with int semantics when both operands are ints. */
final class Arithmetic {

    private Arithmetic() {}

    static Optional<Double> apply(Tree.Kind op, double x, double y, boolean integral) {
        switch (op) {
            case PLUS: return Optional.of(x + y);
            case MINUS: return Optional.of(x - y);
            case MULTIPLY: return Optional.of(x * y);
            case DIVIDE:
                if (integral && y == 0) return Optional.empty();
                return Optional.of(integral ? (double) ((long) x / (long) y) : x / y);
            case REMAINDER:
                if (integral && y == 0) return Optional.empty();
                return Optional.of(integral ? (double) ((long) x % (long) y) : x % y);
            default: return Optional.empty();
        }
    }

    /** Comparisons and boolean logic on compile-time values, for {@code if} and loop conditions. */
    static Optional<Boolean> test(Tree.Kind op, double x, double y) {
        switch (op) {
            case LESS_THAN: return Optional.of(x < y);
            case LESS_THAN_EQUAL: return Optional.of(x <= y);
            case GREATER_THAN: return Optional.of(x > y);
            case GREATER_THAN_EQUAL: return Optional.of(x >= y);
            case EQUAL_TO: return Optional.of(x == y);
            case NOT_EQUAL_TO: return Optional.of(x != y);
            default: return Optional.empty();
        }
    }
}
