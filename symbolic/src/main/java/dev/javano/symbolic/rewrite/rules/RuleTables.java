package dev.javano.symbolic.rewrite.rules;

import dev.javano.symbolic.rewrite.Phase;
import java.util.List;

/** The phases every back end starts from; a back end appends its specialize and fuse tables. */
public final class RuleTables {

    private RuleTables() {}

    public static final List<Phase> FRONT_END = List.of(Canonicalize.PHASE, Stabilize.PHASE);
}
