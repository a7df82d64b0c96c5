package dev.javano.runtime;

import java.lang.reflect.Field;
import java.util.Objects;

/**
 * Raw access to native memory: the primitive generated code is made of. <em>For generated
 * code</em>; applications use {@link FloatTensor}, {@link IntTensor} and {@link DoubleTensor}.
 *
 * <p>Addresses are plain {@code long}s obtained from {@link #allocate} (usually through
 * {@link Storage#address()} or a tensor's {@code address()}). Nothing here checks that an
 * address is valid: a wrong one corrupts memory or crashes the JVM. Only the bulk copies
 * between native memory and Java arrays check their array bounds, since a mistake there would
 * corrupt the Java heap.
 *
 * <p>Generated elementwise kernels copy chunks of about 2048 elements into heap scratch arrays
 * with {@code load}, compute with loops the JIT vectorizes, and write back with {@code store}.
 */
public final class Memory {

    /** The one mention of {@code sun.misc.Unsafe} (module jdk.unsupported), so javac warns once. */
    private static final sun.misc.Unsafe UNSAFE = theUnsafe();
    private static final long FLOATS = UNSAFE.arrayBaseOffset(float[].class);
    private static final long DOUBLES = UNSAFE.arrayBaseOffset(double[].class);
    private static final long INTS = UNSAFE.arrayBaseOffset(int[].class);

    private Memory() {}

    @SuppressWarnings("unchecked")
    private static <T> T theUnsafe() {
        try {
            Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (T) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(
                    "Javano needs sun.misc.Unsafe (module jdk.unsupported) for native memory: " + e);
        }
    }

    /**
     * Allocates zero-filled native memory, aligned for any primitive type.
     *
     * @param bytes the number of bytes, not negative; 0 allocates a minimal block, so that every
     *     allocation has a distinct, non-zero address
     * @return the address of the block, to be released with {@link #free}
     * @throws OutOfMemoryError if the system has no such amount of native memory
     */
    public static long allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes");
        }
        long size = Math.max(bytes, 1);
        long address;
        try {
            address = UNSAFE.allocateMemory(size);
        } catch (OutOfMemoryError e) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes (" + (bytes >> 20)
                    + " MiB) of native memory for tensors; close tensors and models no longer"
                    + " needed, or reduce the batch size");
        }
        UNSAFE.setMemory(address, size, (byte) 0);
        return address;
    }

    /**
     * Releases memory from {@link #allocate}. The address must not be used afterwards.
     *
     * @param address an address from {@link #allocate}, released at most once; 0 is ignored
     */
    public static void free(long address) {
        if (address != 0) {
            UNSAFE.freeMemory(address);
        }
    }

    /**
     * Reads a float.
     *
     * @param address where
     * @return the value
     */
    public static float getFloat(long address) {
        return UNSAFE.getFloat(address);
    }

    /**
     * Writes a float.
     *
     * @param address where
     * @param v the value
     */
    public static void putFloat(long address, float v) {
        UNSAFE.putFloat(address, v);
    }

    /**
     * Reads a double.
     *
     * @param address where
     * @return the value
     */
    public static double getDouble(long address) {
        return UNSAFE.getDouble(address);
    }

    /**
     * Writes a double.
     *
     * @param address where
     * @param v the value
     */
    public static void putDouble(long address, double v) {
        UNSAFE.putDouble(address, v);
    }

    /**
     * Reads an int.
     *
     * @param address where
     * @return the value
     */
    public static int getInt(long address) {
        return UNSAFE.getInt(address);
    }

    /**
     * Writes an int.
     *
     * @param address where
     * @param v the value
     */
    public static void putInt(long address, int v) {
        UNSAFE.putInt(address, v);
    }

    /**
     * Copies bytes between native blocks ({@code memmove}: the ranges may overlap).
     *
     * @param from the source address
     * @param to the destination address
     * @param bytes how many bytes
     */
    public static void copy(long from, long to, long bytes) {
        UNSAFE.copyMemory(from, to, bytes);
    }

    /**
     * Copies {@code count} floats from native memory into {@code to[toOffset ...]}.
     *
     * @param from the source address
     * @param to the destination array
     * @param toOffset the first index written
     * @param count how many floats
     * @throws IndexOutOfBoundsException if the range does not fit the array
     */
    public static void load(long from, float[] to, int toOffset, int count) {
        Objects.checkFromIndexSize(toOffset, count, to.length);
        UNSAFE.copyMemory(null, from, to, FLOATS + 4L * toOffset, 4L * count);
    }

    /**
     * Copies {@code count} floats from {@code from[fromOffset ...]} into native memory.
     *
     * @param from the source array
     * @param fromOffset the first index read
     * @param to the destination address
     * @param count how many floats
     * @throws IndexOutOfBoundsException if the range does not fit the array
     */
    public static void store(float[] from, int fromOffset, long to, int count) {
        Objects.checkFromIndexSize(fromOffset, count, from.length);
        UNSAFE.copyMemory(from, FLOATS + 4L * fromOffset, null, to, 4L * count);
    }

    /** As {@link #load(long, float[], int, int)}, for doubles. */
    public static void load(long from, double[] to, int toOffset, int count) {
        Objects.checkFromIndexSize(toOffset, count, to.length);
        UNSAFE.copyMemory(null, from, to, DOUBLES + 8L * toOffset, 8L * count);
    }

    /** As {@link #store(float[], int, long, int)}, for doubles. */
    public static void store(double[] from, int fromOffset, long to, int count) {
        Objects.checkFromIndexSize(fromOffset, count, from.length);
        UNSAFE.copyMemory(from, DOUBLES + 8L * fromOffset, null, to, 8L * count);
    }

    /** As {@link #load(long, float[], int, int)}, for ints. */
    public static void load(long from, int[] to, int toOffset, int count) {
        Objects.checkFromIndexSize(toOffset, count, to.length);
        UNSAFE.copyMemory(null, from, to, INTS + 4L * toOffset, 4L * count);
    }

    /** As {@link #store(float[], int, long, int)}, for ints. */
    public static void store(int[] from, int fromOffset, long to, int count) {
        Objects.checkFromIndexSize(fromOffset, count, from.length);
        UNSAFE.copyMemory(from, INTS + 4L * fromOffset, null, to, 4L * count);
    }

    /**
     * Sets {@code count} floats from {@code address} on to {@code v}. As with
     * {@link java.util.Arrays#fill}, the overload is chosen by the static type of {@code v}:
     * generated code passes typed values ({@code 1f}, {@code 1d}).
     *
     * @param address the first float
     * @param count how many floats
     * @param v the value
     */
    public static void fill(long address, long count, float v) {
        if (Float.floatToRawIntBits(v) == 0) {
            UNSAFE.setMemory(address, 4 * count, (byte) 0);
        } else {
            for (long i = 0; i < count; i++) {
                UNSAFE.putFloat(address + 4 * i, v);
            }
        }
    }

    /** As {@link #fill(long, long, float)}, for doubles. */
    public static void fill(long address, long count, double v) {
        if (Double.doubleToRawLongBits(v) == 0) {
            UNSAFE.setMemory(address, 8 * count, (byte) 0);
        } else {
            for (long i = 0; i < count; i++) {
                UNSAFE.putDouble(address + 8 * i, v);
            }
        }
    }

    /** As {@link #fill(long, long, float)}, for ints. */
    public static void fill(long address, long count, int v) {
        if (v == 0) {
            UNSAFE.setMemory(address, 4 * count, (byte) 0);
        } else {
            for (long i = 0; i < count; i++) {
                UNSAFE.putInt(address + 4 * i, v);
            }
        }
    }
}
