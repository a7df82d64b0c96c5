package dev.javano.processor.translate;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import java.util.Map;
import java.util.Optional;

/** Folds the numeric expressions allowed where a number must be known at compile time: {@code -0.01}, {@code 2 * HIDDEN}. */
public final class ConstantFolder {

    private ConstantFolder() {}

    public static Optional<Double> fold(ExpressionTree t, Map<String, Number> constants) {
        if (t instanceof LiteralTree l && l.getValue() instanceof Number n) return Optional.of(n.doubleValue());
        if (t instanceof ParenthesizedTree p) return fold(p.getExpression(), constants);
        if (t instanceof TypeCastTree c) return fold(c.getExpression(), constants);
        if (t instanceof IdentifierTree id) {
            Number n = constants.get(id.getName().toString());
            return n == null ? Optional.empty() : Optional.of(n.doubleValue());
        }
        if (t instanceof UnaryTree u) {
            Optional<Double> x = fold(u.getExpression(), constants);
            switch (u.getKind()) {
                case UNARY_MINUS: return x.map(v -> -v);
                case UNARY_PLUS: return x;
                default: return Optional.empty();
            }
        }
        if (t instanceof BinaryTree b) {
            Optional<Double> x = fold(b.getLeftOperand(), constants);
            Optional<Double> y = fold(b.getRightOperand(), constants);
            if (x.isEmpty() || y.isEmpty()) return Optional.empty();
            return Arithmetic.apply(b.getKind(), x.get(), y.get(), false);
        }
        return Optional.empty();
    }
}
