package dev.javano.processor.fuzz;

import dev.javano.processor.fuzz.BaseModels.Base;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic source mutations of a valid model (a fixed seed gives the same mutants on every
 * run): textual edits of the kinds a user makes by mistake — a wrong dim, op or name, a changed
 * number, a deleted, duplicated or misplaced line, Java the DSL rejects, a lost annotation, a
 * wrong dtype — most of which must be caught by the processor with a positioned diagnostic.
 */
final class Mutator {

    /** One mutated source: its base, a readable description of the edits, and the text. */
    record Mutant(Base base, int index, String description, String source) {
        String displayName() {
            return base.className() + " #" + index + ": " + description;
        }
    }

    /** What one mutation made of the lines, or nothing when it does not apply to them. */
    private record Edit(String description, List<String> lines) {}

    private enum Kind { SHAPE, OP, IDENTIFIER, NUMBER, DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, JAVA_CONSTRUCT,
        ANNOTATION, DTYPE, CLASS, WRAP }

    /** How often each kind is drawn. */
    private static final Kind[] DRAW = {
        Kind.SHAPE, Kind.SHAPE, Kind.SHAPE, Kind.OP, Kind.OP, Kind.OP, Kind.IDENTIFIER, Kind.IDENTIFIER,
        Kind.IDENTIFIER, Kind.NUMBER, Kind.NUMBER, Kind.DELETE_LINE, Kind.DELETE_LINE, Kind.DUPLICATE_LINE,
        Kind.SWAP_LINES, Kind.JAVA_CONSTRUCT, Kind.JAVA_CONSTRUCT, Kind.JAVA_CONSTRUCT, Kind.ANNOTATION,
        Kind.ANNOTATION, Kind.DTYPE, Kind.DTYPE, Kind.CLASS, Kind.WRAP, Kind.WRAP, Kind.WRAP};

    private static final List<String> OPS = List.of(
            "tanh", "sigmoid", "relu", "exp", "log", "sqrt", "square", "abs", "softmax", "logSoftmax", "argmax",
            "argmin", "sum", "mean", "max", "oneHot", "crossentropy", "binaryCrossentropy", "dot", "plus", "minus",
            "times", "div", "pow", "t", "transpose", "reshape", "grad", "grads", "update", "shared", "constant",
            "zerosLike", "sgd", "adam", "momentum", "rmsprop", "concat", "stack", "where", "clip", "gt", "asInt",
            "cast", "get", "slice", "neg", "flip", "scan", "frobnicate");
    private static final Pattern OP_CALL = Pattern.compile("\\b(" + String.join("|", OPS) + ")(?=\\s*\\()");

