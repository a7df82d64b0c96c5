package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.javano.DType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzTest {

    @TempDir
    Path dir;

    /** What {@code numpy.npz} and {@code numpy-compressed.npz} (test resources) hold. */
    private static Map<String, Npz.Array> numpyArrays() {
        Map<String, Npz.Array> m = new LinkedHashMap<>();
        m.put("w", Npz.Array.of(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1.25f}, 2, 3));
        m.put("scalar", Npz.Array.of(new double[] {2.5}));
        m.put("labels", Npz.Array.of(new int[] {3, -1, 7}, 3));
        double[] cube = new double[24];
        Arrays.setAll(cube, i -> (i - 12) / 8.0);
        m.put("cube", Npz.Array.of(cube, 2, 3, 4));
        return m;
    }

    private static Map<String, Npz.Array> everyKind() {
        Map<String, Npz.Array> m = new LinkedHashMap<>();
        m.put("f0", Npz.Array.of(new float[] {-0f}));
        m.put("f1", Npz.Array.of(new float[] {1, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE}, 4));
        m.put("f3", Npz.Array.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3));
        m.put("d2", Npz.Array.of(new double[] {Math.PI, -Double.MAX_VALUE}, 2, 1));
        m.put("d0", Npz.Array.of(new double[] {1e-300}));
        m.put("i1", Npz.Array.of(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3));
        m.put("i3", Npz.Array.of(new int[0], 2, 0, 3));
        m.put("layer/bias", Npz.Array.of(new float[] {7}, 1));
        float[] big = new float[70_000]; // more than one chunk
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f;
        }
        m.put("big", Npz.Array.of(big, 700, 100));
        return m;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(NpzTest.class.getResource(name).toURI());
    }

    @Test
    void roundTripsEveryDtypeAndRank() throws IOException {
        Path file = dir.resolve("all.npz");
        Map<String, Npz.Array> arrays = everyKind();
        Npz.write(file, arrays);
        Map<String, Npz.Array> read = Npz.read(file);
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(read.keySet()));
        assertEquals(arrays, read);
        assertEquals(DType.INT32, read.get("i1").dtype());
        assertArrayEquals(new int[0], read.get("d0").shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"numpy.npz", "numpy-compressed.npz"})
    void readsWhatNumpyWrote(String name) throws Exception {
        assertEquals(numpyArrays(), Npz.read(resource(name)));
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.npz");
        Npz.write(file, Map.of("a", Npz.Array.of(new float[] {1}, 1)));
        Npz.write(file, Map.of("b", Npz.Array.of(new int[] {2}, 1)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(Map.of("b", Npz.Array.of(new int[] {2}, 1)), Npz.read(file));

        Path nowhere = dir.resolve("missing").resolve("model.npz");
        IOException e = assertThrows(IOException.class, () -> Npz.write(nowhere, Map.of()));
        assertTrue(e.getMessage().startsWith("cannot write " + nowhere), e.getMessage());
    }

    @Test
    void failedWriteKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("model.npz");
        Npz.write(file, Map.of("a", Npz.Array.of(new float[] {1}, 1)));
        Map<String, Npz.Array> bad = new LinkedHashMap<>();
        bad.put("ok", Npz.Array.of(new float[] {2}, 1));
        bad.put("", Npz.Array.of(new float[] {3}, 1));
        assertThrows(IllegalArgumentException.class, () -> Npz.write(file, bad));
        assertEquals(Map.of("a", Npz.Array.of(new float[] {1}, 1)), Npz.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void rejectsFilesThatAreNotZips() throws IOException {
        Path file = dir.resolve("junk.npz");
        Files.writeString(file, "not a zip at all");
        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a valid .npz (zip) file"), e.getMessage());
    }

    @Test
    void rejectsTruncatedFiles() throws IOException {
        Path file = dir.resolve("cut.npz");
        Npz.write(file, everyKind());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    private Path npz(String entry, String header, int dataBytes) throws IOException {
        Path file = dir.resolve("bad.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(entry));
            byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, 0});
            zip.write(h);
            zip.write(new byte[dataBytes]);
            zip.closeEntry();
        }
        return file;
    }

    private String readError(Path file) {
        return assertThrows(IOException.class, () -> Npz.read(file)).getMessage();
    }

    @Test
    void explainsWhatItCannotRead() throws IOException {
        String ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n";
        Path file = npz("w.npy", ok, 24);
        assertArrayEquals(new float[6], Npz.read(file).get("w").floats());

        file = npz("w.npy", ok, 20);
        assertEquals(file + ", entry w.npy: truncated: 20 of 24 data bytes", readError(file));

        file = npz("w.npy", ok.replace("False", "True"), 24);
        assertEquals(file + ", entry w.npy: fortran_order=True is not supported;"
                + " save a C-ordered array (numpy.ascontiguousarray)", readError(file));

        file = npz("y.npy", ok.replace("<f4", "<i8"), 48);
        assertEquals(file + ", entry y.npy: dtype '<i8' is not supported: Javano reads '<f4', '<f8' and '<i4'"
                + " (in numpy, convert with a.astype(numpy.float32) or numpy.int32)", readError(file));

        file = npz("w.npy", "{'descr': '<f4'}\n", 0);
        assertTrue(readError(file).startsWith(file + ", entry w.npy: corrupt .npy header"));

        file = dir.resolve("magic.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write("PK this is text".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(file + ", entry x.npy: not a .npy array (no \\x93NUMPY magic)", readError(file));
    }

    @Test
    void arraysCheckTheirParts() {
        assertEquals("data has 3 elements but shape [2, 2] has 4",
                assertThrows(IllegalArgumentException.class, () -> Npz.Array.of(new float[3], 2, 2)).getMessage());
        assertEquals("FLOAT32 data must be a float[], not double[]",
                assertThrows(IllegalArgumentException.class, () -> new Npz.Array(DType.FLOAT32, new int[] {1}, new double[1]))
                        .getMessage());
        assertThrows(IllegalStateException.class, () -> Npz.Array.of(new int[1], 1).floats());
    }

    // ---- numpy itself, when this machine has it ----

    private static boolean numpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String python(String script, Path... files) throws Exception {
        String[] command = new String[3 + files.length];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = script;
        for (int i = 0; i < files.length; i++) {
            command[3 + i] = files[i].toString();
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 finished");
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    @Test
    void numpyReadsWhatWeWriteAndWeReadWhatItWrites() throws Exception {
        assumeTrue(numpy(), "python3 with numpy is not installed: the round trip through numpy is skipped"
                + " (the committed numpy.npz still tests reading numpy's output)");
        Path ours = dir.resolve("ours.npz");
        Path theirs = dir.resolve("theirs.npz");
        Npz.write(ours, everyKind());
        String script = """
                import sys, numpy as np
                with np.load(sys.argv[1]) as z:
                    arrays = {k: z[k] for k in z.files}
                for k, a in arrays.items():
                    print(k, a.dtype.str, a.shape, repr(a.ravel()[:4].tolist()))
                arrays['sum'] = np.array(arrays['big'].sum(dtype=np.float64))
                arrays['twice'] = arrays['f3'] * 2
                np.savez(sys.argv[2], **arrays)
                """;
        String out = python(script, ours, theirs);
        assertTrue(out.contains("f1 <f4 (4,) [1.0, nan, -inf, 1.401298464324817e-45]"), out);
        assertTrue(out.contains("d2 <f8 (2, 1)"), out);
        assertTrue(out.contains("i3 <i4 (2, 0, 3) []"), out);
        assertTrue(out.contains("f0 <f4 () [-0.0]"), out);
        assertTrue(out.contains("layer/bias <f4 (1,) [7.0]"), out);

        Map<String, Npz.Array> back = Npz.read(theirs);
        for (Map.Entry<String, Npz.Array> e : everyKind().entrySet()) {
            assertEquals(e.getValue(), back.get(e.getKey()), e.getKey());
        }
        assertEquals(70_000.0 * 69_999 / 4, back.get("sum").doubles()[0]);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, back.get("twice").floats());
    }
}
