package dev.javano.examples.cli;

import dev.javano.examples.AutoencoderModel;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The denoising autoencoder as a {@link Net}: each step draws a fresh corruption mask (each pixel
 * kept with probability {@code 1 - corruption}, from a generator seeded like the weights) and
 * trains on it; the labels are not used.
 */
final class AutoencoderNet implements Net {

    private final AutoencoderModel model;
    private final int hidden;
    private final double corruption;
    private final SplittableRandom random;
    private float[] mask = new float[0];

    AutoencoderNet(AutoencoderModel model, int hidden, double corruption, long seed) {
        if (!(corruption >= 0 && corruption < 1)) {
            model.close();
            throw new IllegalArgumentException("the corruption level must be in [0, 1), not " + corruption);
        }
        this.model = model;
        this.hidden = hidden;
        this.corruption = corruption;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public float step(FloatTensor x, IntTensor y) {
        int rows = x.dim(0);
        if (mask.length != rows * 784) mask = new float[rows * 784];
        for (int i = 0; i < mask.length; i++) mask[i] = random.nextDouble() < corruption ? 0f : 1f;
        try (FloatTensor keep = FloatTensor.of(mask, rows, 784)) {
            return model.train(x, keep);
        }
    }

    @Override
    public IntTensor predictedClass(FloatTensor x) {
        throw new UnsupportedOperationException(describe() + " has no classes to predict");
    }

    @Override
    public FloatTensor reconstruction(FloatTensor x) {
        return model.reconstruction(x);
    }

    @Override
    public float reconstructionLoss(FloatTensor x) {
        return model.reconstructionLoss(x);
    }

    @Override
    public void learningRate(double value) {
        model.learningRate(value);
    }

    @Override
    public void save(Path path) throws IOException {
        model.save(path);
    }

    @Override
    public void load(Path path) throws IOException {
        model.load(path);
    }

    @Override
    public Kind kind() {
        return Kind.autoencoder;
    }

    @Override
    public String describe() {
        return "denoising autoencoder 784-" + hidden + "-784 (tied weights)";
    }

    @Override
    public void close() {
        model.close();
    }
}
