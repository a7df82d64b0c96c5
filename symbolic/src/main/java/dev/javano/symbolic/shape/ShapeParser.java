package dev.javano.symbolic.shape;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses shape text such as {@code "batch, 784"}: comma-separated dims, each a positive integer
 * literal or a Java identifier. An identifier is a named dim unless {@code constants} maps it to
 * a size (the model's {@code static final int} fields). The empty string is a scalar.
 */
public final class ShapeParser {

    private ShapeParser() {}

    public static Result<Shape> parse(String text, Function<String, Integer> constants) {
        List<Dim> dims = new ArrayList<>();
        if (text.isBlank()) return Result.ok(Shape.SCALAR);
        int start = 0;
        for (String part : text.split(",", -1)) {
            Result<Dim> dim = parseDim(text, part, start, constants);
            if (!dim.isOk()) return Result.err(dim.problem());
            dims.add(dim.orElseThrow());
            start += part.length() + 1;
        }
        return Result.ok(new Shape(dims));
    }

    private static Result<Dim> parseDim(String text, String part, int start, Function<String, Integer> constants) {
        String token = part.strip();
        int column = start + part.indexOf(token.isEmpty() ? part : token) + 1;
        if (token.isEmpty()) return fail(text, start + 1, "empty dim");
        if (Character.isDigit(token.charAt(0)) || token.charAt(0) == '-') return parseSize(text, token, column);
        if (!isIdentifier(token)) {
            return fail(text, column, "\"" + token + "\" is neither a positive integer nor a dim name");
        }
        Integer constant = constants.apply(token);
        if (constant == null) return Result.ok(Dim.of(token));
        if (constant <= 0) return fail(text, column, "constant " + token + " is " + constant + ", dims must be positive");
        return Result.ok(Dim.of(constant));
    }

    private static Result<Dim> parseSize(String text, String token, int column) {
        try {
            int size = Integer.parseInt(token);
            if (size <= 0) return fail(text, column, "dim " + size + " is not positive");
            return Result.ok(Dim.of(size));
        } catch (NumberFormatException e) {
            return fail(text, column, "\"" + token + "\" is neither a positive integer nor a dim name");
        }
    }

    private static boolean isIdentifier(String token) {
        if (!Character.isJavaIdentifierStart(token.charAt(0))) return false;
        return token.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
    }

    private static Result<Dim> fail(String text, int column, String reason) {
        return Result.err(new Problem.MalformedShape(text, column, reason));
    }
}
