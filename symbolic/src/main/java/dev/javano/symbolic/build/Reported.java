package dev.javano.symbolic.build;

import dev.javano.symbolic.Problem;

/** A problem and where it arose: {@code origin} is whatever the front end set with {@link GraphBuilder#at}. */
public record Reported(Problem problem, Object origin) {}
