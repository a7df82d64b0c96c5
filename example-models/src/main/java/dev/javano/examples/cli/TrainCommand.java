package dev.javano.examples.cli;

import dev.javano.examples.data.FashionMnist;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code javano train <model>}: minibatch SGD on Fashion-MNIST, then the weights as .npz and the curves as a plot. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a model on Fashion-MNIST (plain minibatch SGD in file order, as WORKLOADS.md), printing"
                + " a progress bar per epoch with the loss and examples/s and the test accuracy after each epoch"
                + " (the autoencoder: its test reconstruction loss, cross-entropy per image);"
                + " saves the weights as .npz and the loss/accuracy curves as an SVG or PNG plot.")
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>", description = "The model: ${COMPLETION-CANDIDATES}.")
    Net.Kind model;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "20", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "SGD step size (default 0.05 for mlp, rnn and birnn, 0.13 for lr, 0.1 for autoencoder, lstm and gru).")
    Double learningRate;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "OpenBLAS threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the initialization (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "100",
            description = "Hidden units of the mlp and the recurrent models, code size of the autoencoder (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--corruption", paramLabel = "LEVEL",
            description = "The autoencoder's corruption level: the fraction of input pixels dropped at each step"
                    + " (default 0.3; 0 trains a plain autoencoder).")
    Double corruption;

    @Mixin DataOption data;

    @Option(names = "--output", paramLabel = "FILE.npz", description = "Where to save the weights (default <model>.npz).")
    Path output;

    @Option(names = "--plot", paramLabel = "FILE", description = "Where to draw the curves, .svg or .png (default <model>-curves.svg).")
    Path plot;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, not " + epochs);
        if (batch < 1) throw new ParameterException(spec.commandLine(), "--batch must be at least 1, not " + batch);
        if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
        if (hidden < 1) throw new ParameterException(spec.commandLine(), "--hidden must be at least 1, not " + hidden);
        double rate = learningRate != null ? learningRate : model.defaultLearningRate;
        if (!(rate > 0)) throw new ParameterException(spec.commandLine(), "--learning-rate must be positive, not " + rate);
        if (corruption != null && model.classifies()) {
            throw new ParameterException(spec.commandLine(), "--corruption applies to the autoencoder, not to " + model);
        }
        double level = corruption != null ? corruption : Net.DEFAULT_CORRUPTION;
        if (!(level >= 0 && level < 1)) {
            throw new ParameterException(spec.commandLine(), "--corruption must be in [0, 1), not " + level);
        }
        Path weights = output != null ? output : Path.of(model + ".npz");
        Path curves = plot != null ? plot : Path.of(model + "-curves.svg");
        String plotName = curves.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!plotName.endsWith(".svg") && !plotName.endsWith(".png")) {
            throw new ParameterException(spec.commandLine(), "--plot must name an .svg or a .png file, not " + curves);
        }

        PrintWriter out = spec.commandLine().getOut();
        FashionMnist.Split train = data.train();
        FashionMnist.Split test = data.test();
        int steps = train.count() / batch;
        if (steps == 0) {
            throw new ParameterException(spec.commandLine(), "--batch " + batch + " is larger than the "
                    + train.count() + " training images");
        }
        double[] losses = new double[epochs];
        double[] scores = new double[epochs];
        String metric = model.metric();
        try (Net net = Net.create(model, hidden, level, seed, threads);
                FloatTensor x = FloatTensor.of(train.images(), train.count(), 784);
                IntTensor y = IntTensor.of(train.labels(), train.count())) {
            net.learningRate(rate);
            out.printf(Locale.ROOT, "%s on %s: %d training and %d test images; batch %d, learning rate %s, %d thread%s%n",
                    net.describe(), data.describe(), train.count(), test.count(), batch, rate, threads,
                    threads == 1 ? "" : "s");
            if (!model.classifies()) {
                out.printf(Locale.ROOT, "loss: cross-entropy of the reconstruction per image, trained with %.0f %% of the"
                        + " input pixels dropped; %s: from the clean test images%n", 100 * level, metric);
            }
            out.flush();
            for (int epoch = 0; epoch < epochs; epoch++) {
                long start = System.nanoTime();
                double total = 0;
                try (ProgressBar bar = new ProgressBarBuilder()
                        .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                        .setInitialMax((long) steps * batch)
                        .setUnit(" img", 1)
                        .showSpeed()
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(100)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .clearDisplayOnFinish()
                        .build()) {
                    for (int s = 0; s < steps; s++) {
                        total += net.step(x.rows(s * batch, (s + 1) * batch), y.rows(s * batch, (s + 1) * batch));
                        bar.stepBy(batch);
                        if (s % 10 == 9 || s == steps - 1) {
                            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", total / (s + 1)));
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                losses[epoch] = total / steps;
                scores[epoch] = Net.score(net, test.images(), test.labels(), test.count());
                out.printf(Locale.ROOT, "epoch %2d/%d  loss %.4f  %8.0f examples/s  %s %.4f%n", epoch + 1,
                        epochs, losses[epoch], steps * batch / seconds, metric, scores[epoch]);
                out.flush();
            }
            out.printf(Locale.ROOT, "%s %.4f (%d test images)%s%n", metric, scores[epochs - 1], test.count(),
                    model.metricNote());
            net.save(weights);
            out.println("weights saved to " + weights);
        }
        Curves.write(curves, title(), losses, metric, scores, model.classifies());
        out.println("loss and " + metric.substring("test ".length()) + " curves drawn in " + curves);
        out.flush();
        return 0;
    }

    private String title() {
        return switch (model) {
            case mlp -> "MLP 784-" + hidden + "-10 on Fashion-MNIST";
            case lr -> "Logistic regression on Fashion-MNIST";
            case autoencoder -> "Denoising autoencoder 784-" + hidden + "-784 on Fashion-MNIST";
            case rnn -> "Elman RNN (28 rows of 28 pixels, hidden " + hidden + ") on Fashion-MNIST";
            case lstm -> "LSTM (28 rows of 28 pixels, hidden " + hidden + ") on Fashion-MNIST";
            case gru -> "GRU (28 rows of 28 pixels, hidden " + hidden + ") on Fashion-MNIST";
            case birnn -> "Bidirectional RNN (28 rows of 28 pixels, hidden " + hidden + ") on Fashion-MNIST";
        };
    }
}
