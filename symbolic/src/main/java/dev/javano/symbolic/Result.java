package dev.javano.symbolic;

import java.util.function.Function;

/** A value or the {@link Problem} that prevented it: how the core reports user errors, never by throwing. */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    record Ok<T>(T value) implements Result<T> {}

    record Err<T>(Problem problem) implements Result<T> {}

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(Problem problem) {
        return new Err<>(problem);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The problem of an {@link Err}, or null. */
    default Problem problem() {
        return this instanceof Err<T> err ? err.problem() : null;
    }

    default <U> Result<U> map(Function<? super T, ? extends U> f) {
        return this instanceof Ok<T> ok ? Result.ok(f.apply(ok.value())) : Result.err(problem());
    }

    default <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
        return this instanceof Ok<T> ok ? f.apply(ok.value()) : Result.err(problem());
    }

    /** The value; for trusted inputs (tests, rules), where a problem is a bug. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) return ok.value();
        throw new IllegalStateException(problem().message());
    }
}
