package dev.javano.examples.cli;

import dev.javano.examples.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option shared by the subcommands: the committed slice, the installed full set, or a directory. */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "slice",
            description = "Fashion-MNIST: 'slice' (the 2,000/500-image slice committed with the examples, the default),"
                    + " 'full' (" + "/usr/share/datasets/fashion-mnist, Debian's dataset-fashion-mnist) or a directory"
                    + " holding the four IDX .gz files.")
    String data;

    FashionMnist.Split train() throws IOException {
        return switch (data) {
            case "slice" -> FashionMnist.embeddedTrain();
            default -> FashionMnist.train(dir());
        };
    }

    FashionMnist.Split test() throws IOException {
        return switch (data) {
            case "slice" -> FashionMnist.embeddedTest();
            default -> FashionMnist.test(dir());
        };
    }

    String describe() {
        return switch (data) {
            case "slice" -> "the committed Fashion-MNIST slice";
            case "full" -> "Fashion-MNIST from " + FashionMnist.DEBIAN;
            default -> "Fashion-MNIST from " + data;
        };
    }

    Path dir() {
        return data.equals("full") ? FashionMnist.DEBIAN : Path.of(data);
    }
}
