package dev.javano.examples.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on, in one line: the CPU as Linux names it (model, family, widest
 * vector extension) and the vector width HotSpot's C2 compiles for. Seconds taken on a host
 * without AVX-512 (half-width vectors for the generated loops) are not comparable with seconds
 * taken on one with it, so every run says which it had.
 */
public final class Machine {

    private Machine() {}

    /** For example {@code AMD EPYC (family 25, model 1), AVX2, 2 cores; C2 vectors of 32 bytes}. */
    public static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "%s, %d cores; C2 vectors of %s bytes", cpu(), cores, vmOption("MaxVectorSize"));
    }

    private static String cpu() {
        List<String> info;
        try {
            info = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) { // not Linux
            return System.getProperty("os.arch");
        }
        String flags = field(info, "flags");
        String vectors = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "no AVX2";
        return String.format(Locale.ROOT, "%s (family %s, model %s), %s", field(info, "model name"), field(info, "cpu family"),
                field(info, "model"), vectors);
    }

    /** The value of the first line {@code name : value}, or "?". */
    private static String field(List<String> lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) return line.substring(colon + 1).trim();
        }
        return "?";
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (RuntimeException e) { // not HotSpot
            return "?";
        }
    }
}
