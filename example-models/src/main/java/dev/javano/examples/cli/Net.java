package dev.javano.examples.cli;

import dev.javano.examples.LogisticRegressionModel;
import dev.javano.examples.MlpModel;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import dev.javano.runtime.Npz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One of the example models, its generated class seen through one interface: what the command
 * line and the benchmark harness train.
 */
public interface Net extends AutoCloseable {

    /** The models the command knows, by the name given on the command line. */
    public enum Kind {
        mlp("dev.javano.examples.Mlp", 0.05),
        lr("dev.javano.examples.LogisticRegression", 0.13);

        final String modelClass;
        final double defaultLearningRate;

        Kind(String modelClass, double defaultLearningRate) {
            this.modelClass = modelClass;
            this.defaultLearningRate = defaultLearningRate;
        }
    }

    /** One minibatch step of the model's update; returns the minibatch loss. */
    float step(FloatTensor x, IntTensor y);

    IntTensor predictedClass(FloatTensor x);

    void learningRate(double value);

    void save(Path path) throws IOException;

    void load(Path path) throws IOException;

    /** A one-line description: "MLP 784-100-10" or "logistic regression 784-10". */
    String describe();

    @Override
    void close();

    /** A fresh model, initialized from the seed. */
    static Net create(Kind kind, int hidden, long seed, int threads) {
        return switch (kind) {
            case mlp -> mlp(MlpModel.builder().hidden(hidden).seed(seed).threads(threads).build(), hidden);
            case lr -> lr(LogisticRegressionModel.builder().seed(seed).threads(threads).build());
        };
    }

    /** A model with the weights of a saved {@code .npz} (the MLP's hidden width read from the file). */
    static Net load(Kind kind, Path weights, int threads) throws IOException {
        if (!Files.isRegularFile(weights)) {
            throw new IOException(weights + ": no such file");
        }
        int hidden = 1;
        if (kind == Kind.mlp) {
            Map<String, Npz.Array> arrays = Npz.read(weights);
            Npz.Array b1 = arrays.get("b1");
            if (b1 == null || b1.shape().length != 1) {
                throw new IOException(weights + ": not MLP weights (no 1-d array b1; arrays " + arrays.keySet() + ")");
            }
            hidden = b1.shape()[0];
        }
        Net net = create(kind, hidden, 0, threads);
        try {
            net.load(weights);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private static Net mlp(MlpModel m, int hidden) {
        return new Net() {
            public float step(FloatTensor x, IntTensor y) { return m.sgd(x, y); }
            public IntTensor predictedClass(FloatTensor x) { return m.predictedClass(x); }
            public void learningRate(double value) { m.learningRate(value); }
            public void save(Path path) throws IOException { m.save(path); }
            public void load(Path path) throws IOException { m.load(path); }
            public String describe() { return "MLP 784-" + hidden + "-10"; }
            public void close() { m.close(); }
        };
    }

    private static Net lr(LogisticRegressionModel m) {
        return new Net() {
            public float step(FloatTensor x, IntTensor y) { return m.train(x, y); }
            public IntTensor predictedClass(FloatTensor x) { return m.predictedClass(x); }
            public void learningRate(double value) { m.learningRate(value); }
            public void save(Path path) throws IOException { m.save(path); }
            public void load(Path path) throws IOException { m.load(path); }
            public String describe() { return "logistic regression 784-10"; }
            public void close() { m.close(); }
        };
    }

    /** The fraction of {@code labels} the model predicts. */
    static double accuracy(Net net, float[] images, int[] labels, int count) {
        try (FloatTensor x = FloatTensor.of(images, count, 784); IntTensor predicted = net.predictedClass(x)) {
            int correct = 0;
            for (int i = 0; i < count; i++) if (predicted.get(i) == labels[i]) correct++;
            return correct / (double) count;
        }
    }
}
