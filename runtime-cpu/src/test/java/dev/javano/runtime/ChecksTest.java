package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChecksTest {

    private static final String SGD = "MlpModel.sgd";
    private static final Object[] X = {"batch", 784};
    private static final Object[] Y = {"batch"};

    private final DimBindings dims = new DimBindings();

    private static String message(Class<? extends Throwable> type, Executable check) {
        return assertThrows(type, check).getMessage();
    }

    @Test
    void reportsADimThatDiffersFromTheDeclaration() {
        try (FloatTensor x = FloatTensor.zeros(20, 785)) {
            assertEquals("MlpModel.sgd: x has shape [20, 785], expected [batch, 784] (dim 1: 785 ≠ 784)",
                    message(IllegalArgumentException.class, () -> Checks.shape(SGD, "x", x, X, dims)));
        }
    }

    @Test
    void reportsANamedDimBoundByAnEarlierArgument() {
        try (FloatTensor x = FloatTensor.zeros(20, 784); IntTensor y = IntTensor.zeros(32)) {
            Checks.shape(SGD, "x", x, X, dims);
            assertEquals(20, dims.get("batch"));
            assertEquals("MlpModel.sgd: y has shape [32], expected [batch] with batch = 20 from x (dim 0: 32 ≠ 20)",
                    message(IllegalArgumentException.class, () -> Checks.shape(SGD, "y", y, Y, dims)));
        }
    }

    @Test
    void reportsARankThatDiffers() {
        assertEquals("MlpModel.sgd: x has shape [784], expected [batch, 784] (rank 1 ≠ 2)",
                message(IllegalArgumentException.class, () -> Checks.shape(SGD, "x", new int[] {784}, X, dims)));
    }

    @Test
    void fixedDimsStayAcrossCalls() {
        DimBindings fixed = new DimBindings().fix("hidden", 500);
        Object[] h = {"batch", "hidden"};
        Checks.shape("RnnModel.step", "h", new int[] {8, 500}, h, fixed);
        fixed.clear();
        assertFalse(fixed.isBound("batch"));
        assertTrue(fixed.isBound("hidden"));
        assertEquals("RnnModel.step: h has shape [8, 499], expected [batch, hidden] with hidden = 500 (dim 1: 499 ≠ 500)",
                message(IllegalArgumentException.class,
                        () -> Checks.shape("RnnModel.step", "h", new int[] {8, 499}, h, fixed)));
        assertEquals("dim batch is not bound", message(IllegalStateException.class, () -> dims.get("batch")));
    }

    @Test
    void aNamedDimRepeatedInOneShape() {
        Object[] square = {"n", "n"};
        assertEquals("Model.f: m has shape [3, 4], expected [n, n] with n = 3 from m (dim 1: 4 ≠ 3)",
                message(IllegalArgumentException.class,
                        () -> Checks.shape("Model.f", "m", new int[] {3, 4}, square, dims)));
    }

    @Test
    void reportsTheFirstLabelThatIsNotAClass() {
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 12, -1, 9};
        try (IntTensor y = IntTensor.of(labels, 10); IntTensor grid = IntTensor.of(labels, 2, 5)) {
            assertEquals("MlpModel.sgd: y[7] = 12 is not a class in [0, 10)",
                    message(IllegalArgumentException.class, () -> Checks.labels(SGD, "y", y, 10)));
            assertEquals("MlpModel.sgd: y[1, 2] = 12 is not a class in [0, 10)",
                    message(IllegalArgumentException.class, () -> Checks.labels(SGD, "y", grid, 10)));
            Checks.labels(SGD, "y", y.rows(0, 7), 10);
        }
    }

    @Test
    void reportsNullAndClosedArguments() {
        assertEquals("MlpModel.sgd: x is null",
                message(NullPointerException.class, () -> Checks.shape(SGD, "x", (FloatTensor) null, X, dims)));
        assertEquals("MlpModel.sgd: y is null",
                message(NullPointerException.class, () -> Checks.labels(SGD, "y", null, 10)));
        assertEquals("MlpModel.sgd: lr is null", message(NullPointerException.class, () -> Checks.notNull(SGD, "lr", null)));
        DoubleTensor x = DoubleTensor.zeros(2, 784);
        x.close();
        assertEquals("MlpModel.sgd: x was closed",
                message(IllegalStateException.class, () -> Checks.shape(SGD, "x", x, X, dims)));
    }

    @Test
    void aSteadyCallAllocatesNothing() {
        try (FloatTensor x = FloatTensor.zeros(20, 784); IntTensor y = IntTensor.zeros(20)) {
            assertEquals(0, Allocations.of(10_000, () -> {
                dims.clear();
                Checks.shape(SGD, "x", x, X, dims);
                Checks.shape(SGD, "y", y, Y, dims);
                Checks.labels(SGD, "y", y, 10);
                if (dims.get("batch") != 20) {
                    throw new AssertionError();
                }
            }));
        }
    }
}
