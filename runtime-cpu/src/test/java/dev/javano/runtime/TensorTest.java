package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void holdsDataInRowMajorOrder() {
        try (FloatTensor t = FloatTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)) {
            assertArrayEquals(new int[] {2, 3}, t.shape());
            assertEquals(2, t.rank());
            assertEquals(3, t.dim(1));
            assertEquals(6, t.size());
            assertEquals(DType.FLOAT32, t.dtype());
            assertEquals(6, t.get(1, 2));
            assertEquals(2, t.get(0, 1));
            t.set(-1, 1, 0);
            assertArrayEquals(new float[] {1, 2, 3, -1, 5, 6}, t.toArray());
            assertEquals(0, t.offset());
            assertEquals(t.storage().address(), t.address());
        }
    }

    @Test
    void shapeIsACopy() {
        try (FloatTensor t = FloatTensor.zeros(2, 3)) {
            t.shape()[0] = 7;
            assertEquals(2, t.dim(0));
        }
        int[] shape = {4};
        try (FloatTensor t = FloatTensor.zeros(shape)) {
            shape[0] = 5;
            assertEquals(4, t.dim(0));
        }
    }

    @Test
    void zerosAndScalars() {
        try (DoubleTensor t = DoubleTensor.zeros(3, 1, 2); IntTensor s = IntTensor.zeros()) {
            assertArrayEquals(new double[6], t.toArray());
            assertEquals(0, s.rank());
            assertEquals(1, s.size());
            s.set(42);
            assertEquals(42, s.get());
            assertEquals("IntTensor [] [42]", s.toString());
        }
        try (DoubleTensor d = DoubleTensor.of(new double[] {0.25}); IntTensor i = IntTensor.of(new int[] {1, 2}, 2)) {
            assertEquals(0.25, d.get());
            assertEquals(DType.FLOAT64, d.dtype());
            assertEquals(DType.INT32, i.dtype());
            assertArrayEquals(new int[] {1, 2}, i.toArray());
        }
    }

    @Test
    void rowsAreViewsThatCopyNothing() {
        try (FloatTensor t = FloatTensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2)) {
            FloatTensor view = t.rows(1, 3);
            assertArrayEquals(new int[] {2, 2}, view.shape());
            assertArrayEquals(new float[] {2, 3, 4, 5}, view.toArray());
            assertSame(t.storage(), view.storage());
            assertEquals(2, view.offset());
            assertEquals(t.address() + 8, view.address());

            view.set(30, 0, 1);
            assertEquals(30, t.get(1, 1));
            t.set(40, 2, 0);
            assertEquals(40, view.get(1, 0));

            FloatTensor inner = view.rows(1, 2);
            assertEquals(4, inner.offset());
            assertArrayEquals(new float[] {40, 5}, inner.toArray());
        }
    }

    @Test
    void closingAViewKeepsTheOwner() {
        try (IntTensor t = IntTensor.of(new int[] {1, 2, 3}, 3)) {
            IntTensor view = t.rows(0, 2);
            view.close();
            view.close();
            assertTrue(view.isClosed());
            assertFalse(t.isClosed());
            assertEquals(3, t.get(2));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.get(0));
            assertEquals("IntTensor [2] used after close", e.getMessage());
        }
    }

    @Test
    void closingTheOwnerClosesItsViews() {
        FloatTensor t = FloatTensor.zeros(10, 3);
        FloatTensor view = t.rows(2, 5);
        FloatTensor inner = view.rows(0, 1);
        t.close();
        t.close();
        assertTrue(view.isClosed());
        assertEquals("FloatTensor [3, 3] used after the tensor it views was closed",
                assertThrows(IllegalStateException.class, view::toArray).getMessage());
        assertThrows(IllegalStateException.class, () -> inner.set(1, 0, 0));
        assertThrows(IllegalStateException.class, inner::address);
        assertEquals("FloatTensor [10, 3] used after close",
                assertThrows(IllegalStateException.class, () -> t.get(0, 0)).getMessage());
        assertThrows(IllegalStateException.class, () -> t.rows(0, 1));
        assertEquals("FloatTensor [10, 3] (closed)", t.toString());
    }

    @Test
    void rejectsBadShapes() {
        assertEquals("data has 5 elements but shape [2, 3] has 6",
                assertThrows(IllegalArgumentException.class, () -> FloatTensor.of(new float[5], 2, 3)).getMessage());
        assertEquals("data has 3 elements but shape [] has 1",
                assertThrows(IllegalArgumentException.class, () -> IntTensor.of(new int[3])).getMessage());
        assertEquals("shape [2, 0] has dim 1 = 0: dims must be positive",
                assertThrows(IllegalArgumentException.class, () -> DoubleTensor.zeros(2, 0)).getMessage());
        assertEquals("shape [-1] has dim 0 = -1: dims must be positive",
                assertThrows(IllegalArgumentException.class, () -> FloatTensor.of(new float[0], -1)).getMessage());
        assertEquals("shape [65536, 65536, 65536, 65536] has too many elements",
                assertThrows(IllegalArgumentException.class, () -> FloatTensor.zeros(65536, 65536, 65536, 65536))
                        .getMessage());
    }

    @Test
    void checksIndices() {
        try (FloatTensor t = FloatTensor.zeros(2, 3)) {
            assertEquals("index [2, 1] is out of bounds for shape [2, 3]",
                    assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 1)).getMessage());
            assertEquals("index [0, -1] is out of bounds for shape [2, 3]",
                    assertThrows(IndexOutOfBoundsException.class, () -> t.set(1, 0, -1)).getMessage());
            assertEquals("index [1] has 1 dims, shape [2, 3] has 2",
                    assertThrows(IndexOutOfBoundsException.class, () -> t.get(1)).getMessage());
            assertEquals("rows(1, 1) of FloatTensor [2, 3]: need 0 ≤ from < to ≤ 2",
                    assertThrows(IndexOutOfBoundsException.class, () -> t.rows(1, 1)).getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> t.rows(0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> t.rows(-1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> t.dim(2));
        }
        try (FloatTensor s = FloatTensor.zeros()) {
            assertEquals("rows(0, 1) of FloatTensor []: a scalar has no rows",
                    assertThrows(IndexOutOfBoundsException.class, () -> s.rows(0, 1)).getMessage());
        }
    }

    @Test
    void printsShapeAndFirstValues() {
        try (FloatTensor t = FloatTensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
                DoubleTensor d = DoubleTensor.of(new double[] {0.5, 1}, 2)) {
            assertEquals("FloatTensor [2, 4] [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, ...]", t.toString());
            assertEquals("FloatTensor [1, 4] [5.0, 6.0, 7.0, 8.0]", t.rows(1, 2).toString());
            assertEquals("DoubleTensor [2] [0.5, 1.0]", d.toString());
        }
    }
}