    private static final List<String> DIMS = List.of(
            "batch", "hidden", "784", "10", "3", "1", "n", "IN", "FEATURES", "CLASSES", "depth", "0", "-3", "2x",
            "hidden hidden", "learningRate", "");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?![\\w.])");
    private static final List<String> NUMBERS = List.of(
            "0", "1", "2", "3", "-1", "-2", "5", "10", "784", "100000", "0.5", "1e-3", "2147483647", "1.5");

    private static final List<String> EXPRESSIONS = List.of(
            "() -> 1.0", "new Object()", "Math.sqrt(2.0)", "(Tensor) null", "this.toString()", "new int[3]",
            "System.nanoTime()", "\"text\".length()", "x instanceof Tensor ? x : y", "Tensor.class", "'c'",
            "List.of(x)", "switch (1) { default -> x; }", "this::cost");
    private static final List<String> STATEMENTS = List.of(
            "while (false) { }", "try { } finally { }", "switch (1) { default: }", "this.x = null;",
            "Object o = new Object();", "Runnable r = () -> { };", "synchronized (this) { }", "int[] a = new int[3];",
            "assert true;", "String s = \"a\" + 1;", "Tensor z;", "x = y;", "throw new IllegalStateException();",
            "do { } while (false);", "double d = Math.sqrt(2.0);", "for (;;) { }",
            "for (int i = 0; i < 4; i++) { }", "class Local { }", "Tensor q = null;", "int k = 1 / 0;",
            "if (x == null) { }", "label: { break label; }", "return null;", "Tensor[] arr = new Tensor[2];",
            "for (int i = 0; i < 100000; i++) { for (int j = 0; j < 100000; j++) { } }");
    private static final Pattern METHOD_HEADER = Pattern.compile(
            "^\\s*(?:@\\w+\\s+)*(?:Tensor|void|Tensor\\[\\])\\s+\\w+\\s*\\([^)]*\\)\\s*\\{");

    private static final List<String> ANNOTATIONS = List.of(
            "Model", "Input", "Shared", "Hyper", "Output", "Loss", "Updates", "Scan");
    private static final Pattern ANNOTATION = Pattern.compile(
            "@(Model|Input|Shared|Hyper|Output|Loss|Updates)\\b(\\([^)]*\\))?\\s*");
    private static final List<String> DTYPES = List.of("FLOAT32", "FLOAT64", "INT32", "BOOL", "INT64");
    private static final Pattern DTYPE = Pattern.compile("DType\\.(\\w+)");
    private static final Pattern TENSOR_ANNOTATION = Pattern.compile("@(Input|Shared)\\(([^)]*)\\)");
    private static final Pattern FIELD_TYPE = Pattern.compile("(?<=\\) |@Hyper )(double|Tensor)(?= \\w+( =|;))");
    private static final List<String> FIELD_TYPES = List.of("int", "float", "long", "boolean", "String", "Tensor",
            "double", "Integer", "Tensor[]");

    /** DSL calls a name in an expression is wrapped in, {@code %s} the name: valid Java, often a wrong graph. */
    private static final List<String> WRAPPERS = List.of(
            "sum(%s, 1)", "mean(%s, 0, true)", "max(%s, new int[] {0, 1}, false)", "%s.t()", "%s.transpose(1, 0)",
            "%s.transpose(0, 0)", "%s.reshape(-1)", "%s.reshape(2, -1)", "%s.reshape(-1, -1)", "%s.reshape(0)",
            "%s.reshape(\"batch, hidden\")", "%s.reshape(\"other\")", "%s.get(0)", "%s.get(1, 2)", "%s.get(y)",
            "%s.get(-1)", "%s.get(5, 0)", "%s.slice(0, 2)", "%s.slice(1, 0, 2, -1)", "%s.slice(-2, END)",
            "%s.slice(1, 2, 1)", "%s.slice(0, 0, 1, 0)", "oneHot(%s, 10)", "oneHot(%s, 0, DType.FLOAT64)",
            "%s.asInt()", "%s.cast(DType.BOOL)", "%s.asDouble()", "flip(%s, 0)", "flip(%s, -1)", "flip(%s, 1)",
            "concat(0, %s, %s)", "concat(1, %s, w)", "concat(3)", "stack(0, %s, %s)", "stack(-1, %s)",
            "where(%s.gt(0), %s, 0.0)", "where(%s, 1.0, 0.0)", "logSoftmax(%s, 0)", "softmax(%s, 2)",
            "argmin(%s, 0, true)", "argmax(%s, -1)", "pow(%s, 2.0)", "pow(%s, %s)", "maximum(%s, 0.0)",
            "clip(%s, 1.0, -1.0)", "%s.dot(%s)", "%s.dot(%s.t())", "%s.neg()", "%s.div(0)", "%s.eq(%s)",
            "constant(1.0, \"hidden\")", "constant(1.0, \"nope\")", "constant(2.0, \"batch,\")",
            "constant(new double[] {1, 2})", "constant(new double[][] {{1, 2}, {3}})", "constant(new double[][] {})",
            "zerosLike(%s)", "onesLike(%s).asInt()", "grad(sum(%s), w)", "grad(%s, x)", "grad(sum(%s), learningRate)",
            "grads(mean(%s), x, y)", "grad(mean(%s), %s)", "crossentropy(%s, y)", "binaryCrossentropy(%s, %s)",
            "crossentropy(%s, oneHot(y, 10))", "crossentropy(%s, %s)", "log1p(exp(%s))", "sum(%s, new int[] {0, 0}, true)",
            "mean(%s.asInt())", "%s.plus(%s.asInt())", "%s.times(learningRate).asInt()", "(%s)", "%s.minus(-1)",
            "%s.times(1 / 0)", "%s.get(%s)", "sum(%s, 2147483647)", "%s.slice(0, 2147483647, -2147483647)");

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} distinct mutants of {@code base}, none equal to it. */
    List<Mutant> mutants(Base base, int count) {
        List<String> lines = Arrays.asList(base.source().split("\n", -1));
        Set<String> seen = new LinkedHashSet<>();
        seen.add(base.source());
        List<Mutant> out = new ArrayList<>();
        for (int attempt = 0; out.size() < count && attempt < count * 50; attempt++) {
            Optional<Edit> edit = mutate(base, lines);
            if (edit.isEmpty()) continue;
            if (random.nextInt(5) == 0) {
                Edit first = edit.get();
                edit = mutate(base, first.lines()).map(e -> new Edit(first.description() + "; then " + e.description(),
                        e.lines()));
                if (edit.isEmpty()) continue;
            }
            String source = String.join("\n", edit.get().lines());
            if (seen.add(source)) out.add(new Mutant(base, out.size() + 1, edit.get().description(), source));
        }
        return out;
    }

    private Optional<Edit> mutate(Base base, List<String> lines) {
        Kind kind = DRAW[random.nextInt(DRAW.length)];
        switch (kind) {
            case SHAPE: return shape(lines);
            case OP: return replaceHit(lines, OP_CALL, OPS, "op");
            case IDENTIFIER: return replaceHit(lines, words(base.names()), base.names(), "name");
            case NUMBER: return replaceHit(lines, NUMBER, NUMBERS, "number");
            case DELETE_LINE: return deleteLine(lines);
            case DUPLICATE_LINE: return duplicateLine(lines);
            case SWAP_LINES: return swapLines(lines);
            case JAVA_CONSTRUCT: return random.nextBoolean() ? javaExpression(base, lines) : javaStatement(lines);
            case ANNOTATION: return annotation(lines);
            case DTYPE: return dtype(lines);
            case CLASS: return classDeclaration(base, lines);
            case WRAP: return wrap(base, lines);
            default: throw new AssertionError(kind);
        }
    }

    // ---- where edits may go

    /** Index of the line declaring the model class. */
    private static int header(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).matches(".*\\bclass \\w+.*\\{\\s*")) return i;
        return 0;
    }

    /** Index of the {@code @Model} line, or the header when there is none. */
    private static int annotationStart(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).trim().startsWith("@Model")) return i;
        return header(lines);
    }

    /** Index of the class's closing brace: the last line that is one. */
    private static int end(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) if (lines.get(i).trim().equals("}")) return i;
        return lines.size();
    }

    /** Lines of the class body with code on them, by index. */
    private static List<Integer> bodyLines(List<String> lines) {
        List<Integer> out = new ArrayList<>();
        for (int i = header(lines) + 1; i < end(lines); i++) if (!lines.get(i).isBlank()) out.add(i);
        return out;
    }

    private record Hit(int line, int start, int end, String text) {}

    /** Matches of {@code p} in the model (from its annotation on), outside comments. */
    private static List<Hit> hits(List<String> lines, Pattern p) {
        List<Hit> out = new ArrayList<>();
        for (int i = annotationStart(lines); i < end(lines); i++) {
            String line = lines.get(i);
            String trimmed = line.trim();
            if (trimmed.startsWith("/**") || trimmed.startsWith("*")) continue;
            int comment = line.indexOf("//");
            Matcher m = p.matcher(line);
            while (m.find()) {
                if (comment >= 0 && m.start() > comment) break;
                out.add(new Hit(i, m.start(), m.end(), m.group()));
            }
        }
        return out;
    }

    private static Pattern words(List<String> names) {
        return Pattern.compile("(?<![\\w$])(" + String.join("|", names) + ")(?![\\w$])");
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static List<String> replaced(List<String> lines, Hit h, String text) {
        List<String> out = new ArrayList<>(lines);
        String line = lines.get(h.line());
        out.set(h.line(), line.substring(0, h.start()) + text + line.substring(h.end()));
        return out;
    }

    private static String at(int line) {
        return " (line " + (line + 1) + ")";
    }

    // ---- the mutations

    /** One occurrence of {@code p} replaced by a different word of {@code pool}. */
    private Optional<Edit> replaceHit(List<String> lines, Pattern p, List<String> pool, String what) {
        List<Hit> hits = hits(lines, p);
        if (hits.isEmpty()) return Optional.empty();
        Hit h = pick(hits);
        String by = pick(pool);
        if (by.equals(h.text())) return Optional.empty();
        return Optional.of(new Edit("swap " + what + " " + h.text() + " -> " + by + at(h.line()), replaced(lines, h, by)));
    }

    /** A string literal (a shape) with two dims swapped, one replaced, dropped or added. */
    private Optional<Edit> shape(List<String> lines) {
        List<Hit> hits = hits(lines, STRING);
        if (hits.isEmpty()) return Optional.empty();
        Hit h = pick(hits);
        String inner = h.text().substring(1, h.text().length() - 1);
        List<String> dims = new ArrayList<>(inner.isBlank() ? List.of() : Arrays.asList(inner.split(",", -1)));
        dims.replaceAll(String::trim);
        String how;
        switch (random.nextInt(5)) {
            case 0:
                if (dims.size() < 2) return Optional.empty();
                int i = random.nextInt(dims.size());
                int j = (i + 1 + random.nextInt(dims.size() - 1)) % dims.size();
                String di = dims.get(i);
                dims.set(i, dims.get(j));
                dims.set(j, di);
                how = "swap dims";
                break;
            case 1:
                if (dims.isEmpty()) return Optional.empty();
                dims.set(random.nextInt(dims.size()), pick(DIMS));
                how = "replace a dim";
                break;
            case 2:
                if (dims.isEmpty()) return Optional.empty();
                dims.remove(random.nextInt(dims.size()));
                how = "drop a dim";
                break;
            case 3:
                dims.add(random.nextInt(dims.size() + 1), pick(DIMS));
                how = "add a dim";
                break;
            default:
                dims = List.of(pick(List.of(",", "batch,,10", " ", "batch; 10", "(3, 4)", "hidden,")));
                how = "malformed";
                break;
        }
        String text = "\"" + String.join(", ", dims) + "\"";
        if (text.equals(h.text())) return Optional.empty();
        return Optional.of(new Edit("shape " + how + " " + h.text() + " -> " + text + at(h.line()),
                replaced(lines, h, text)));
    }

    private Optional<Edit> deleteLine(List<String> lines) {
        List<Integer> body = bodyLines(lines);
        if (body.isEmpty()) return Optional.empty();
        int i = pick(body);
        List<String> out = new ArrayList<>(lines);
        out.remove(i);
        return Optional.of(new Edit("delete line " + (i + 1) + " `" + lines.get(i).trim() + "`", out));
    }

    private Optional<Edit> duplicateLine(List<String> lines) {
        List<Integer> body = bodyLines(lines);
        if (body.isEmpty()) return Optional.empty();
        int i = pick(body);
        List<String> out = new ArrayList<>(lines);
        out.add(i, lines.get(i));
        return Optional.of(new Edit("duplicate line " + (i + 1) + " `" + lines.get(i).trim() + "`", out));
    }

    private Optional<Edit> swapLines(List<String> lines) {
        List<Integer> body = bodyLines(lines);
        if (body.size() < 2) return Optional.empty();
        int i = pick(body);
        int j = pick(body);
        if (i == j || lines.get(i).equals(lines.get(j))) return Optional.empty();
        List<String> out = new ArrayList<>(lines);
        out.set(i, lines.get(j));
        out.set(j, lines.get(i));
        return Optional.of(new Edit("swap lines " + (Math.min(i, j) + 1) + " and " + (Math.max(i, j) + 1), out));
    }

    /** A name or number replaced by a Java expression the DSL does not accept. */
    private Optional<Edit> javaExpression(Base base, List<String> lines) {
        List<Hit> hits = new ArrayList<>(hits(lines, words(base.names())));
        hits.addAll(hits(lines, NUMBER));
        hits.removeIf(h -> h.line() <= header(lines));
        if (hits.isEmpty()) return Optional.empty();
        Hit h = pick(hits);
        String by = pick(EXPRESSIONS);
        return Optional.of(new Edit("replace " + h.text() + " by `" + by + "`" + at(h.line()), replaced(lines, h, by)));
    }

    /** A name used in a method body wrapped in a DSL call. */
    private Optional<Edit> wrap(Base base, List<String> lines) {
        List<Hit> hits = new ArrayList<>(hits(lines, words(base.names())));
        hits.removeIf(h -> {
            String before = lines.get(h.line()).substring(0, h.start());
            return h.line() <= header(lines) || before.contains("@") || before.matches(".*\\b(Tensor|Tensor\\[\\]|void|int|double)\\s+$")
                    || before.contains("\"");
        });
        if (hits.isEmpty()) return Optional.empty();
        Hit h = pick(hits);
        String by = pick(WRAPPERS).replace("%s", h.text());
        return Optional.of(new Edit("wrap " + h.text() + " as `" + by + "`" + at(h.line()), replaced(lines, h, by)));
    }

    /** A statement the DSL does not accept, put first in a model method. */
    private Optional<Edit> javaStatement(List<String> lines) {
        List<Hit> headers = new ArrayList<>();
        for (int i : bodyLines(lines)) {
            Matcher m = METHOD_HEADER.matcher(lines.get(i));
            if (m.find()) headers.add(new Hit(i, m.end(), m.end(), ""));
        }
        if (headers.isEmpty()) return Optional.empty();
        Hit h = pick(headers);
        String statement = pick(STATEMENTS);
        return Optional.of(new Edit("insert `" + statement + "`" + at(h.line()), replaced(lines, h, " " + statement)));
    }

    /** An annotation removed, or exchanged for another. */
    private Optional<Edit> annotation(List<String> lines) {
        List<Hit> hits = hits(lines, ANNOTATION);
        if (hits.isEmpty()) return Optional.empty();
        Hit h = pick(hits);
        String name = h.text().substring(1).split("[(\\s]")[0];
        if (random.nextBoolean()) {
            return Optional.of(new Edit("remove @" + name + at(h.line()), replaced(lines, h, "")));
        }
        String other = pick(ANNOTATIONS);
        if (other.equals(name)) return Optional.empty();
        String text = "@" + other + h.text().substring(1 + name.length());
        return Optional.of(new Edit("@" + name + " -> @" + other + at(h.line()), replaced(lines, h, text)));
    }

    /** A dtype changed or added, or the Java type of a field changed. */
    private Optional<Edit> dtype(List<String> lines) {
        switch (random.nextInt(3)) {
            case 0:
                return replaceHit(lines, DTYPE, DTYPES.stream().map(d -> "DType." + d).toList(), "dtype");
            case 1: {
                List<Hit> hits = hits(lines, TENSOR_ANNOTATION);
                hits.removeIf(h -> h.text().contains("dtype"));
                if (hits.isEmpty()) return Optional.empty();
                Hit h = pick(hits);
                String dtype = pick(DTYPES);
                String text = h.text().substring(0, h.text().length() - 1) + ", dtype = DType." + dtype + ")";
                return Optional.of(new Edit("add dtype " + dtype + at(h.line()), replaced(lines, h, text)));
            }
            default:
                return replaceHit(lines, FIELD_TYPE, FIELD_TYPES, "field type");
        }
    }

    /** The class declaration made concrete, generic, inner, an interface... */
    private Optional<Edit> classDeclaration(Base base, List<String> lines) {
        int h = header(lines);
        String line = lines.get(h);
        String name = base.className();
        List<String> out = new ArrayList<>(lines);
        switch (random.nextInt(6)) {
            case 0:
                out.set(h, line.replace("abstract class", "class"));
                return Optional.of(new Edit("class not abstract", out));
            case 1:
                out.set(h, line.replace("class " + name, "class " + name + "<T>"));
                return Optional.of(new Edit("class generic", out));
            case 2: {
                out.set(h, "class Outer { " + line.trim());
                int e = end(out);
                out.add(e + 1, "}");
                return Optional.of(new Edit("class made a non-static inner class", out));
            }
            case 3: {
                out.set(h, "class Outer { static " + line.trim());
                int e = end(out);
                out.add(e + 1, "}");
                return Optional.of(new Edit("class made a static nested class", out));
            }
            case 4:
                out.set(h, line.replace("abstract class", "interface"));
                return Optional.of(new Edit("class made an interface", out));
            default:
                out.set(h, line.replace("abstract class", "enum"));
                return Optional.of(new Edit("class made an enum", out));
        }
    }
}
