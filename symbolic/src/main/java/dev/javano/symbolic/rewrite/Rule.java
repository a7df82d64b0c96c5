package dev.javano.symbolic.rewrite;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;

/**
 * One row of a rewrite table: a name, a pattern and the replacement built from the match. A
 * replacement may return null to decline (a guard that needs more than the pattern can say).
 * The replacement must have the matched node's dtype; a narrower shape is broadcast back.
 */
public record Rule(String name, Pattern pattern, Replacement replacement) {

    @FunctionalInterface
    public interface Replacement {
        Node build(Match m, GraphBuilder b);
    }

    public static Rule of(String name, Pattern pattern, Replacement replacement) {
        return new Rule(name, pattern, replacement);
    }
}
