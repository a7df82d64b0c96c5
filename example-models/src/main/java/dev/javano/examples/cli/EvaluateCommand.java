package dev.javano.examples.cli;

import dev.javano.examples.data.FashionMnist;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code javano evaluate <model> --weights FILE.npz}: the test accuracy of saved weights. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Prints the Fashion-MNIST test accuracy of a model saved by 'train' (the autoencoder: its test"
                + " reconstruction loss, cross-entropy per image).")
final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>", description = "The model: ${COMPLETION-CANDIDATES}.")
    Net.Kind model;

    @Option(names = "--weights", paramLabel = "FILE.npz", required = true, description = "The weights saved by 'train'.")
    Path weights;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "OpenBLAS threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Mixin DataOption data;

    @Override
    public Integer call() throws Exception {
        FashionMnist.Split test = data.test();
        try (Net net = Net.load(model, weights, Math.max(1, threads))) {
            double score = Net.score(net, test.images(), test.labels(), test.count());
            spec.commandLine().getOut().printf(Locale.ROOT, "%s %.4f (%s, %d test images of %s)%s%n", model.metric(),
                    score, net.describe(), test.count(), data.describe(), model.metricNote());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
