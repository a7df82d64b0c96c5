package dev.javano.examples.bench;

import dev.javano.examples.LogisticRegressionModel;
import dev.javano.examples.MlpModel;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.util.function.Function;

/** The generated models behind one small type, so the benchmark loop is written once. */
record Trainer(Step step, Function<FloatTensor, IntTensor> predict, AutoCloseable model) implements AutoCloseable {

    /** One training step returning the loss, unboxed: the timed loop allocates nothing. */
    @FunctionalInterface
    interface Step {
        float apply(FloatTensor x, IntTensor y);
    }

    static Trainer of(Workloads.Workload w, int threads, java.nio.file.Path init) throws java.io.IOException {
        if (w.logistic()) {
            LogisticRegressionModel m = LogisticRegressionModel.builder().threads(threads).build();
            m.learningRate(w.learningRate());
            return new Trainer(m::train, m::predictedClass, m);
        }
        MlpModel m = MlpModel.builder().hidden(500).seed(1234).threads(threads).build();
        if (init != null) m.load(init);
        m.learningRate(w.learningRate());
        return new Trainer(m::sgd, m::predictedClass, m);
    }

    @Override
    public void close() {
        try {
            model.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
