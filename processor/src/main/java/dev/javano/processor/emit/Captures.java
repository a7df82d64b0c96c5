package dev.javano.processor.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values a nested class of the model (a kernel or a loop split over threads) reads from its
 * function, as fields set before each run: each Java expression of the function gets a field,
 * named after it where it is a name ({@code t2}, {@code s16}, {@code w1} for
 * {@code this.w1.address()}), and set once however often it is read. A field may carry an offset
 * the run adds first (a buffer's band of rows).
 */
final class Captures {

    private final Set<String> reserved;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> offsets = new LinkedHashMap<>();

    /** @param reserved names the nested class's own code uses */
    Captures(Set<String> reserved) {
        this.reserved = reserved;
    }

    /** The field holding {@code expression}, of Java type {@code type}; a constant stays itself. */
    String of(String expression, String type) {
        return of(expression, type, null);
    }

    /** As {@link #of(String, String)}; {@code offset}, if not null, is added to the field when the run starts. */
    String of(String expression, String type, String offset) {
        if (expression.matches("(\\(long\\) )?[0-9L *]+")) return expression;
        String known = names.get(expression);
        if (known != null) return known;
        String name = Names.fieldFor(expression, names.values(), reserved);
        names.put(expression, name);
        types.put(name, type);
        if (offset != null) offsets.put(name, offset);
        return name;
    }

    /** A field of its own name {@code name} for {@code expression} (read under that name by code written before). */
    void as(String name, String expression, String type) {
        names.put(expression, name);
        types.put(name, type);
    }

    /** Field name to Java type. */
    Map<String, String> fields() {
        return types;
    }

    /** Field name to the offset its run adds, for the fields that have one. */
    Map<String, String> offsets() {
        return offsets;
    }

    /** The statements setting the fields of {@code instance}, converting where the expression's type may differ. */
    CodeBlock assign(String instance) {
        CodeBlock.Builder code = CodeBlock.builder();
        names.forEach((expression, name) -> {
            String type = types.get(name);
            boolean exact = expression.equals(name) || type.equals("long") || type.equals("int");
            code.addStatement("$L.$L = $L", instance, name, exact ? expression : "(" + type + ") " + expression);
        });
        return code.build();
    }
}
