package dev.javano.processor.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a function too large for one Java method (the JVM's 64 KB of bytecode) into methods.
 * The kernels are packed in order into parts of at most {@code limit} characters of source; the
 * function's method calls each part and runs the last one itself. A part re-derives the buffer
 * addresses it reads ({@code long t3 = work_f[1].address()}: planned slots are fields), and the
 * scalars computed in one part and read in a later one travel through the function's register
 * array, a field of the model: parts allocate nothing.
 */
final class Segments {

    /** The function's code: sizing, then each part in its own method, then the tail in the function itself. */
    record Body(CodeBlock sizing, List<CodeBlock> parts, CodeBlock tail, int registers) {
        static Body whole(CodeBlock sizing, CodeBlock code) {
            return new Body(sizing, List.of(), code, 0);
        }
    }

    /** A top-level local of the kernels: a buffer address {@code t7} or a scalar {@code s3}. */
    private static final Pattern DECLARED = Pattern.compile("(?m)^(long|float|double|int) ((?:t|s)\\d+) = (.+);$");
    private static final Pattern NAME = Pattern.compile("\\b((?:t|s)\\d+)\\b");

    private Segments() {}

    /**
     * The body, in parts if it exceeds {@code limit} characters; null if one kernel alone does.
     * {@code after} is the code that follows the body in the function's method (its return).
     */
    static Body split(List<CodeBlock> kernels, CodeBlock sizing, int limit, String registerField, String after) {
        int total = kernels.stream().mapToInt(k -> k.toString().length()).sum();
        if (total <= limit) return Body.whole(sizing, CodeBlock.join(kernels, ""));
        List<List<CodeBlock>> groups = pack(kernels, limit * 9 / 10); // room for the locals each part re-derives
        if (groups == null) return null;
        List<String> texts = new ArrayList<>(groups.stream().map(g -> CodeBlock.join(g, "").toString()).toList());
        int last = texts.size() - 1;
        texts.set(last, texts.get(last) + after); // the tail runs in the function's method, before its return
        List<Set<String>> uses = texts.stream().map(Segments::used).toList();
        Map<String, String[]> declarations = new LinkedHashMap<>(); // name -> {type, source}
        Map<String, Integer> registers = new LinkedHashMap<>();
        List<CodeBlock> parts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            CodeBlock.Builder part = CodeBlock.builder();
            Set<String> own = declaredIn(texts.get(i));
            for (String name : uses.get(i)) {
                String[] d = declarations.get(name);
                if (d == null || own.contains(name)) continue;
                if (name.startsWith("t")) part.addStatement("long $L = $L", name, d[1]);
                else part.addStatement("$L $L = ($L) $L[$L]", d[0], name, d[0], registerField, registers.get(name));
            }
            part.add(CodeBlock.join(groups.get(i), ""));
            Matcher m = DECLARED.matcher(texts.get(i));
            while (m.find()) declarations.put(m.group(2), new String[] {m.group(1), m.group(3)});
            for (String name : own) {
                if (name.startsWith("s") && usedAfter(uses, i, name)) {
                    int r = registers.computeIfAbsent(name, k -> registers.size());
                    part.addStatement("$L[$L] = $L", registerField, r, name);
                }
            }
            parts.add(part.build());
        }
        return new Body(sizing, parts.subList(0, parts.size() - 1), parts.get(parts.size() - 1), registers.size());
    }

    /** Consecutive kernels in groups of at most {@code limit} characters; null if a kernel alone exceeds it. */
    private static List<List<CodeBlock>> pack(List<CodeBlock> kernels, int limit) {
        List<List<CodeBlock>> groups = new ArrayList<>();
        List<CodeBlock> current = new ArrayList<>();
        int size = 0;
        for (CodeBlock k : kernels) {
            int length = k.toString().length();
            if (length > limit) return null;
            if (size + length > limit) {
                groups.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(k);
            size += length;
        }
        groups.add(current);
        return groups;
    }

    private static Set<String> declaredIn(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = DECLARED.matcher(text);
        while (m.find()) out.add(m.group(2));
        return out;
    }

    private static Set<String> used(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static boolean usedAfter(List<Set<String>> uses, int i, String name) {
        for (int j = i + 1; j < uses.size(); j++) if (uses.get(j).contains(name)) return true;
        return false;
    }
}
