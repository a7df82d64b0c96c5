package dev.javano.symbolic.ops;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Broadcast;
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/** Checks shared by the ops' type rules. Each returns null when the check passes, else the problem. */
final class TypeRules {

    private TypeRules() {}

    static Problem requireFloat(String op, String operand, TensorType t) {
        return t.isFloating() ? null : new Problem.WrongDType(op, operand, t.dtype(), "float32 or float64");
    }

    static Problem requireNumeric(String op, String operand, TensorType t) {
        return t.dtype() != DType.BOOL ? null : new Problem.WrongDType(op, operand, t.dtype(), "a number type");
    }

    static Problem requireDType(String op, String operand, TensorType t, DType expected) {
        return t.dtype() == expected
                ? null
                : new Problem.WrongDType(op, operand, t.dtype(), expected.name().toLowerCase(java.util.Locale.ROOT));
    }

    static Problem sameDType(String op, TensorType a, TensorType b) {
        return a.dtype() == b.dtype() ? null : new Problem.DTypeClash(op, a.dtype(), b.dtype());
    }

    /** The broadcast shape of all operands, left to right. */
    static Result<Shape> broadcastAll(String op, List<TensorType> ts) {
        Result<Shape> acc = Result.ok(ts.get(0).shape());
        for (int i = 1; i < ts.size(); i++) {
            Shape next = ts.get(i).shape();
            acc = acc.flatMap(s -> Broadcast.shapes(op, s, next));
        }
        return acc;
    }

    /** The first non-null problem, or null. */
    static Problem first(Problem... checks) {
        for (Problem p : checks) if (p != null) return p;
        return null;
    }

    static Result<TensorType> fail(Problem p) {
        return Result.err(p);
    }
}
