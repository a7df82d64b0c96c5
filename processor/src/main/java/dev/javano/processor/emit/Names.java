package dev.javano.processor.emit;

import dev.javano.DType;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/** Java spellings of dims, sizes, dtypes and optimizer-state names in generated code. */
final class Names {

    private Names() {}

    /** The Java local holding a named dim: its name, unless that would clash. */
    static String dim(String name, Set<String> taken) {
        return SourceVersion.isKeyword(name) || taken.contains(name) ? "dim_" + name : name;
    }

    static String dim(Dim d, Set<String> taken) {
        return d instanceof Dim.Fixed f ? Integer.toString(f.size()) : dim(((Dim.Named) d).name(), taken);
    }

    /** The number of elements of {@code s} as a Java {@code long} expression. */
    static String size(Shape s, Set<String> taken) {
        if (s.isScalar()) return "1L";
        return s.dims().stream().map(d -> dim(d, taken)).collect(Collectors.joining(" * ", "(long) ", ""));
    }

    /** The product of dims {@code [from, to)} as a Java long expression. */
    static String product(Shape s, int from, int to, Set<String> taken) {
        if (from >= to) return "1L";
        return s.dims().subList(from, to).stream().map(d -> dim(d, taken)).collect(Collectors.joining(" * ", "(long) ", ""));
    }

    /** A Java identifier for a shared variable, also for optimizer state such as {@code train.w1.m}. */
    static String field(String variable) {
        String id = variable.replaceAll("[^A-Za-z0-9_]", "_");
        return SourceVersion.isKeyword(id) ? id + "_" : id;
    }

    static String tensorClass(DType d) {
        switch (d) {
            case FLOAT64: return "DoubleTensor";
            case FLOAT32: return "FloatTensor";
            default: return "IntTensor";
        }
    }

    private static final Pattern ADDRESS = Pattern.compile("(?:this\\.)?(\\w+)\\.address\\(\\)");

    /**
     * The field a nested class of the model (a kernel or loop split over threads) gets for a value
     * of its function, given as the Java expression the function has for it: the expression itself
     * when it is a name ({@code t2}, {@code s16}), the variable's name for {@code this.w1.address()}
     * or {@code x.address()}, else {@code p} and a number; never one of {@code used} or {@code reserved}.
     */
    static String fieldFor(String expression, java.util.Collection<String> used, Set<String> reserved) {
        Matcher address = ADDRESS.matcher(expression);
        String readable = address.matches() ? address.group(1) : expression;
        boolean plain = readable.matches("[A-Za-z_$][A-Za-z0-9_$]*") && !used.contains(readable) && !reserved.contains(readable);
        if (plain) return readable;
        int k = used.size();
        while (used.contains("p" + k)) k++;
        return "p" + k;
    }

    /** {@code name} with its first letter in upper case: a field's or method's name as a class name. */
    static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static String javaType(DType d) {
        switch (d) {
            case FLOAT64: return "double";
            case FLOAT32: return "float";
            default: return "int";
        }
    }

    static String dtypeConstant(DType d) {
        return "DType." + d.name();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
