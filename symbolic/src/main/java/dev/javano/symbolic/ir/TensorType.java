package dev.javano.symbolic.ir;

import dev.javano.DType;
import dev.javano.symbolic.shape.Shape;

/** The static type of a node: dtype and shape. Printed as {@code float32[batch, 784]}. */
public record TensorType(DType dtype, Shape shape) {

    public static TensorType of(DType dtype, Shape shape) {
        return new TensorType(dtype, shape);
    }

    public static TensorType scalar(DType dtype) {
        return new TensorType(dtype, Shape.SCALAR);
    }

    public int rank() {
        return shape.rank();
    }

    public boolean isFloating() {
        return dtype == DType.FLOAT32 || dtype == DType.FLOAT64;
    }

    public TensorType withShape(Shape s) {
        return new TensorType(dtype, s);
    }

    public TensorType withDType(DType d) {
        return new TensorType(d, shape);
    }

    @Override
    public String toString() {
        return dtype.name().toLowerCase(java.util.Locale.ROOT) + shape;
    }
}
