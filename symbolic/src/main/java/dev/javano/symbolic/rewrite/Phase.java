package dev.javano.symbolic.rewrite;

import java.util.List;

/**
 * A named rewrite phase and its rule table. The phases run in order: canonicalize (fold and
 * simplify), stabilize (numerically safe forms), then the back end's specialize (gemm and
 * friends) and fuse (elementwise loops) tables.
 */
public record Phase(String name, List<Rule> rules) {

    public Phase {
        rules = List.copyOf(rules);
    }

    public static final String CANONICALIZE = "canonicalize";
    public static final String STABILIZE = "stabilize";
    public static final String SPECIALIZE = "specialize";
    public static final String FUSE = "fuse";
}
