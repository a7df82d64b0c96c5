package dev.javano.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.javano.examples.data.FashionMnist;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code MlpModel} of the example models (compiled by this build's processor in
 * the normal Maven build) trained on Fashion-MNIST: on the committed slice always, on the full
 * set when Debian's {@code dataset-fashion-mnist} is installed.
 */
class TrainingTest {

    @Test
    void trainingOnTheEmbeddedSliceReducesTheLossAndLearns() throws IOException {
        FashionMnist.Split train = FashionMnist.embeddedTrain();
        FashionMnist.Split test = FashionMnist.embeddedTest();
        double[] losses = train(train, 20, 0.05, 5, 100);
        assertTrue(losses[4] < 0.8 * losses[0], "loss per epoch " + java.util.Arrays.toString(losses));
        double accuracy = accuracy(test);
        assertTrue(accuracy >= 0.70, "test accuracy on the 500-image slice: " + accuracy);
    }

    @Test
    void mlp20OnTheFullSetReachesThePeersAccuracy() throws IOException {
        assumeTrue(FashionMnist.installed(), "the full Fashion-MNIST is not installed (Debian's dataset-fashion-mnist"
                + " under /usr/share/datasets/fashion-mnist): skipping the 3-epoch MLP20 run");
        FashionMnist.Split train = FashionMnist.train(FashionMnist.DEBIAN);
        double[] losses = train(train, 20, 0.01, 3, 500);
        assertTrue(losses[0] > losses[1] && losses[1] > losses[2], java.util.Arrays.toString(losses));
        double accuracy = accuracy(FashionMnist.test(FashionMnist.DEBIAN));
        assertTrue(accuracy >= 0.83, "MLP20 test accuracy after 3 epochs: " + accuracy);
    }

    private MlpModel model;

    /** Mean loss per epoch of plain minibatch SGD, WORKLOADS.md style (no shuffling). */
    private double[] train(FashionMnist.Split data, int batch, double learningRate, int epochs, int hidden) {
        model = MlpModel.builder().hidden(hidden).seed(1234).build();
        model.learningRate(learningRate);
        double[] losses = new double[epochs];
        int steps = data.count() / batch;
        try (FloatTensor x = FloatTensor.of(data.images(), data.count(), 784); IntTensor y = IntTensor.of(data.labels(), data.count())) {
            for (int e = 0; e < epochs; e++) {
                double total = 0;
                for (int s = 0; s < steps; s++) total += model.sgd(x.rows(s * batch, (s + 1) * batch), y.rows(s * batch, (s + 1) * batch));
                losses[e] = total / steps;
            }
        }
        return losses;
    }

    private double accuracy(FashionMnist.Split test) {
        int correct = 0;
        try (FloatTensor x = FloatTensor.of(test.images(), test.count(), 784); IntTensor predicted = model.predictedClass(x)) {
            for (int i = 0; i < test.count(); i++) if (predicted.get(i) == test.labels()[i]) correct++;
        } finally {
            model.close();
        }
        return correct / (double) test.count();
    }
}
