package dev.javano.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.javano.processor.JavanoProcessor;
import dev.javano.processor.fuzz.BaseModels.Base;
import dev.javano.processor.fuzz.Mutator.Mutant;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles hundreds of mutants of valid models (deterministic: a fixed seed) and holds the
 * processor to its promise: whatever the source, no exception escapes into javac, there is never
 * an internal error ({@code [JVN900]}), and every Javano diagnostic points at the code — a line,
 * and unless it is about the class itself ({@code JVN100}–{@code JVN103}) a column, not on the
 * class declaration. A mutant that is not valid Java may fail with javac's errors alone; one that
 * compiles is fine too, and must have its graph written. No mutant may take more than
 * {@link #TIME_LIMIT} (a compile-time loop that never ends is a hang in javac), and no error may
 * be in a file the processor generated.
 */
class ProcessorFuzzTest {

    /** Fixed, so every run compiles the same mutants; {@code -Djavano.fuzz.seed=...} explores others. */
    private static final long SEED = Long.decode(System.getProperty("javano.fuzz.seed", "0x4A564E00F022"));
    private static final int MUTANTS_PER_BASE = Integer.getInteger("javano.fuzz.perBase", 66);
    /** {@code -Djavano.fuzz.verbose=true} prints every mutant's diagnostics. */
    private static final boolean VERBOSE = Boolean.getBoolean("javano.fuzz.verbose");
    private static final Duration TIME_LIMIT = Duration.ofSeconds(30);

    /** Codes reported at the model class element: a line, but no expression to point at. */
    private static final Set<String> CLASS_LEVEL = Set.of("JVN100", "JVN101", "JVN102", "JVN103", "JVN900", "JVN901");

    private static final Pattern CODE = Pattern.compile("^\\[(JVN\\d{3})\\]");
    private static final Pattern EXCEPTION_NAME =
            Pattern.compile("\\b[a-z]+(?:\\.[a-z]\\w*)+\\.[A-Z]\\w*(?:Exception|Error)\\b");

    /**
     * javac with the classpath of this test (the annotations), the processor given per compilation;
     * {@code -Djavano.fuzz.classpath=...} adds entries (the CPU runtime, so that the model class is generated too).
     */
    private static final Compiler JAVAC = javac();

    private static final AtomicInteger mutants = new AtomicInteger();
    private static final AtomicInteger compiled = new AtomicInteger();
    private static final AtomicInteger withJavano = new AtomicInteger();
    private static final AtomicInteger javacOnly = new AtomicInteger();
    private static final AtomicInteger failedChecks = new AtomicInteger();
    private static final TreeMap<String, Integer> codes = new TreeMap<>();
    private static long started;
    private static long slowestMillis;
    private static String slowest;

    @TestFactory
    Stream<DynamicTest> baseModelsCompileCleanly() {
        return BaseModels.ALL.stream().map(base -> DynamicTest.dynamicTest("base " + base.className(), () -> {
            Compilation c = compile(base.className(), base.source());
            List<String> problems = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING) {
                    problems.add(describe(d));
                }
            }
            if (c.status() == Compilation.Status.SUCCESS && !hasGraph(c)) problems.add("no graph resource was written");
            if (c.status() != Compilation.Status.SUCCESS || !problems.isEmpty()) {
                fail("base model " + base.className() + " must compile cleanly, but:\n  " + String.join("\n  ", problems)
                        + "\n" + numbered(base.source()));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> mutantsCompileOrFailWithPositionedDiagnostics() {
        started = System.nanoTime();
        Mutator mutator = new Mutator(SEED);
        List<Mutant> all = new ArrayList<>();
        for (Base base : BaseModels.ALL) all.addAll(mutator.mutants(base, MUTANTS_PER_BASE));
        return all.stream().map(m -> DynamicTest.dynamicTest(m.displayName(), () -> check(m)));
    }

    private static void check(Mutant m) {
        mutants.incrementAndGet();
        Compilation c;
        long start = System.nanoTime();
        try {
            c = assertTimeoutPreemptively(TIME_LIMIT, () -> compile(m.base().className(), m.source()),
                    () -> "compiling took over " + TIME_LIMIT.toSeconds() + " s: " + context(m));
        } catch (Throwable t) {
            failedChecks.incrementAndGet();
            if (t instanceof AssertionError a && a.getMessage() != null && a.getMessage().startsWith("compiling took")) {
                throw a;
            }
            throw new AssertionError("an exception escaped from the compilation of " + context(m), t);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        synchronized (codes) {
            if (millis > slowestMillis) {
                slowestMillis = millis;
                slowest = m.displayName();
            }
        }
        List<String> problems = new ArrayList<>();
        boolean javano = false;
        int headerLine = headerLine(m.source());
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            Matcher code = CODE.matcher(message);
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null && !isMutant(d.getSource(), m)) {
                problems.add("an error in generated code: " + d.getSource().toUri() + " " + describe(d));
            }
            if (!code.find()) {
                if (message.contains("\tat ") || message.toLowerCase(Locale.ROOT).contains("uncaught exception")
                        || EXCEPTION_NAME.matcher(message).find()) {
                    problems.add("looks like a crash: " + describe(d));
                }
                continue;
            }
            String jvn = code.group(1);
            synchronized (codes) {
                codes.merge(jvn, 1, Integer::sum);
            }
            if (d.getKind() == Diagnostic.Kind.ERROR) javano = true;
            if (jvn.equals("JVN900")) problems.add("internal error: " + describe(d));
            if (d.getLineNumber() <= 0) problems.add("no line: " + describe(d));
            if (!CLASS_LEVEL.contains(jvn)) {
                if (d.getColumnNumber() <= 0) problems.add("no column: " + describe(d));
                if (d.getLineNumber() == headerLine) problems.add("reported at the class, not at the code: " + describe(d));
            }
        }
        if (VERBOSE) {
            System.out.println("== " + m.displayName() + "\n  " + String.join("\n  ",
                    c.diagnostics().stream().map(ProcessorFuzzTest::describe).toList())
                    + (c.status() == Compilation.Status.SUCCESS ? "\n  generated: "
                            + c.generatedFiles().stream().map(f -> f.toUri().getPath()).toList() : ""));
        }
        if (c.status() == Compilation.Status.SUCCESS && isModel(m.source(), headerLine) && !hasGraph(c)) {
            problems.add("compiled without errors, but no graph resource was written");
        }
        if (c.status() == Compilation.Status.SUCCESS) compiled.incrementAndGet();
        else if (javano) withJavano.incrementAndGet();
        else javacOnly.incrementAndGet();
        if (!problems.isEmpty()) {
            failedChecks.incrementAndGet();
            fail(String.join("\n", problems) + "\nall diagnostics:\n  " + String.join("\n  ",
                    c.diagnostics().stream().map(ProcessorFuzzTest::describe).toList()) + "\n" + context(m));
        }
    }

    @AfterAll
    static void summary() {
        if (mutants.get() == 0) return;
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%nJavano processor fuzz (seed %#x): %d mutants in %.1f s%n", SEED, mutants.get(),
                seconds);
        System.out.printf(Locale.ROOT, "  compiled:                   %d%n", compiled.get());
        System.out.printf(Locale.ROOT, "  failed with Javano errors:  %d%n", withJavano.get());
        System.out.printf(Locale.ROOT, "  failed with javac errors only: %d%n", javacOnly.get());
        System.out.printf(Locale.ROOT, "  failed the checks:          %d%n", failedChecks.get());
        System.out.printf(Locale.ROOT, "  distinct JVN codes (%d): %s%n", codes.size(), codes);
        System.out.printf(Locale.ROOT, "  slowest: %d ms, %s%n", slowestMillis, slowest);
    }

    private static Compiler javac() {
        Compiler javac = Compiler.javac().withOptions("-Xlint:none");
        String extra = System.getProperty("javano.fuzz.classpath", "");
        if (extra.isBlank()) return javac;
        List<File> path = new ArrayList<>();
        for (String p : (System.getProperty("java.class.path") + File.pathSeparator + extra).split(File.pathSeparator)) {
            if (!p.isBlank()) path.add(new File(p));
        }
        return javac.withClasspath(path);
    }

    private static Compilation compile(String className, String source) {
        return JAVAC.withProcessors(new JavanoProcessor()).compile(JavaFileObjects.forSourceString(className, source));
    }

    /** Whether {@code file} is the mutant's own source, not one the processor generated. */
    private static boolean isMutant(JavaFileObject file, Mutant m) {
        String uri = file.toUri().toString();
        String name = m.base().className() + ".java";
        return uri.equals(name) || uri.endsWith("/" + name);
    }

    /** Whether the processor wrote a {@code META-INF/javano/<model>.graph.txt}. */
    private static boolean hasGraph(Compilation c) {
        return c.generatedFiles().stream().anyMatch(f -> f.toUri().getPath().contains("META-INF/javano/")
                && f.toUri().getPath().endsWith(".graph.txt"));
    }

    /** Whether the class declared on {@code headerLine} is still annotated {@code @Model}. */
    private static boolean isModel(String source, int headerLine) {
        String[] lines = source.split("\n", -1);
        return headerLine >= 2 && lines[headerLine - 2].trim().equals("@Model");
    }

    /** The 1-based line of the model class's declaration. */
    private static int headerLine(String source) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].matches(".*\\b(class|interface|enum) \\w+.*\\{\\s*")) return i + 1;
        return -1;
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        return d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getMessage(Locale.ROOT);
    }

    private static String context(Mutant m) {
        return "mutant " + m.displayName() + "\n" + numbered(m.source());
    }

    private static String numbered(String source) {
        StringBuilder out = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) out.append(String.format(Locale.ROOT, "%3d| %s%n", i + 1, lines[i]));
        return out.toString();
    }
}
