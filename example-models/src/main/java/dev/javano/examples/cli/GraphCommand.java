package dev.javano.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code javano graph <model>}: the optimized graph the processor wrote at build time, as text or DOT. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Prints the optimized graph of a model, as the annotation processor wrote it at build time"
                + " (META-INF/javano/<class>.graph.txt), or its Graphviz DOT with --dot.")
final class GraphCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>", description = "The model: ${COMPLETION-CANDIDATES}.")
    Net.Kind model;

    @Option(names = "--dot", description = "Print the Graphviz DOT instead of the text.")
    boolean dot;

    @Override
    public Integer call() throws IOException {
        String resource = "META-INF/javano/" + model.modelClass + (dot ? ".dot" : ".graph.txt");
        try (InputStream in = GraphCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + ": not on the class path (was example-models built?)");
            }
            spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
