package dev.javano.examples.bench;

import dev.javano.examples.LogisticRegressionModel;
import dev.javano.examples.MlpModel;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;

/** The two generated models behind one small interface, so the benchmark loop is written once. */
interface Trainer extends AutoCloseable {

    float step(FloatTensor x, IntTensor y);

    IntTensor predict(FloatTensor x);

    @Override
    void close();

    static Trainer of(Workloads.Workload w, int threads) {
        if (w.logistic()) {
            LogisticRegressionModel m = LogisticRegressionModel.builder().threads(threads).build();
            m.learningRate(w.learningRate());
            return new Trainer() {
                public float step(FloatTensor x, IntTensor y) {
                    return m.train(x, y);
                }

                public IntTensor predict(FloatTensor x) {
                    return m.predictedClass(x);
                }

                public void close() {
                    m.close();
                }
            };
        }
        MlpModel m = MlpModel.builder().hidden(500).seed(1234).threads(threads).build();
        m.learningRate(w.learningRate());
        return new Trainer() {
            public float step(FloatTensor x, IntTensor y) {
                return m.sgd(x, y);
            }

            public IntTensor predict(FloatTensor x) {
                return m.predictedClass(x);
            }

            public void close() {
                m.close();
            }
        };
    }
}
