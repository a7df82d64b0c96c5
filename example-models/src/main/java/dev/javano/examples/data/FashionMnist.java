package dev.javano.examples.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fashion-MNIST in the IDX format (gzip), as Debian's {@code dataset-fashion-mnist} installs it
 * under {@code /usr/share/datasets/fashion-mnist/}: images as float pixels scaled to [0, 1]
 * (byte / 255), labels as ints. Every data error is one line naming the file and the problem.
 */
public final class FashionMnist {

    /** Where Debian's package puts the full set. */
    public static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    /** A split: {@code images} row-major [count, 784], {@code labels} [count]. */
    public record Split(float[] images, int[] labels, int count) {}

    private FashionMnist() {}

    public static Split train(Path dir) throws IOException {
        return split(dir, "train");
    }

    public static Split test(Path dir) throws IOException {
        return split(dir, "t10k");
    }

    /** The slice committed with the examples: the first 2,000 training images. */
    public static Split embeddedTrain() throws IOException {
        return embedded("train");
    }

    /** The slice committed with the examples: the first 500 test images. */
    public static Split embeddedTest() throws IOException {
        return embedded("t10k");
    }

    /** Whether the full set is installed where Debian's package puts it. */
    public static boolean installed() {
        return Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz"));
    }

    private static Split split(Path dir, String prefix) throws IOException {
        Path imagesFile = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labelsFile = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        return pair(images(imagesFile.toString(), openFile(imagesFile)), labels(labelsFile.toString(), openFile(labelsFile)),
                imagesFile.toString(), labelsFile.toString());
    }

    private static Split embedded(String prefix) throws IOException {
        String images = prefix + "-images-idx3-ubyte.gz";
        String labels = prefix + "-labels-idx1-ubyte.gz";
        return pair(images(images, openResource(images)), labels(labels, openResource(labels)), images, labels);
    }

    private static Split pair(float[] images, int[] labels, String imagesName, String labelsName) throws IOException {
        if (images.length / 784 != labels.length) {
            throw new IOException(imagesName + " has " + images.length / 784 + " images but " + labelsName + " has "
                    + labels.length + " labels");
        }
        return new Split(images, labels, labels.length);
    }

    static float[] images(String file, InputStream raw) throws IOException {
        try (DataInputStream in = gunzip(file, raw)) {
            int count = header(in, file, IMAGES_MAGIC);
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != 28 || cols != 28) throw new IOException(file + ": images are " + rows + "x" + cols + ", expected 28x28");
            byte[] pixels = new byte[count * 784];
            in.readFully(pixels);
            float[] out = new float[pixels.length];
            for (int i = 0; i < out.length; i++) out[i] = (pixels[i] & 0xff) / 255f;
            return out;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated (the file ends before its header says it should)");
        }
    }

    static int[] labels(String file, InputStream raw) throws IOException {
        try (DataInputStream in = gunzip(file, raw)) {
            int count = header(in, file, LABELS_MAGIC);
            byte[] bytes = new byte[count];
            in.readFully(bytes);
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = bytes[i];
                if (out[i] < 0 || out[i] > 9) throw new IOException(file + ": label " + out[i] + " at index " + i + " is not in 0..9");
            }
            return out;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated (the file ends before its header says it should)");
        }
    }

    private static InputStream openFile(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file (install Debian's dataset-fashion-mnist or give the directory)");
        }
    }

    private static InputStream openResource(String name) throws IOException {
        InputStream in = FashionMnist.class.getResourceAsStream(name);
        if (in == null) throw new IOException(name + ": not on the class path (the embedded slice is missing)");
        return in;
    }

    private static DataInputStream gunzip(String file, InputStream raw) throws IOException {
        try {
            return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new IOException(file + ": not a gzip file (" + e.getMessage() + ")");
        }
    }

    private static int header(DataInputStream in, String file, int magic) throws IOException {
        int actual = in.readInt();
        if (actual != magic) {
            throw new IOException(file + ": wrong magic number 0x" + Integer.toHexString(actual) + ", expected 0x"
                    + Integer.toHexString(magic) + " (not an IDX " + (magic == IMAGES_MAGIC ? "image" : "label") + " file)");
        }
        int count = in.readInt();
        if (count < 0) throw new IOException(file + ": negative item count " + count);
        return count;
    }
}
