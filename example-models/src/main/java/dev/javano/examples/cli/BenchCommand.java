package dev.javano.examples.cli;

import dev.javano.examples.bench.Machine;
import dev.javano.examples.bench.Workloads;
import dev.javano.examples.bench.Workloads.Result;
import dev.javano.examples.bench.Workloads.Workload;
import dev.javano.examples.data.FashionMnist;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code javano bench [workload...]}: the workloads of {@code shared/WORKLOADS.md} (LR, MLP20, MLP128, RNN) at each
 * thread count, and, when a Python with PyTorch is found, the same workloads in PyTorch (the peer script
 * {@code peer_torch.py}, a resource next to {@link Workloads}) in the same invocation, with the ratio of the two.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times the workloads of WORKLOADS.md (LR, MLP20, MLP128, RNN: 784-10, 784-500-10 and an Elman RNN"
                + " over 28 rows, hidden 128, on Fashion-MNIST,"
                + " plain SGD, only the training loop timed) at each thread count; when a python3 with torch and numpy"
                + " is found, runs the same workloads in PyTorch in the same invocation (same data, hyper-parameters"
                + " and initial weights) and prints the ratio. Each run also replays its matrix products alone (the GEMM"
                + " floor of WORKLOADS.md) and says how much of the epoch they are. Prints a table and writes JSON lines.")
final class BenchCommand implements Callable<Integer> {

