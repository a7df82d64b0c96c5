package dev.javano.processor.emit;

import dev.javano.DType;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Cast;
import dev.javano.symbolic.ops.Compare;
import dev.javano.symbolic.ops.Unary;
import java.util.List;

/**
 * Java expressions for elementwise ops, over operand expressions, in float or double arithmetic:
 * one table shared by the fused loops and the scalar locals of generated code. float32 uses the
 * vectorizable {@code FastMath}; float64 keeps full precision with {@code Math}.
 */
final class Scalars {

    private Scalars() {}

    static String unary(Unary.Fn fn, String x, boolean dbl) {
        String t = dbl ? "" : "(float) ";
        switch (fn) {
            case NEG: return "(-" + x + ")";
            case EXP: return dbl ? "Math.exp(" + x + ")" : "FastMath.exp(" + x + ")";
            case LOG: return dbl ? "Math.log(" + x + ")" : "FastMath.log(" + x + ")";
            case LOG1P: return t + "Math.log1p(" + x + ")";
            case TANH: return dbl ? "Math.tanh(" + x + ")" : "FastMath.tanh(" + x + ")";
            case SIGMOID: return dbl ? "(1 / (1 + Math.exp(-" + x + ")))" : "FastMath.sigmoid(" + x + ")";
            case SOFTPLUS: return "(Math.max(" + x + ", " + lit(0, dbl) + ") + " + t + "Math.log1p(Math.exp(-Math.abs(" + x + "))))";
            case SQRT: return t + "Math.sqrt(" + x + ")";
            case SQUARE: return "(" + x + " * " + x + ")";
            case ABS: return "Math.abs(" + x + ")";
            case SIGN: return "Math.signum(" + x + ")";
            default: throw new IllegalStateException("no Java form for " + fn);
        }
    }

    /** Whether {@code fn} names its operand twice in its Java form (so the operand must be a plain name). */
    static boolean repeatsOperand(Unary.Fn fn) {
        return fn == Unary.Fn.SQUARE || fn == Unary.Fn.SOFTPLUS;
    }

    static String binary(Binary.Fn fn, String a, String b, boolean dbl) {
        switch (fn) {
            case ADD: return "(" + a + " + " + b + ")";
            case SUB: return "(" + a + " - " + b + ")";
            case MUL: return "(" + a + " * " + b + ")";
            case DIV: return "(" + a + " / " + b + ")";
            case POW: return (dbl ? "" : "(float) ") + "Math.pow(" + a + ", " + b + ")";
            case MAXIMUM: return "Math.max(" + a + ", " + b + ")";
            case MINIMUM: return "Math.min(" + a + ", " + b + ")";
            default: throw new IllegalStateException("no Java form for " + fn);
        }
    }

    static String compare(Compare.Fn fn, String a, String b, boolean dbl) {
        String op = List.of("<", "<=", ">", ">=", "==", "!=").get(fn.ordinal());
        return "(" + a + " " + op + " " + b + " ? " + lit(1, dbl) + " : " + lit(0, dbl) + ")";
    }

    static String select(String c, String a, String b, boolean dbl) {
        return "(" + c + " != " + lit(0, dbl) + " ? " + a + " : " + b + ")";
    }

    /** A cast within the computation type: integers truncate, booleans become 0 or 1. */
    static String cast(Cast c, String x, boolean dbl) {
        String t = dbl ? "(double) " : "(float) ";
        if (c.to() == DType.INT32) return t + "(int) " + x;
        if (c.to() == DType.BOOL) return "(" + x + " != " + lit(0, dbl) + " ? " + lit(1, dbl) + " : " + lit(0, dbl) + ")";
        if (c.to() == DType.FLOAT32 && dbl) return "(double) (float) " + x;
        return x;
    }

    /** A literal of the computation type. */
    static String lit(double v, boolean dbl) {
        if (Double.isNaN(v)) return dbl ? "Double.NaN" : "Float.NaN";
        if (Double.isInfinite(v)) return (dbl ? "Double." : "Float.") + (v > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
        return dbl ? Double.toString(v) : Float.toString((float) v) + "f";
    }
}
