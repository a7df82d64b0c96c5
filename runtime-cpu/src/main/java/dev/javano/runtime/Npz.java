package dev.javano.runtime;

import dev.javano.DType;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes numpy's {@code .npz} files: a zip of {@code .npy} arrays, as
 * {@code numpy.savez} writes and {@code numpy.load} reads them.
 *
 * <p>Supported: little-endian {@code <f4}, {@code <f8} and {@code <i4} arrays (float32, float64,
 * int32) in C order, of any rank including 0; {@code .npy} versions 1.0, 2.0 and 3.0 when
 * reading; stored or deflated entries ({@code savez} or {@code savez_compressed}). Writing
 * produces version 1.0 entries, stored uncompressed, with the header padded to 64 bytes as numpy
 * does.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {}

    /**
     * One array of a {@code .npz} file: a dtype, a shape (dims not negative; none for a scalar)
     * and the elements in C (row-major) order, in a {@code float[]} ({@link DType#FLOAT32}),
     * {@code double[]} ({@link DType#FLOAT64}) or {@code int[]} ({@link DType#INT32}). The data
     * array is shared, not copied; {@code equals} compares contents.
     *
     * @param dtype the element type
     * @param shape the dims
     * @param data the elements
     */
    public record Array(DType dtype, int[] shape, Object data) {

        /**
         * Checks that the parts agree.
         *
         * @param dtype the element type: {@link DType#FLOAT32}, {@link DType#FLOAT64} or {@link DType#INT32}
         * @param shape the dims, not negative (copied)
         * @param data the elements, a {@code float[]}, {@code double[]} or {@code int[]} (not copied)
         * @throws IllegalArgumentException if the parts disagree
         */
        public Array {
            shape = shape.clone();
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dim in shape " + Arrays.toString(shape));
                }
                n *= d;
            }
            int length = switch (dtype) {
                case FLOAT32 -> data instanceof float[] a ? a.length : -1;
                case FLOAT64 -> data instanceof double[] a ? a.length : -1;
                case INT32 -> data instanceof int[] a ? a.length : -1;
                default -> throw new IllegalArgumentException(".npz arrays of " + dtype + " are not supported");
            };
            if (length < 0) {
                throw new IllegalArgumentException(dtype + " data must be a " + javaType(dtype) + "[], not "
                        + (data == null ? "null" : data.getClass().getSimpleName()));
            }
            if (length != n) {
                throw new IllegalArgumentException("data has " + length + " elements but shape "
                        + Arrays.toString(shape) + " has " + n);
            }
        }

        /**
         * A float32 array.
         *
         * @param data the elements
         * @param shape the dims
         * @return the array
         */
        public static Array of(float[] data, int... shape) {
            return new Array(DType.FLOAT32, shape, data);
        }

        /**
         * A float64 array.
         *
         * @param data the elements
         * @param shape the dims
         * @return the array
         */
        public static Array of(double[] data, int... shape) {
            return new Array(DType.FLOAT64, shape, data);
        }

        /**
         * An int32 array.
         *
         * @param data the elements
         * @param shape the dims
         * @return the array
         */
        public static Array of(int[] data, int... shape) {
            return new Array(DType.INT32, shape, data);
        }

        /** {@return the dims: a copy, empty for a scalar} */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /**
         * The float32 elements.
         *
         * @return the data
         * @throws IllegalStateException for another dtype
         */
        public float[] floats() {
            return (float[]) as(DType.FLOAT32);
        }

        /**
         * The float64 elements.
         *
         * @return the data
         * @throws IllegalStateException for another dtype
         */
        public double[] doubles() {
            return (double[]) as(DType.FLOAT64);
        }

        /**
         * The int32 elements.
         *
         * @return the data
         * @throws IllegalStateException for another dtype
         */
        public int[] ints() {
            return (int[]) as(DType.INT32);
        }

        /** {@return the number of elements: the product of the dims} */
        public int size() {
            return java.lang.reflect.Array.getLength(data);
        }

        private Object as(DType wanted) {
            if (dtype != wanted) {
                throw new IllegalStateException("array of " + dtype + ", not " + wanted);
            }
            return data;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Array a && dtype == a.dtype && Arrays.equals(shape, a.shape)
                    && Objects.deepEquals(data, a.data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.deepHashCode(new Object[] {data});
        }

        @Override
        public String toString() {
            return "Array[" + dtype + " " + Arrays.toString(shape) + "]";
        }
    }

    /**
     * Reads every array of a {@code .npz} file.
     *
     * @param file the file
     * @return the arrays by name ({@code "w1"} for the entry {@code w1.npy}), in file order
     * @throws IOException if the file cannot be read or is not a supported {@code .npz}; the
     *     message names the file and the entry
     */
    public static Map<String, Array> read(Path file) throws IOException {
        Map<String, Array> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName().endsWith(".npy")
                        ? entry.getName().substring(0, entry.getName().length() - 4)
                        : entry.getName();
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(name, readNpy(new DataInputStream(in), file, entry.getName()));
                } catch (ZipException x) {
                    throw new IOException(file + ", entry " + entry.getName() + ": corrupt zip data: "
                            + x.getMessage(), x);
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + ": not a valid .npz (zip) file: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(arrays);
    }

    private static Array readNpy(DataInputStream in, Path file, String entry) throws IOException {
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw error(file, entry, "not a .npy array (no \\x93NUMPY magic)");
            }
            int major = in.readUnsignedByte();
            int minor = in.readUnsignedByte();
            int length = switch (major) {
                case 1 -> Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
                case 2, 3 -> Integer.reverseBytes(in.readInt());
                default -> throw error(file, entry, ".npy version " + major + "." + minor + " is not supported");
            };
            if (length < 0) {
                throw error(file, entry, "corrupt header length");
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException();
            }
            String header = new String(bytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            DType dtype = dtype(field(DESCR, header, file, entry), file, entry);
            if (field(FORTRAN, header, file, entry).equals("True")) {
                throw error(file, entry, "fortran_order=True is not supported;"
                        + " save a C-ordered array (numpy.ascontiguousarray)");
            }
            int[] shape = shape(field(SHAPE, header, file, entry), file, entry);
            long n = 1;
            for (int d : shape) {
                n *= d; // at most 2^62: both factors are below 2^31
                if (n > Integer.MAX_VALUE - 8) {
                    throw error(file, entry, "shape " + Arrays.toString(shape) + " has more elements than a Java array holds");
                }
            }
            return new Array(dtype, shape, readData(in, dtype, (int) n, file, entry));
        } catch (EOFException e) {
            throw error(file, entry, "truncated");
        }
    }

    private static String field(Pattern pattern, String header, Path file, String entry) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw error(file, entry, "corrupt .npy header " + header.strip());
        }
        return m.group(1);
    }

    private static DType dtype(String descr, Path file, String entry) throws IOException {
        return switch (descr) {
            case "<f4" -> DType.FLOAT32;
            case "<f8" -> DType.FLOAT64;
            case "<i4" -> DType.INT32;
            default -> throw error(file, entry, "dtype '" + descr + "' is not supported: Javano reads '<f4',"
                    + " '<f8' and '<i4' (in numpy, convert with a.astype(numpy.float32) or numpy.int32)");
        };
    }

    private static int[] shape(String tuple, Path file, String entry) throws IOException {
        String[] parts = tuple.split(",");
        int[] shape = new int[parts.length];
        int rank = 0;
        for (String part : parts) {
            if (!part.isBlank()) {
                try {
                    shape[rank] = Integer.parseInt(part.strip());
                } catch (NumberFormatException e) {
                    throw error(file, entry, "corrupt shape (" + tuple + ")");
                }
                if (shape[rank++] < 0) {
                    throw error(file, entry, "corrupt shape (" + tuple + ")");
                }
            }
        }
        return Arrays.copyOf(shape, rank);
    }

    private static Object readData(DataInputStream in, DType dtype, int n, Path file, String entry)
            throws IOException {
        int size = dtype.byteSize();
        Object data = switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            default -> new int[n];
        };
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int count = Math.min(n - done, CHUNK / size);
            int read = in.readNBytes(chunk, 0, count * size);
            if (read < count * size) {
                throw error(file, entry, "truncated: " + ((long) done * size + read) + " of " + (long) n * size
                        + " data bytes");
            }
            buffer.clear();
            switch (dtype) {
                case FLOAT32 -> buffer.asFloatBuffer().get((float[]) data, done, count);
                case FLOAT64 -> buffer.asDoubleBuffer().get((double[]) data, done, count);
                default -> buffer.asIntBuffer().get((int[]) data, done, count);
            }
            done += count;
        }
        return data;
    }

    /**
     * Writes arrays to a {@code .npz} file that {@code numpy.load} reads. The arrays go to a
     * temporary file in the same directory, which is forced to disk and then renamed over
     * {@code file} (atomically where the file system can), so a crash never leaves a
     * half-written file.
     *
     * @param file the file, replaced if it exists
     * @param arrays the arrays by name; each becomes the entry {@code name.npy}
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a name is empty
     */
    public static void write(Path file, Map<String, Array> arrays) throws IOException {
        for (Map.Entry<String, Array> e : arrays.entrySet()) {
            if (e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("cannot write an array named '" + e.getKey() + "' = "
                        + e.getValue() + " to " + file);
            }
        }
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), CHUNK))) {
                for (Map.Entry<String, Array> e : arrays.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                    CRC32 crc = new CRC32();
                    writeNpy(e.getValue(), new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(npyBytes(e.getValue()));
                    entry.setCompressedSize(entry.getSize());
                    entry.setCrc(crc.getValue());
                    zip.putNextEntry(entry);
                    writeNpy(e.getValue(), zip);
                    zip.closeEntry();
                }
                zip.finish();
                zip.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e, e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] header(Array a) {
        int[] shape = a.shape;
        String dims = shape.length == 1 ? "(" + shape[0] + ",)"
                : Arrays.toString(shape).replace('[', '(').replace(']', ')');
        String descr = switch (a.dtype()) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            default -> "<i4";
        };
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
        boolean v1 = dict.length() + 11 <= 0xffff;
        int preamble = v1 ? 10 : 12;
        int padded = (preamble + dict.length() + 1 + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - preamble - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN).put(MAGIC);
        if (v1) {
            b.put((byte) 1).put((byte) 0).putShort((short) text.length());
        } else {
            b.put((byte) 2).put((byte) 0).putInt(text.length());
        }
        return b.put(text.getBytes(StandardCharsets.ISO_8859_1)).array();
    }

    private static long npyBytes(Array a) {
        return header(a).length + (long) a.size() * a.dtype().byteSize();
    }

    private static void writeNpy(Array a, OutputStream out) throws IOException {
        out.write(header(a));
        int n = a.size();
        int size = a.dtype().byteSize();
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int count = Math.min(n - done, CHUNK / size);
            buffer.clear();
            switch (a.dtype()) {
                case FLOAT32 -> buffer.asFloatBuffer().put((float[]) a.data(), done, count);
                case FLOAT64 -> buffer.asDoubleBuffer().put((double[]) a.data(), done, count);
                default -> buffer.asIntBuffer().put((int[]) a.data(), done, count);
            }
            out.write(chunk, 0, count * size);
            done += count;
        }
    }

    private static String javaType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            default -> "int";
        };
    }

    private static IOException error(Path file, String entry, String message) {
        return new IOException(file + ", entry " + entry + ": " + message);
    }
}
