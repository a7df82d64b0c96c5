package dev.javano.symbolic;

import dev.javano.DType;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;

/**
 * Why a graph cannot be built, as a value: the op, the operands' shapes or dtypes and the dim
 * at fault. The processor attaches a source position and a diagnostic code; the messages are
 * already in the user's terms.
 */
public sealed interface Problem {

    /** One line, in the user's terms. */
    String message();

    /** Shape text that does not parse: {@code "batch,,784"}. Column counts from 1. */
    record MalformedShape(String text, int column, String reason) implements Problem {
        public String message() {
            return "malformed shape \"" + text + "\" at column " + column + ": " + reason;
        }
    }

    /** Two shapes that do not broadcast; axes index each operand's own dims. */
    record BroadcastClash(String op, Shape left, Shape right, Dim leftDim, Dim rightDim) implements Problem {
        public String message() {
            return "cannot " + op + " " + left + " and " + right + ": dims " + leftDim + " and " + rightDim
                    + " differ";
        }
    }

    /** Dims that must agree but do not, as the inner dims of {@code dot} or the other dims of {@code concat}. */
    record DimClash(String op, Shape left, Shape right, Dim leftDim, Dim rightDim, String which) implements Problem {
        public String message() {
            return "cannot " + op + " " + left + " and " + right + ": " + which + " dims " + leftDim + " and "
                    + rightDim + " differ";
        }
    }

    /** Operands of different dtypes where one dtype is needed. */
    record DTypeClash(String op, DType left, DType right) implements Problem {
        public String message() {
            return "cannot " + op + " " + name(left) + " and " + name(right) + " tensors: cast one of them first";
        }
    }

    /** An operand of a dtype the op does not take. */
    record WrongDType(String op, String operand, DType actual, String expected) implements Problem {
        public String message() {
            return op + ": " + operand + " is " + name(actual) + ", expected " + expected;
        }
    }

    /** An operand of a rank the op does not take. */
    record WrongRank(String op, String operand, Shape shape, String expected) implements Problem {
        public String message() {
            return op + ": " + operand + " has shape " + shape + ", expected " + expected;
        }
    }

    record AxisOutOfRange(String op, int axis, Shape shape) implements Problem {
        public String message() {
            return op + ": axis " + axis + " is out of range for shape " + shape + " (rank " + shape.rank() + ")";
        }
    }

    record ReshapeMismatch(Shape from, Shape to) implements Problem {
        public String message() {
            return "cannot reshape " + from + " (" + from.size() + " elements) to " + to + " (" + to.size()
                    + " elements)";
        }
    }

    /** Any other misuse of an op's arguments, described by the op. */
    record BadArgument(String op, String reason) implements Problem {
        public String message() {
            return op + ": " + reason;
        }
    }

    record NonScalarCost(Shape shape) implements Problem {
        public String message() {
            return "grad needs a scalar cost, but the cost has shape " + shape + "; reduce it first (sum or mean)";
        }
    }

    record NonFloatGrad(String what, DType dtype) implements Problem {
        public String message() {
            return "cannot differentiate " + what + ": it is " + name(dtype) + ", only float32 and float64 are"
                    + " differentiable";
        }
    }

    /** The cost depends on {@code wrt} only through a non-differentiable op ({@code argmax}, a comparison). */
    record NotDifferentiable(String wrt, String through) implements Problem {
        public String message() {
            return "the cost depends on " + wrt + " only through " + through
                    + ", which is not differentiable";
        }
    }

    private static String name(DType dtype) {
        return dtype.name().toLowerCase(java.util.Locale.ROOT);
    }
}
