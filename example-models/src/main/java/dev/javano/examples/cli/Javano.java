package dev.javano.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code javano} command: trains, evaluates and inspects the example models.
 *
 * <p>Exit codes: 0 on success, 2 for wrong arguments (a one-line error and the usage), 1 when the
 * work itself fails (a one-line error, e.g. a missing or corrupt data or weights file).
 */
@Command(name = "javano", mixinStandardHelpOptions = true, version = "javano 0.1.0-SNAPSHOT",
        description = "Theano for Java, done at build time: train, evaluate and inspect the example models.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, GraphCommand.class,
                BenchCommand.class})
public final class Javano implements Runnable {

    @Spec CommandSpec spec;

    /** Without a subcommand: a one-line error and the usage, exit code 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** The command line, with the one-line handler for failures of the work itself. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Javano());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            java.io.PrintWriter err = c.getErr();
            err.println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage().lines().findFirst().orElse(""));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.print(c.getHelp().fullSynopsis());
            err.printf("Try '%s --help' for more information.%n", c.getCommandSpec().qualifiedName());
            err.flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            commandLine.getErr().println("javano " + commandLine.getCommandName() + ": " + message.lines().findFirst().orElse(""));
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
