package dev.javano.examples;

import dev.javano.examples.data.FashionMnist;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.io.IOException;
import java.util.Locale;

/**
 * The main job for now: trains the north-star {@link Mlp} (through its generated
 * {@code MlpModel}) on the Fashion-MNIST slice committed with the examples, printing each
 * epoch's loss, speed and test accuracy. The {@code javano} command ({@link dev.javano.examples.cli.Javano})
 * does the same with the full set, options, a progress bar and plots.
 */
public final class Train {

    private Train() {}

    public static void main(String[] args) throws IOException {
        FashionMnist.Split train = FashionMnist.embeddedTrain();
        FashionMnist.Split test = FashionMnist.embeddedTest();
        int batch = 20;
        int epochs = 10;
        int steps = train.count() / batch;
        System.out.printf(Locale.ROOT, "Fashion-MNIST slice: %d training and %d test images; MLP 784-100-10, batch %d%n",
                train.count(), test.count(), batch);
        try (MlpModel model = MlpModel.builder().hidden(100).seed(42).build();
                FloatTensor x = FloatTensor.of(train.images(), train.count(), 784);
                IntTensor y = IntTensor.of(train.labels(), train.count());
                FloatTensor xTest = FloatTensor.of(test.images(), test.count(), 784)) {
            model.learningRate(0.05);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                double total = 0;
                for (int s = 0; s < steps; s++) {
                    total += model.sgd(x.rows(s * batch, (s + 1) * batch), y.rows(s * batch, (s + 1) * batch));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "epoch %2d  loss %.4f  %6.0f images/s  test accuracy %.3f%n", epoch,
                        total / steps, steps * batch / seconds, accuracy(model, xTest, test.labels()));
            }
        }
    }

    private static double accuracy(MlpModel model, FloatTensor x, int[] labels) {
        try (IntTensor predicted = model.predictedClass(x)) {
            int correct = 0;
            for (int i = 0; i < labels.length; i++) if (predicted.get(i) == labels[i]) correct++;
            return correct / (double) labels.length;
        }
    }
}
