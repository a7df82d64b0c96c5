package dev.javano.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.examples.data.FashionMnist;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on the committed slice and on broken files: one line naming the file and the problem. */
class FashionMnistTest {

    @Test
    void theEmbeddedSliceReads() throws IOException {
        FashionMnist.Split train = FashionMnist.embeddedTrain();
        FashionMnist.Split test = FashionMnist.embeddedTest();
        assertEquals(2000, train.count());
        assertEquals(500, test.count());
        assertEquals(2000 * 784, train.images().length);
        for (float p : train.images()) assertTrue(p >= 0 && p <= 1);
        for (int label : test.labels()) assertTrue(label >= 0 && label <= 9);
        assertEquals(9, train.labels()[0], "the first training image is an ankle boot");
    }

    @Test
    void brokenFilesGiveOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] labels;
        try (InputStream in = FashionMnist.class.getResourceAsStream("t10k-labels-idx1-ubyte.gz")) {
            labels = in.readAllBytes();
        }
        Files.copy(FashionMnist.class.getResourceAsStream("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0}));
        assertMessage(dir, "t10k-labels-idx1-ubyte.gz: wrong magic number 0x803, expected 0x801 (not an IDX label file)");
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(new byte[] {0, 0, 8, 1, 0, 0, 1, (byte) 244, 1, 2}));
        assertMessage(dir, "t10k-labels-idx1-ubyte.gz: truncated (the file ends before its header says it should)");
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), "not gzip".getBytes());
        assertMessage(dir, "t10k-labels-idx1-ubyte.gz: not a gzip file (Not in GZIP format)");
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertMessage(dir, "t10k-labels-idx1-ubyte.gz: no such file (install Debian's dataset-fashion-mnist or give the directory)");
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels);
        assertEquals(500, FashionMnist.test(dir).count());
    }

    private static void assertMessage(Path dir, String expectedEnd) {
        IOException e = assertThrows(IOException.class, () -> FashionMnist.test(dir));
        assertTrue(e.getMessage().endsWith(expectedEnd), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
