package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import org.junit.jupiter.api.Test;

class MemoryTest {

    @Test
    void allocatesZeroFilledMemory() {
        long a = Memory.allocate(1000);
        try {
            for (int i = 0; i < 1000; i += 4) {
                assertEquals(0, Memory.getInt(a + i));
            }
        } finally {
            Memory.free(a);
        }
    }

    @Test
    void readsWhatItWrites() {
        long a = Memory.allocate(16);
        try {
            Memory.putFloat(a, 1.5f);
            Memory.putInt(a + 4, -7);
            Memory.putDouble(a + 8, Math.PI);
            assertEquals(1.5f, Memory.getFloat(a));
            assertEquals(-7, Memory.getInt(a + 4));
            assertEquals(Math.PI, Memory.getDouble(a + 8));
        } finally {
            Memory.free(a);
        }
    }

    @Test
    void copiesBetweenNativeMemoryAndArrays() {
        long a = Memory.allocate(40);
        long b = Memory.allocate(40);
        try {
            Memory.store(new float[] {9, 1, 2, 3, 9}, 1, a, 3);
            Memory.copy(a, b + 8, 12);
            float[] out = new float[6];
            Memory.load(b, out, 1, 5);
            assertArrayEquals(new float[] {0, 0, 0, 1, 2, 3}, out);

            Memory.store(new double[] {4, 5}, 0, a, 2);
            double[] d = new double[3];
            Memory.load(a, d, 1, 2);
            assertArrayEquals(new double[] {0, 4, 5}, d);

            Memory.store(new int[] {-1, 8}, 0, a, 2);
            int[] i = new int[2];
            Memory.load(a, i, 0, 2);
            assertArrayEquals(new int[] {-1, 8}, i);
        } finally {
            Memory.free(a);
            Memory.free(b);
        }
    }

    @Test
    void bulkCopiesCheckArrayBounds() {
        long a = Memory.allocate(64);
        try {
            assertThrows(IndexOutOfBoundsException.class, () -> Memory.load(a, new float[4], 1, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> Memory.store(new double[4], -1, a, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> Memory.store(new int[2], 0, a, 3));
        } finally {
            Memory.free(a);
        }
    }

    @Test
    void fills() {
        long a = Memory.allocate(8 * 5);
        try {
            Memory.fill(a, 5, 2.5f);
            assertEquals(2.5f, Memory.getFloat(a + 16));
            assertEquals(0, Memory.getInt(a + 20));
            Memory.fill(a, 5, -1.25);
            assertEquals(-1.25, Memory.getDouble(a + 32));
            Memory.fill(a, 3, 7);
            assertEquals(7, Memory.getInt(a + 8));
            Memory.fill(a, 10, 0f);
            assertEquals(0, Memory.getDouble(a + 32));
        } finally {
            Memory.free(a);
        }
    }

    @Test
    void failedAllocationSaysWhat() {
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> Memory.allocate(Long.MAX_VALUE / 4));
        assertTrue(e.getMessage().startsWith("cannot allocate " + Long.MAX_VALUE / 4 + " bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Memory.allocate(-1));
    }

    @Test
    void chunkedKernelLoopsAllocateNothing() {
        long a = Memory.allocate(4 * 4096);
        float[] chunk = new float[2048];
        try {
            assertEquals(0, Allocations.of(10_000, () -> {
                for (int base = 0; base < 4096; base += 2048) {
                    Memory.load(a + 4L * base, chunk, 0, 2048);
                    for (int i = 0; i < 2048; i++) {
                        chunk[i] += 1;
                    }
                    Memory.store(chunk, 0, a + 4L * base, 2048);
                }
            }));
        } finally {
            Memory.free(a);
        }
    }

    @Test
    void storageIsZeroFilledAndKnowsItsSize() {
        try (Storage s = Storage.allocate(DType.FLOAT64, 10)) {
            assertEquals(DType.FLOAT64, s.dtype());
            assertEquals(10, s.elements());
            assertEquals(0, Memory.getDouble(s.address() + 72));
            assertFalse(s.isClosed());
        }
    }

    @Test
    void storageGrowsWithoutKeepingContents() {
        try (Storage s = Storage.allocate(DType.FLOAT32, 4)) {
            long before = s.address();
            s.ensureCapacity(3);
            assertEquals(before, s.address());
            assertEquals(4, s.elements());
            Memory.putFloat(s.address(), 1);
            s.ensureCapacity(1000);
            assertEquals(1000, s.elements());
            assertNotEquals(0, s.address());
            assertEquals(0, Memory.getFloat(s.address()));
            assertEquals(0, Memory.getFloat(s.address() + 4 * 999));
        }
    }

    @Test
    void storageCannotBeUsedAfterClose() {
        Storage s = Storage.allocate(DType.INT32, 3);
        s.close();
        s.close();
        assertTrue(s.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, s::address);
        assertEquals("Storage[INT32 x 3, closed] used after close", e.getMessage());
        assertThrows(IllegalStateException.class, () -> s.ensureCapacity(10));
        assertThrows(IllegalArgumentException.class, () -> Storage.allocate(DType.FLOAT64, -1));
    }

    @Test
    void emptyStorageHasAnAddress() {
        try (Storage s = Storage.allocate(DType.FLOAT32, 0)) {
            assertNotEquals(0, s.address());
        }
    }
}