    private static final String PEER_SCRIPT = "/dev/javano/examples/bench/peer_torch.py";
    /** The RNN's initial weights as the peer writes them, next to the MLPs' init.npz. */
    private static final String RNN_INIT = "rnn-init.npz";
    private static final String[] IDX_FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<workload>", arity = "0..*", description = "LR, MLP20, MLP128, RNN (default: all four).")
    List<String> names = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N,N", split = ",", defaultValue = "1,2",
            description = "Thread counts, each a run of every workload (default ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3",
            description = "Epochs per run (default ${DEFAULT-VALUE}, as WORKLOADS.md; the median epoch is reported).")
    int epochs;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "full",
            description = "Fashion-MNIST: 'full' (the default, " + "/usr/share/datasets/fashion-mnist), 'slice' (the"
                    + " committed 2,000/500-image slice, for a quick try) or a directory holding the four IDX .gz files.")
    String data;

    @Option(names = "--json", paramLabel = "FILE", defaultValue = "bench.jsonl",
            description = "Where to write the JSON lines, one per run and one per ratio (default ${DEFAULT-VALUE}).")
    Path json;

    @Option(names = "--no-peer", description = "Do not run the PyTorch peer.")
    boolean noPeer;

    @Option(names = "--python", paramLabel = "PYTHON",
            description = "The Python to run the peer with (default: the first of python3, /usr/bin/python3 that"
                    + " imports torch and numpy).")
    String python;

    /** A peer's run, read from one of its JSON lines; {@code threads} is torch's intra-op thread count. */
    record PeerResult(String framework, String workload, int threads, double medianSeconds, double[] loss,
            double accuracy, String blas, PeerConfig config) {}

    /**
     * How the peer runs at a thread count: torch's intra-op threads, OpenBLAS's threads, and whether OpenMP's idle
     * threads sleep ({@code OMP_WAIT_POLICY=PASSIVE}) instead of spinning. With both pools at 2 and spinning, the two
     * pools fight over this machine's 2 cores (MLP128: 3.4 s per epoch against 1.0 s), so at n &gt; 1 threads the peer
     * runs as torch n / OpenBLAS n with passive OpenMP, and as torch 1 / OpenBLAS n (which is how Javano uses n
     * threads: its own loops on one, OpenBLAS on n), and each workload keeps the faster.
     */
    record PeerConfig(int torchThreads, int blasThreads, boolean passive) {
        static List<PeerConfig> at(int n) {
            return n == 1 ? List.of(new PeerConfig(1, 1, false))
                    : List.of(new PeerConfig(n, n, true), new PeerConfig(1, n, false));
        }

        /** "torch 1 / OpenBLAS 2", "torch 2 / OpenBLAS 2, OpenMP passive". */
        String describe() {
            return "torch " + torchThreads + " / OpenBLAS " + blasThreads + (passive ? ", OpenMP passive" : "");
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Workload> chosen = workloads();
        if (epochs < 1) throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, not " + epochs);
        for (int n : threads) {
            if (n < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + n);
        }
        PrintWriter out = spec.commandLine().getOut();
        DataOption dataOption = new DataOption();
        dataOption.data = data;
        FashionMnist.Split train = dataOption.train();
        FashionMnist.Split test = dataOption.test();
        Path temp = Files.createTempDirectory("javano-bench");
        try {
            String why = noPeer ? "--no-peer" : null;
            String interpreter = null;
            if (why == null) {
                List<String> candidates = python != null ? List.of(python) : List.of("python3", "/usr/bin/python3");
                StringBuilder tried = new StringBuilder();
                for (String candidate : candidates) {
                    String problem = probe(candidate);
                    if (problem == null) {
                        interpreter = candidate;
                        break;
                    }
                    tried.append(tried.length() == 0 ? "" : "; ").append(candidate).append(": ").append(problem);
                }
                if (interpreter == null) why = "no Python with torch and numpy (" + tried + ")";
            }
            Path script = null;
            Path init = null;
            Path peerData = null;
            if (interpreter != null) {
                script = temp.resolve("peer_torch.py");
                copyResource(PEER_SCRIPT, script);
                peerData = data.equals("slice") ? extractSlice(temp) : dataOption.dir();
                if (chosen.stream().anyMatch(w -> !w.logistic())) {
                    init = temp.resolve("init.npz");
                    String failure = runPeer(interpreter, script, List.of("--write-init", init.toString(),
                            "--write-rnn-init", temp.resolve(RNN_INIT).toString()), PeerConfig.at(1).get(0), null);
                    if (failure != null) {
                        why = "the peer could not write its initial weights: " + failure;
                        interpreter = null;
                        init = null;
                    }
                }
            }
            out.printf(Locale.ROOT, "javano bench: %s on %s (%d training, %d test images); %d epoch%s per run,"
                    + " threads %s%n", names(chosen), dataOption.describe(), train.count(), test.count(), epochs,
                    epochs == 1 ? "" : "s", threads.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""));
            out.println("machine: " + Machine.describe());
            out.println(interpreter != null
                    ? "peer: PyTorch through " + interpreter + " (MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ set;"
                            + " at n > 1 threads the faster of torch n / OpenBLAS n with OpenMP passive and torch 1 /"
                            + " OpenBLAS n)"
                    : "peer: PyTorch skipped: " + why);
            if (chosen.stream().anyMatch(w -> !w.logistic())) {
                out.println(init != null ? "MLPs and the RNN start from the peer's initial weights (Glorot uniform from"
                        + " numpy.random.RandomState(1234)), loaded into Javano's models"
                        : "MLPs and the RNN start from Javano's own seeded Glorot draws");
            }
            out.flush();

            Files.deleteIfExists(json);
            List<Result> ours = new ArrayList<>();
            Map<String, PeerResult> peers = new LinkedHashMap<>();
            for (int n : threads) {
                for (Workload w : chosen) {
                    Path start = init == null ? null : w.kind() == Net.Kind.rnn ? temp.resolve(RNN_INIT) : init;
                    Result r = Workloads.run(w, n, epochs, start, train, test);
                    ours.add(r);
                    appendJson(r.json());
                    out.printf(Locale.ROOT, "  javano   %-7s %d thread%s: %.3f s per epoch; %s%n", w.name(), n,
                            n == 1 ? " " : "s", r.medianSeconds(), r.gemmSummary());
                    out.flush();
                }
                for (PeerConfig config : interpreter == null ? List.<PeerConfig>of() : PeerConfig.at(n)) {
                    List<String> args = new ArrayList<>(List.of("--data", peerData.toString(), "--threads",
                            String.valueOf(config.torchThreads()), "--epochs", String.valueOf(epochs)));
                    chosen.forEach(w -> args.add(w.name()));
                    String failure = runPeer(interpreter, script, args, config, line -> {
                        PeerResult p = parse(line, config);
                        peers.merge(p.workload() + "/" + n, p, (a, b) -> a.medianSeconds() <= b.medianSeconds() ? a : b);
                        appendJson(line.substring(0, line.lastIndexOf('}')) + String.format(Locale.ROOT,
                                ", \"setting_threads\": %d, \"blas_threads\": %d, \"omp_passive\": %b}", n,
                                config.blasThreads(), config.passive()));
                        out.printf(Locale.ROOT, "  pytorch  %-7s %d thread%s (%s): %.3f s per epoch%n", p.workload(), n,
                                n == 1 ? "" : "s", config.describe(), p.medianSeconds());
                        out.flush();
                    });
                    if (failure != null) out.println("  pytorch failed (" + config.describe() + "): " + failure);
                }
            }
            table(out, ours, peers);
            out.println("JSON lines written to " + json);
            out.flush();
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private List<Workload> workloads() {
        if (names.isEmpty()) return Workloads.ALL;
        List<Workload> chosen = new ArrayList<>();
        for (String name : names) {
            try {
                chosen.add(Workloads.workload(name));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return chosen;
    }

    private static String names(List<Workload> chosen) {
        return String.join(", ", chosen.stream().map(Workload::name).toList());
    }

    /** The table: seconds per epoch (median of the epochs) of each side, their ratio, the losses and accuracies. */
    private void table(PrintWriter out, List<Result> ours, Map<String, PeerResult> peers) {
        String lossHeader = "train loss per epoch";
        int lossWidth = Math.max(lossHeader.length(), 9 * epochs - 2);
        String format = "%-8s %7s %10s %10s %13s  %-" + lossWidth + "s  %-" + lossWidth + "s %8s %8s  %s%n";
        out.println();
        out.printf(Locale.ROOT, format, "workload", "threads", "javano s", "pytorch s", "javano/torch",
                "javano " + lossHeader, "pytorch " + lossHeader, "javano", "pytorch", "pytorch threads");
        out.printf(Locale.ROOT, format, "", "", "per epoch", "per epoch", "", "", "", "test acc", "test acc",
                "(torch / OpenBLAS)");
        for (Result r : ours) {
            PeerResult p = peers.get(r.w().name() + "/" + r.threads());
            out.printf(Locale.ROOT, format, r.w().name(), r.threads(), seconds(r.medianSeconds()),
                    p == null ? "—" : seconds(p.medianSeconds()),
                    p == null ? "—" : String.format(Locale.ROOT, "%.2f", r.medianSeconds() / p.medianSeconds()),
                    Workloads.losses(r.loss()), p == null ? "—" : Workloads.losses(p.loss()),
                    String.format(Locale.ROOT, "%.4f", r.accuracy()),
                    p == null ? "—" : String.format(Locale.ROOT, "%.4f", p.accuracy()),
                    p == null ? "—" : p.config().describe());
            if (p != null) ratio(r.w().name(), r.threads() + "", r.medianSeconds(), p.medianSeconds());
        }
        if (peers.isEmpty()) return;
        out.println();
        out.println("best thread count of each:");
        for (String workload : ours.stream().map(r -> r.w().name()).distinct().toList()) {
            Result r = ours.stream().filter(x -> x.w().name().equals(workload))
                    .min(Comparator.comparingDouble(Result::medianSeconds)).orElseThrow();
            Map.Entry<String, PeerResult> p = peers.entrySet().stream()
                    .filter(e -> e.getValue().workload().equals(workload))
                    .min(Comparator.comparingDouble(e -> e.getValue().medianSeconds())).orElse(null);
            if (p == null) continue;
            String peerThreads = p.getKey().substring(p.getKey().indexOf('/') + 1);
            double ratio = r.medianSeconds() / p.getValue().medianSeconds();
            out.printf(Locale.ROOT, "  %-7s javano %s s (%d thread%s), pytorch %s s (%s thread%s, %s): %.2f%n", workload,
                    seconds(r.medianSeconds()), r.threads(), r.threads() == 1 ? "" : "s",
                    seconds(p.getValue().medianSeconds()), peerThreads, peerThreads.equals("1") ? "" : "s",
                    p.getValue().config().describe(), ratio);
            ratio(workload, "\"best\"", r.medianSeconds(), p.getValue().medianSeconds());
        }
        PeerResult any = peers.values().iterator().next();
        out.println("peer: " + any.framework() + ", BLAS mapped: " + any.blas());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private void ratio(String workload, String threads, double ours, double peer) {
        appendJson(String.format(Locale.ROOT, "{\"ratio\":\"javano/pytorch\",\"workload\":\"%s\",\"threads\":%s,"
                + "\"javano_median_seconds\":%.4f,\"peer_median_seconds\":%.4f,\"value\":%.3f}", workload, threads,
                ours, peer, ours / peer));
    }

    private void appendJson(String line) {
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(json, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(json + ": " + e.getMessage(), e);
        }
    }

    /** Null when {@code interpreter} imports torch and numpy, else why not, in a few words. */
    private static String probe(String interpreter) {
        try {
            Process p = new ProcessBuilder(interpreter, "-c", "import torch, numpy").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "import torch took over 2 minutes";
            }
            if (p.exitValue() == 0) return null;
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "exit code " + p.exitValue() : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "cannot run it (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Runs the peer script, handing each line it prints to {@code lines} (when given); null when it succeeds, else the
     * last line of its error output.
     */
    private static String runPeer(String interpreter, Path script, List<String> args, PeerConfig config,
            java.util.function.Consumer<String> lines) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(interpreter, script.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.put("MALLOC_MMAP_THRESHOLD_", "1000000000");
        env.put("MALLOC_TRIM_THRESHOLD_", "1000000000");
        env.put("OMP_NUM_THREADS", String.valueOf(config.torchThreads()));
        env.put("OPENBLAS_NUM_THREADS", String.valueOf(config.blasThreads()));
        env.put("MKL_NUM_THREADS", String.valueOf(config.blasThreads()));
        if (config.passive()) env.put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = builder.start();
        StringBuilder errors = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) errors.append(line).append('\n');
            } catch (IOException e) {
                errors.append(e.getMessage()).append('\n');
            }
        });
        drain.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (lines != null && line.startsWith("{")) lines.accept(line);
            }
        }
        int code = p.waitFor();
        drain.join();
        if (code == 0) return null;
        List<String> err = errors.toString().lines().filter(l -> !l.isBlank()).toList();
        return "exit code " + code + (err.isEmpty() ? "" : ": " + err.get(err.size() - 1).trim());
    }

    private static void copyResource(String resource, Path to) throws IOException {
        try (InputStream in = BenchCommand.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException(resource + ": not on the class path");
            Files.copy(in, to);
        }
    }

    /** The committed slice as a directory of IDX files, for the peer. */
    private static Path extractSlice(Path temp) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("slice"));
        for (String file : IDX_FILES) copyResource("/dev/javano/examples/data/" + file, dir.resolve(file));
        return dir;
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\\s*(\"[^\"]*\"|\\[[^]]*]|[-0-9.eE+]+)");

    /** One of the peer's JSON lines (flat objects of strings, numbers and arrays of numbers). */
    static PeerResult parse(String line, PeerConfig config) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Matcher m = FIELD.matcher(line); m.find(); ) fields.put(m.group(1), m.group(2));
        for (String required : List.of("framework", "workload", "threads", "median_seconds", "train_loss", "test_accuracy")) {
            if (!fields.containsKey(required)) {
                throw new IllegalStateException("the peer printed a line without " + required + ": " + line);
            }
        }
        String loss = fields.get("train_loss");
        return new PeerResult(unquote(fields.get("framework")), unquote(fields.get("workload")),
                Integer.parseInt(fields.get("threads")), Double.parseDouble(fields.get("median_seconds")),
                Arrays.stream(loss.substring(1, loss.length() - 1).split(",")).map(String::trim)
                        .mapToDouble(Double::parseDouble).toArray(),
                Double.parseDouble(fields.get("test_accuracy")), unquote(fields.getOrDefault("blas", "\"unknown\"")),
                config);
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1);
    }
}
