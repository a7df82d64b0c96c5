package dev.javano.examples.cli;

import dev.javano.examples.data.FashionMnist;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code javano predict <model> --weights FILE.npz --index N}: the class a saved model gives one test image. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Prints the class a model saved by 'train' predicts for test image N, with its true label.")
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
}
