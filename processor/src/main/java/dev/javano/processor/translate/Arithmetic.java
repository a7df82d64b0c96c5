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

    /** Whether {@code op} is a comparison, which {@link #test} evaluates. */
    static boolean isTest(Tree.Kind op) {
        return test(op, 0, 0).isPresent();
    }

    /** The operator as written in Java, for messages: {@code <} for {@code LESS_THAN}. */
    static String symbol(Tree.Kind op) {
        switch (op) {
            case PLUS: case PLUS_ASSIGNMENT: case UNARY_PLUS: return "+";
            case MINUS: case MINUS_ASSIGNMENT: case UNARY_MINUS: return "-";
            case MULTIPLY: case MULTIPLY_ASSIGNMENT: return "*";
            case DIVIDE: case DIVIDE_ASSIGNMENT: return "/";
            case REMAINDER: case REMAINDER_ASSIGNMENT: return "%";
            case LESS_THAN: return "<";
            case LESS_THAN_EQUAL: return "<=";
            case GREATER_THAN: return ">";
            case GREATER_THAN_EQUAL: return ">=";
            case EQUAL_TO: return "==";
            case NOT_EQUAL_TO: return "!=";
            case CONDITIONAL_AND: return "&&";
            case CONDITIONAL_OR: return "||";
            case AND: case AND_ASSIGNMENT: return "&";
            case OR: case OR_ASSIGNMENT: return "|";
            case XOR: case XOR_ASSIGNMENT: return "^";
            case LEFT_SHIFT: case LEFT_SHIFT_ASSIGNMENT: return "<<";
            case RIGHT_SHIFT: case RIGHT_SHIFT_ASSIGNMENT: return ">>";
            case UNSIGNED_RIGHT_SHIFT: case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT: return ">>>";
            case POSTFIX_INCREMENT: case PREFIX_INCREMENT: return "++";
            case POSTFIX_DECREMENT: case PREFIX_DECREMENT: return "--";
            case LOGICAL_COMPLEMENT: return "!";
            case BITWISE_COMPLEMENT: return "~";
            default: return op.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
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
