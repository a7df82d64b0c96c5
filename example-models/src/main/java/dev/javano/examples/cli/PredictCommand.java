package dev.javano.examples.cli;

import dev.javano.examples.data.FashionMnist;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code javano predict <model> --weights FILE.npz --index N}: the class a saved model gives one test image, or
 * for the autoencoder the image and its reconstruction side by side, in characters.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Prints the class a model saved by 'train' predicts for test image N, with its true label;"
                + " for the autoencoder, the image and its reconstruction side by side (in characters) with the"
                + " reconstruction loss of that image.")
final class PredictCommand implements Callable<Integer> {

    /** Fashion-MNIST's class names, by label. */
    static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"};

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>", description = "The model: ${COMPLETION-CANDIDATES}.")
    Net.Kind model;

    @Option(names = "--weights", paramLabel = "FILE.npz", required = true, description = "The weights saved by 'train'.")
    Path weights;

    @Option(names = "--index", paramLabel = "N", required = true, description = "Which test image (from 0).")
    int index;

    @Mixin DataOption data;

    @Override
    public Integer call() throws Exception {
        FashionMnist.Split test = data.test();
        if (index < 0 || index >= test.count()) {
            throw new ParameterException(spec.commandLine(), "--index " + index + " is outside the " + test.count()
                    + " test images of " + data.describe() + " (0.." + (test.count() - 1) + ")");
        }
        float[] image = Arrays.copyOfRange(test.images(), index * 784, (index + 1) * 784);
        if (!model.classifies()) {
            reconstruct(image, test.labels()[index]);
            return 0;
        }
        try (Net net = Net.load(model, weights, 1);
                FloatTensor x = FloatTensor.of(image, 1, 784);
                IntTensor predicted = net.predictedClass(x)) {
            int p = predicted.get(0);
            int label = test.labels()[index];
            spec.commandLine().getOut().printf("test image %d: predicted %d (%s), label %d (%s)%n", index, p,
                    CLASSES[p], label, CLASSES[label]);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Shades from white to black, for pixels from 0 to 1. */
    private static final String SHADES = " .:-=+*#%@";

    private void reconstruct(float[] image, int label) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Net net = Net.load(model, weights, 1);
                FloatTensor x = FloatTensor.of(image, 1, 784);
                FloatTensor z = net.reconstruction(x)) {
            float[] reconstructed = z.toArray();
            out.printf(Locale.ROOT, "test image %d (label %d, %s): reconstruction loss %.4f%n", index, label,
                    CLASSES[label], net.reconstructionLoss(x));
            out.printf("%-28s   %s%n", "image", "reconstruction");
            for (int row = 0; row < 28; row++) {
                out.println(shades(image, row) + " | " + shades(reconstructed, row));
            }
        }
        out.flush();
    }

    private static String shades(float[] pixels, int row) {
        StringBuilder line = new StringBuilder(28);
        for (int col = 0; col < 28; col++) {
            float p = Math.max(0f, Math.min(1f, pixels[row * 28 + col]));
            line.append(SHADES.charAt(Math.min(SHADES.length() - 1, (int) (p * SHADES.length()))));
        }
        return line.toString();
    }
}
