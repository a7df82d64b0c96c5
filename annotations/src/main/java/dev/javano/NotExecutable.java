package dev.javano;

/**
 * Builds the one exception that every method of the DSL ({@link Tensor}, {@link Ops},
 * {@link ScanBuilder}) throws when it is actually run instead of being compiled.
 */
final class NotExecutable {

    private static final StackWalker STACK =
            StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private NotExecutable() {
    }

    /**
     * The exception for the DSL method that calls this one, named after it, e.g.
     * {@code Tensor.plus}. Used as {@code throw NotExecutable.here();}.
     */
    static UnsupportedOperationException here() {
        StackWalker.StackFrame caller = STACK.walk(frames -> frames.skip(1).findFirst()).orElseThrow();
        return because(caller.getDeclaringClass().getSimpleName() + "." + caller.getMethodName());
    }

    /** The exception for the named DSL method, e.g. {@code "Ops.tanh"}. */
    static UnsupportedOperationException because(String method) {
        return new UnsupportedOperationException(method
                + " is only meaningful inside a @Model class compiled by the Javano annotation processor,"
                + " which translates it at build time; call the generated XxxModel class instead"
                + " (e.g. MlpModel for @Model class Mlp)");
    }
}
