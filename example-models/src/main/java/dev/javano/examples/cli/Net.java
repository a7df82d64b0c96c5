package dev.javano.examples.cli;

import dev.javano.examples.AutoencoderModel;
import dev.javano.examples.BidirectionalRnnModel;
import dev.javano.examples.GruModel;
import dev.javano.examples.LogisticRegressionModel;
import dev.javano.examples.LstmModel;
import dev.javano.examples.MlpModel;
import dev.javano.examples.RnnModel;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import dev.javano.runtime.Npz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * One of the example models, its generated class seen through one interface: what the command
 * line and the benchmark harness train.
 */
public interface Net extends AutoCloseable {

    /** The models the command knows, by the name given on the command line. */
    public enum Kind {
        mlp("dev.javano.examples.Mlp", 0.05, "b1"),
        lr("dev.javano.examples.LogisticRegression", 0.13, null),
        autoencoder("dev.javano.examples.Autoencoder", 0.1, "bHidden"),
        rnn("dev.javano.examples.Rnn", 0.05, "bh"),
        lstm("dev.javano.examples.Lstm", 0.1, "bi"),
        gru("dev.javano.examples.Gru", 0.1, "bz"),
        birnn("dev.javano.examples.BidirectionalRnn", 0.05, "bDown");

        final String modelClass;
        final double defaultLearningRate;
        /** The saved 1-d array whose length is the hidden width, or null for a model without one. */
        final String hiddenBias;

        Kind(String modelClass, double defaultLearningRate, String hiddenBias) {
            this.modelClass = modelClass;
            this.defaultLearningRate = defaultLearningRate;
            this.hiddenBias = hiddenBias;
        }

        /** Whether the model reads each image as a sequence of 28 rows (a loop over time, scan). */
        public boolean recurrent() {
            return this == rnn || this == lstm || this == gru || this == birnn;
        }

        /** Whether the model predicts classes (and so has a test accuracy); the autoencoder does not. */
        public boolean classifies() {
            return this != autoencoder;
        }

        /** What {@link #score} measures on the test set. */
        public String metric() {
            return classifies() ? "test accuracy" : "test reconstruction loss";
        }

        /** Said after the metric of a model that has no accuracy, so that nobody looks for one. */
        public String metricNote() {
            return classifies() ? "" : " (accuracy does not apply: an autoencoder has no classes)";
        }
    }

    /** How the recurrent models read an image, for their descriptions. */
    String ROWS = " over 28 rows of 28 pixels, hidden ";

    /** One minibatch step of a generated model: its loss. */
    @FunctionalInterface
    interface Step {
        float apply(FloatTensor x, IntTensor y);
    }

    /** Saving or loading a generated model's weights. */
    @FunctionalInterface
    interface WeightsFile {
        void apply(Path path) throws IOException;
    }

    /** A generated classifier seen through its methods (the generated classes share no interface). */
    record Classifier(Kind kind, String describe, Step stepper, Function<FloatTensor, IntTensor> predictor,
                      DoubleConsumer rate, WeightsFile saver, WeightsFile loader, AutoCloseable model)
            implements Net {
        public float step(FloatTensor x, IntTensor y) { return stepper.apply(x, y); }
        public IntTensor predictedClass(FloatTensor x) { return predictor.apply(x); }
        public void learningRate(double value) { rate.accept(value); }
        public void save(Path path) throws IOException { saver.apply(path); }
        public void load(Path path) throws IOException { loader.apply(path); }

        @Override
        public void close() {
            try {
                model.close();
            } catch (Exception e) {
                throw new IllegalStateException(e); // generated models' close() throws nothing
            }
        }
    }

    /** The corruption level of the autoencoder's training input unless told otherwise (the Theano tutorial's). */
    double DEFAULT_CORRUPTION = 0.3;

    /** One minibatch step of the model's update; returns the minibatch loss (the autoencoder ignores {@code y}). */
    float step(FloatTensor x, IntTensor y);

    /** The predicted classes; the autoencoder has none and throws. */
    IntTensor predictedClass(FloatTensor x);

    /** The autoencoder's reconstruction of {@code x} (clean input); the classifiers throw. */
    default FloatTensor reconstruction(FloatTensor x) {
        throw new UnsupportedOperationException(describe() + " does not reconstruct its input");
    }

    /** The autoencoder's mean reconstruction loss of {@code x} (clean input); the classifiers throw. */
    default float reconstructionLoss(FloatTensor x) {
        throw new UnsupportedOperationException(describe() + " does not reconstruct its input");
    }

