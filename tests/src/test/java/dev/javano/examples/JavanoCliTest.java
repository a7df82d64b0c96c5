package dev.javano.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.examples.cli.Javano;
import dev.javano.runtime.Npz;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code javano} command line (dev.javano.examples.cli), run in-process through picocli. */
class JavanoCliTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Javano.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code train <model> --hidden N --epochs 2}, weights and plot to {@code dir/<model>.npz} and {@code .svg}; checks it ran. */
    static Run trainTwoEpochs(Path dir, String model, int hidden) {
        Run train = run("train", model, "--hidden", String.valueOf(hidden), "--epochs", "2", "--output",
                dir.resolve(model + ".npz").toString(), "--plot", dir.resolve(model + ".svg").toString());
        assertEquals(0, train.code, train.err);
        assertTrue(train.out.contains("epoch  2/2"), train.out);
        return train;
    }

    @Test
    void wrongArgumentsGiveOneLineErrorTheUsageAndExitCode2() {
        List<String[]> wrong = List.of(new String[] {}, new String[] {"trian"}, new String[] {"train"},
                new String[] {"train", "cnn"}, new String[] {"train", "lr", "--epochs", "x"},
                new String[] {"train", "lr", "--epochs", "0"}, new String[] {"train", "mlp", "--plot", "curves.gif"},
                new String[] {"evaluate", "lr"}, new String[] {"predict", "mlp", "--weights", "w.npz"},
                new String[] {"graph", "mlp", "--bogus"}, new String[] {"train", "mlp", "--corruption", "0.5"},
                new String[] {"train", "autoencoder", "--corruption", "1"}, new String[] {"bench", "CNN"},
                new String[] {"bench", "--threads", "0"}, new String[] {"bench", "--epochs", "0"});
        for (String[] args : wrong) {
            Run r = run(args);
            String what = String.join(" ", args) + " -> " + r.err;
            assertEquals(2, r.code, what);
            assertEquals("", r.out, what);
            String[] lines = r.err.split("\n");
            assertTrue(lines[0].startsWith("javano"), what);
            assertTrue(r.err.contains("Usage: javano"), what);
            assertTrue(r.err.contains("--help"), what);
            long errorLines = r.err.lines().filter(l -> !l.startsWith("Usage:") && !l.startsWith(" ")
                    && !l.startsWith("Try ") && !l.startsWith("Did you mean")).count();
            assertEquals(1, errorLines, what);
        }
    }

    @Test
    void helpEverywhere() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"train", "--help"},
                new String[] {"evaluate", "--help"}, new String[] {"predict", "--help"}, new String[] {"graph", "--help"},
                new String[] {"bench", "--help"})) {
            Run r = run(args);
            assertEquals(0, r.code, String.join(" ", args));
            assertTrue(r.out.startsWith("Usage: javano"), r.out);
        }
    }

    @Test
    void graphPrintsTheOptimizedGraphAndTheDot() {
        Run text = run("graph", "mlp");
        assertEquals(0, text.code, text.err);
        assertTrue(text.out.contains("softmaxCrossentropy"), text.out);
        Run dot = run("graph", "lr", "--dot");
        assertEquals(0, dot.code, dot.err);
        assertTrue(dot.out.startsWith("digraph"), dot.out);
    }

    @Test
    void trainingWritesWeightsAndAPlotThatEvaluateAndPredictReadBack(@TempDir Path dir) throws IOException {
        Run train = trainTwoEpochs(dir, "mlp", 20);
        Path weights = dir.resolve("mlp.npz");
        Path svg = dir.resolve("mlp.svg");
        assertTrue(train.out.contains("examples/s"), train.out);
        assertTrue(train.out.contains("test accuracy"), train.out);

        Map<String, Npz.Array> arrays = Npz.read(weights);
        assertEquals(List.of("w1", "b1", "w2", "b2"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new int[] {784, 20}, arrays.get("w1").shape());
        assertArrayEquals(new int[] {20}, arrays.get("b1").shape());
        assertArrayEquals(new int[] {20, 10}, arrays.get("w2").shape());
        assertArrayEquals(new int[] {10}, arrays.get("b2").shape());

        assertTrue(Files.size(svg) > 1000, "plot size " + Files.size(svg));
        String plot = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(plot.contains("<svg"), plot.substring(0, Math.min(200, plot.length())));

        Run evaluate = run("evaluate", "mlp", "--weights", weights.toString());
        assertEquals(0, evaluate.code, evaluate.err);
        double accuracy = Double.parseDouble(evaluate.out.replaceAll("(?s)^test accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.5, evaluate.out);
        String last = train.out.lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElseThrow();
        assertTrue(evaluate.out.startsWith(last.substring(0, "test accuracy 0.0000".length())), last + " vs " + evaluate.out);

        Run predict = run("predict", "mlp", "--weights", weights.toString(), "--index", "0");
        assertEquals(0, predict.code, predict.err);
        assertTrue(predict.out.matches("(?s)test image 0: predicted \\d \\(.+\\), label 9 \\(Ankle boot\\)\\n"), predict.out);

        Run outside = run("predict", "mlp", "--weights", weights.toString(), "--index", "500");
        assertEquals(2, outside.code, outside.err);
    }

    /** The recurrent models (scan) train from the command line, and evaluate reads back what train saved. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "lstm", "gru", "birnn"})
    void recurrentModelsTrainAndEvaluate(String model, @TempDir Path dir) throws IOException {
        Run train = trainTwoEpochs(dir, model, 16);
        assertTrue(train.out.contains("over 28 rows of 28 pixels, hidden 16"), train.out);
        Run evaluate = run("evaluate", model, "--weights", dir.resolve(model + ".npz").toString());
        assertEquals(0, evaluate.code, evaluate.err);
        String last = train.out.lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElseThrow();
        assertTrue(evaluate.out.startsWith(last.substring(0, "test accuracy 0.0000".length())), last + " vs " + evaluate.out);
    }

    @Test
    void logisticRegressionTrainsAndDrawsAPng(@TempDir Path dir) throws IOException {
        Path weights = dir.resolve("lr.npz");
        Path png = dir.resolve("lr.png");
        Run train = run("train", "lr", "--epochs", "1", "--batch", "50", "--output", weights.toString(),
                "--plot", png.toString());
        assertEquals(0, train.code, train.err);
        Map<String, Npz.Array> arrays = Npz.read(weights);
        assertArrayEquals(new int[] {784, 10}, arrays.get("w").shape());
        assertArrayEquals(new int[] {10}, arrays.get("b").shape());
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "png of " + bytes.length);
    }

    @Test
    void theAutoencoderReportsItsReconstructionLossNotAnAccuracy(@TempDir Path dir) throws IOException {
        Run train = trainTwoEpochs(dir, "autoencoder", 16);
        Path weights = dir.resolve("autoencoder.npz");
        Path svg = dir.resolve("autoencoder.svg");
        assertTrue(train.out.contains("30 % of the input pixels dropped"), train.out);
        assertTrue(train.out.contains("accuracy does not apply"), train.out);
        assertTrue(train.out.lines().noneMatch(l -> l.contains("test accuracy")), train.out);
        double[] test = train.out.lines().filter(l -> l.startsWith("epoch"))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll(".*test reconstruction loss ([0-9.]+)$", "$1"))).toArray();
        assertEquals(2, test.length, train.out);
        assertTrue(test[1] < test[0], train.out);

        Map<String, Npz.Array> arrays = Npz.read(weights);
        assertEquals(List.of("w", "bHidden", "bVisible"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new int[] {784, 16}, arrays.get("w").shape());
        assertTrue(Files.readString(svg, StandardCharsets.UTF_8).contains("<svg"));

        Run evaluate = run("evaluate", "autoencoder", "--weights", weights.toString());
        assertEquals(0, evaluate.code, evaluate.err);
        assertTrue(evaluate.out.startsWith(String.format(java.util.Locale.ROOT, "test reconstruction loss %.4f (", test[1])),
                evaluate.out + " after " + train.out);
        assertTrue(evaluate.out.contains("784-16-784") && evaluate.out.contains("accuracy does not apply"), evaluate.out);

        Run predict = run("predict", "autoencoder", "--weights", weights.toString(), "--index", "0");
        assertEquals(0, predict.code, predict.err);
        List<String> lines = predict.out.lines().toList();
        assertTrue(lines.get(0).matches("test image 0 \\(label 9, Ankle boot\\): reconstruction loss [0-9.]+"), predict.out);
        assertEquals(2 + 28, lines.size(), predict.out);
        for (String row : lines.subList(2, 30)) assertTrue(row.matches(".{28} \\| .{28}"), row);
        assertTrue(lines.subList(2, 30).stream().anyMatch(l -> l.substring(31).matches(".*[-=+*#%@].*")),
                "a blank reconstruction: " + predict.out);
    }

    /** {@code bench} on the slice for one epoch: the table and the JSON lines, not the timings. */
    @Test
    void benchPrintsATableAndWritesJsonLines(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bench.jsonl");
        Run bench = run("bench", "LR", "MLP128", "--data", "slice", "--epochs", "1", "--threads", "1", "--no-peer",
                "--json", json.toString());
        assertEquals(0, bench.code, bench.err);
        assertTrue(bench.out.contains("peer: PyTorch skipped: --no-peer"), bench.out);
        assertTrue(bench.out.contains("MLPs and the RNN start from Javano's own seeded Glorot draws"), bench.out);
        String machine = bench.out.lines().filter(l -> l.startsWith("machine: ")).findFirst().orElseThrow();
        assertTrue(machine.matches("machine: .+, " + Runtime.getRuntime().availableProcessors() + " cores; C2 vectors of [0-9]+ bytes"),
                machine);
        List<String> lines = Files.readAllLines(json);
        assertEquals(2, lines.size(), String.join("\n", lines));
        for (String workload : List.of("LR", "MLP128")) {
            String line = lines.stream().filter(l -> l.contains("\"workload\":\"" + workload + "\"")).findFirst().orElseThrow();
            assertTrue(line.matches("\\{\"framework\":\"javano\",\"workload\":\"" + workload + "\",\"threads\":1,"
                    + "\"epoch_seconds\":\\[[0-9.]+],\"median_seconds\":[0-9.]+,\"train_loss\":\\[([0-9.]+)],"
                    + "\"test_accuracy\":0\\.[0-9]+,.*,\"machine\":\"" + Pattern.quote(machine.substring("machine: ".length())) + "\"}"), line);
            String loss = line.replaceAll(".*\"train_loss\":\\[([0-9.]+)].*", "$1");
            String accuracy = line.replaceAll(".*\"test_accuracy\":([0-9.]+),.*", "$1");
            String row = bench.out.lines().filter(l -> l.startsWith(workload + " ")).findFirst().orElseThrow();
            assertTrue(row.matches(workload + " +1 +[0-9.]+ +— +— +" + loss + " +— +" + accuracy + " +— +—"), row + " vs " + line);
        }
        // The logistic regression learns even in one epoch of 3 steps (chance is 0.1).
        String lr = lines.get(0);
        assertTrue(Double.parseDouble(lr.replaceAll(".*\"test_accuracy\":([0-9.]+),.*", "$1")) > 0.3, lr);
    }

    @Test
    void benchSaysWhyThePeerWasSkipped(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("b.jsonl");
        Run bench = run("bench", "LR", "--data", "slice", "--epochs", "1", "--threads", "1", "--python",
                dir.resolve("no-python3").toString(), "--json", json.toString());
        assertEquals(0, bench.code, bench.err);
        String peer = bench.out.lines().filter(l -> l.startsWith("peer:")).findFirst().orElseThrow();
        assertTrue(peer.startsWith("peer: PyTorch skipped: no Python with torch and numpy (" + dir.resolve("no-python3")
                + ": cannot run it"), peer);
        assertEquals(1, Files.readAllLines(json).size());
    }

    /** Where a Python with torch is found (not on CI's fresh machine): both sides, from the same start, agree. */
    @Test
    void benchRunsThePyTorchPeerWhenThereIsOne(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("b.jsonl");
        Run bench = run("bench", "LR", "MLP128", "--data", "slice", "--epochs", "1", "--threads", "1", "--json",
                json.toString());
        assertEquals(0, bench.code, bench.err);
        String peer = bench.out.lines().filter(l -> l.startsWith("peer:")).findFirst().orElseThrow();
        Assumptions.assumeFalse(peer.startsWith("peer: PyTorch skipped: no Python with torch"), peer);
        assertTrue(peer.startsWith("peer: PyTorch through "), bench.out);
        List<String> lines = Files.readAllLines(json);
        // ours, the peer's, the ratio at 1 thread and the ratio of the best thread counts, for each workload
        assertEquals(2 + 2 + 2 + 2, lines.size(), String.join("\n", lines));
        for (String workload : List.of("LR", "MLP128")) {
            String row = bench.out.lines().filter(l -> l.startsWith(workload + " ")).findFirst().orElseThrow();
            assertTrue(row.endsWith("torch 1 / OpenBLAS 1"), row);
            String[] cells = row.trim().split(" +");
            // workload threads ours peer ratio ourLoss peerLoss ourAccuracy peerAccuracy peerThreads
            String ratio = lines.stream().filter(l -> l.startsWith("{\"ratio\"") && l.contains("\"" + workload + "\""))
                    .findFirst().orElseThrow();
            double value = Double.parseDouble(ratio.replaceAll(".*\"value\":([0-9.]+)}", "$1"));
            // the table rounds the ratio to 2 decimals, the JSON to 3: they agree within the coarser rounding
            assertEquals(value, Double.parseDouble(cells[4]), 0.0051, row + " vs " + ratio);
            // Same data, same initial weights, same arithmetic: the same loss and nearly the same accuracy.
            assertEquals(Double.parseDouble(cells[5]), Double.parseDouble(cells[6]), 2e-4, row);
            assertEquals(Double.parseDouble(cells[7]), Double.parseDouble(cells[8]), 0.01, row);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"framework\": \"pytorch") && l.contains("\"" + workload + "\"")));
        }
    }

    @Test
    void failuresOfTheWorkGiveOneLineAndExitCode1(@TempDir Path dir) {
        Run missing = run("evaluate", "mlp", "--weights", dir.resolve("none.npz").toString());
        assertEquals(1, missing.code);
        assertEquals(1, missing.err.lines().count(), missing.err);
        assertTrue(missing.err.contains("none.npz"), missing.err);
        Run noData = run("evaluate", "lr", "--weights", dir.resolve("none.npz").toString(), "--data", dir.toString());
        assertEquals(1, noData.code);
        assertEquals(1, noData.err.lines().count(), noData.err);
    }
}
