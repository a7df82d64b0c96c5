package dev.javano.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Maven project of {@code docs/getting-started.md}, built the way a user builds it: its files are the blocks
 * of that page whose first line names a file, its {@code pom.xml} is built by a separate {@code mvn} process, and
 * its {@code demo.Main} then trains the generated {@code CirclesModel}.
 *
 * <p>The Javano artifacts that build resolves are this reactor build's own (the jars, or the class folders jarred
 * here, of the test class path), laid out with their POMs in a local repository under {@code tests/target}: never
 * a copy in {@code ~/.m2}, which is left untouched. Everything else (plugins, JavaPoet, OpenBLAS) comes from
 * {@code ~/.m2} through a {@code file:} mirror, offline, so the page's POM must use only plugins (and versions)
 * this reactor already uses.
 */
class StandaloneProjectTest {

    static final List<String> MODULES = List.of("annotations", "symbolic", "processor", "runtime-cpu");
    static final Pattern BLOCK = Pattern.compile("```(?:xml|java)\\n(?:<!-- (\\S+) -->|// (\\S+))\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void theGettingStartedProjectBuildsWithThisBuildsProcessorAndTrains() throws Exception {
        Path root = Path.of(System.getProperty("javano.root", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("javano.version", "0.1.0-SNAPSHOT");
        Path work = root.resolve("tests/target/standalone");
        Path project = work.resolve("project");
        deleteTree(project);

        Map<String, String> files = projectFiles(root.resolve("docs/getting-started.md"));
        assertEquals(Set.of("pom.xml", "src/main/java/demo/Circles.java", "src/main/java/demo/Main.java"),
                files.keySet());
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = project.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }

        Path repository = work.resolve("repository");
        layOutThisBuild(root, repository, version);
        Path seed = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings>\n  <localRepository>" + repository + "</localRepository>\n"
                + "  <mirrors><mirror><id>this-machine</id><mirrorOf>*</mirrorOf><url>" + seed.toUri()
                + "</url></mirror></mirrors>\n</settings>\n");

        Output build = run(project, 300, mvn(), "-B", "-q", "-o", "-Daether.offline.protocols=file", "-s",
                settings.toString(), "-Djavano.version=" + version, "package",
                "org.apache.maven.plugins:maven-dependency-plugin:" + DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=target/cp.txt");
        assertEquals(0, build.code(), "the standalone build failed:\n" + build.text());

        Path generated = project.resolve("target/generated-sources/annotations/demo/CirclesModel.java");
        assertTrue(Files.isRegularFile(generated), "no generated " + generated);
        assertTrue(Files.readString(generated).contains("public final class CirclesModel"), generated.toString());
        assertTrue(Files.isRegularFile(project.resolve("target/classes/demo/CirclesModel.class")));
        assertTrue(Files.readString(project.resolve("target/classes/META-INF/javano/demo.Circles.graph.txt"))
                .contains("train:"));
        String classPath = Files.readString(project.resolve("target/cp.txt")).trim();
        assertTrue(classPath.contains(repository.resolve("dev/javano/javano-runtime-cpu").toString()), classPath);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Output main = run(project, 120, java.toString(), "-cp",
                project.resolve("target/classes") + File.pathSeparator + classPath, "demo.Main");
        assertEquals(0, main.code(), main.text());
        List<Double> losses = new ArrayList<>();
        Matcher m = Pattern.compile("epoch +\\d+ +loss ([0-9.,]+)").matcher(main.text());
        while (m.find()) losses.add(Double.parseDouble(m.group(1).replace(',', '.')));
        assertEquals(5, losses.size(), main.text());
        // Seen: 0.6111 after the first epoch, 0.0450 after the hundredth; required: at least a fourfold fall.
        assertTrue(losses.get(4) < 0.25 * losses.get(0), main.text());
        Matcher accuracy = Pattern.compile("training accuracy ([0-9.,]+)").matcher(main.text());
        assertTrue(accuracy.find(), main.text());
        assertTrue(Double.parseDouble(accuracy.group(1).replace(',', '.')) >= 0.95, main.text());
    }

    /** The blocks of the page whose first line is a comment naming a file: file name to contents. */
    static Map<String, String> projectFiles(Path page) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(Files.readString(page));
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String previous = files.put(name, m.group(3));
            assertEquals(null, previous, "two blocks name " + name);
        }
        return files;
    }

    /**
     * Puts this build's Javano artifacts in {@code repository}, in Maven's layout: for each module, the jar the test
     * class path holds (a class folder is jarred) and its {@code pom.xml}; and the parent POM.
     */
    static void layOutThisBuild(Path root, Path repository, String version) throws IOException {
        install(repository, "javano-parent", version, "pom", root.resolve("pom.xml"));
        List<Path> classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().normalize()).toList();
        for (String module : MODULES) {
            Path target = root.resolve(module).resolve("target");
            Path entry = classPath.stream().filter(p -> p.startsWith(target)).findFirst()
                    .orElseThrow(() -> new AssertionError(module + " is not on the test class path: " + classPath));
            String artifact = "javano-" + module;
            install(repository, artifact, version, "pom", root.resolve(module).resolve("pom.xml"));
            Path jar = Files.isDirectory(entry) ? jar(entry, repository.resolveSibling(artifact + ".jar")) : entry;
            install(repository, artifact, version, "jar", jar);
        }
    }

    private static void install(Path repository, String artifact, String version, String extension, Path file)
            throws IOException {
        Path dir = repository.resolve("dev/javano").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(artifact + "-" + version + "." + extension),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The version the reactor pins (and so resolves while it runs), named in full: offline, no prefix lookup. */
    private static final String DEPENDENCY_PLUGIN = "3.8.1";

    private static String mvn() {
        String home = System.getProperty("maven.home");
        if (home != null) {
            Path mvn = Path.of(home, "bin", "mvn");
            if (Files.isExecutable(mvn)) return mvn.toString();
        }
        return "mvn";
    }

    record Output(int code, String text) {}

    private static Output run(Path dir, int timeoutSeconds, String... command) throws Exception {
        Path log = Files.createTempFile("standalone", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = builder.start();
            p.getOutputStream().close(); // nothing to say to it
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " ran over " + timeoutSeconds + " s:\n" + Files.readString(log));
            }
            return new Output(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