    void learningRate(double value);

    void save(Path path) throws IOException;

    void load(Path path) throws IOException;

    /** Which model this is. */
    Kind kind();

    /** A one-line description: "MLP 784-100-10" or "logistic regression 784-10". */
    String describe();

    @Override
    void close();

    /** A fresh model, initialized from the seed (the autoencoder at the default corruption level). */
    static Net create(Kind kind, int hidden, long seed, int threads) {
        return create(kind, hidden, DEFAULT_CORRUPTION, seed, threads);
    }

    /**
     * A fresh model, initialized from the seed.
     *
     * @param corruption the fraction of the pixels the autoencoder drops from its training input
     *     (ignored by the classifiers); its masks are drawn from the same seed
     */
    static Net create(Kind kind, int hidden, double corruption, long seed, int threads) {
        return switch (kind) {
            case mlp -> {
                MlpModel m = MlpModel.builder().hidden(hidden).seed(seed).threads(threads).build();
                yield new Classifier(kind, "MLP 784-" + hidden + "-10", m::sgd, m::predictedClass, m::learningRate, m::save, m::load, m);
            }
            case lr -> {
                LogisticRegressionModel m = LogisticRegressionModel.builder().seed(seed).threads(threads).build();
                yield new Classifier(kind, "logistic regression 784-10", m::train, m::predictedClass, m::learningRate, m::save,
                        m::load, m);
            }
            case autoencoder -> new AutoencoderNet(
                    AutoencoderModel.builder().hidden(hidden).seed(seed).threads(threads).build(), hidden, corruption, seed);
            case rnn -> {
                RnnModel m = RnnModel.builder().hidden(hidden).seed(seed).threads(threads).build();
                yield new Classifier(kind, "Elman RNN" + ROWS + hidden, m::train, m::predictedClass, m::learningRate, m::save, m::load, m);
            }
            case lstm -> {
                LstmModel m = LstmModel.builder().hidden(hidden).seed(seed).threads(threads).build();
                yield new Classifier(kind, "LSTM" + ROWS + hidden, m::train, m::predictedClass, m::learningRate, m::save, m::load, m);
            }
            case gru -> {
                GruModel m = GruModel.builder().hidden(hidden).seed(seed).threads(threads).build();
                yield new Classifier(kind, "GRU" + ROWS + hidden, m::train, m::predictedClass, m::learningRate, m::save, m::load, m);
            }
            case birnn -> {
                BidirectionalRnnModel m = BidirectionalRnnModel.builder().hidden(hidden).seed(seed).threads(threads).build();
                yield new Classifier(kind, "bidirectional Elman RNN" + ROWS + hidden, m::train, m::predictedClass, m::learningRate,
                        m::save, m::load, m);
            }
        };
    }

    /** A model with the weights of a saved {@code .npz} (the hidden width read from the file). */
    static Net load(Kind kind, Path weights, int threads) throws IOException {
        if (!Files.isRegularFile(weights)) {
            throw new IOException(weights + ": no such file");
        }
        int hidden = 1;
        if (kind.hiddenBias != null) {
            Map<String, Npz.Array> arrays = Npz.read(weights);
            Npz.Array bias = arrays.get(kind.hiddenBias);
            if (bias == null || bias.shape().length != 1) {
                throw new IOException(weights + ": not " + kind + " weights (no 1-d array " + kind.hiddenBias
                        + "; arrays " + arrays.keySet() + ")");
            }
            hidden = bias.shape()[0];
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

    /**
     * The model's {@link Kind#metric() metric} on a test set, in chunks of 1000 images: the
     * fraction of {@code labels} a classifier predicts, or the autoencoder's mean reconstruction
     * loss per image.
     */
    static double score(Net net, float[] images, int[] labels, int count) {
        double total = 0;
        try (FloatTensor x = FloatTensor.of(images, count, 784)) {
            for (int from = 0; from < count; from += 1000) {
                int to = Math.min(count, from + 1000);
                if (!net.kind().classifies()) {
                    total += net.reconstructionLoss(x.rows(from, to)) * (double) (to - from);
                    continue;
                }
                try (IntTensor predicted = net.predictedClass(x.rows(from, to))) {
                    for (int i = 0; i < to - from; i++) if (predicted.get(i) == labels[from + i]) total++;
                }
            }
        }
        return total / count;
    }
}
