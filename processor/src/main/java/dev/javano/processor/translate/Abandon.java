package dev.javano.processor.translate;

/**
 * Stops translating the current function after a structural error has been reported: the
 * rest of its body cannot be read meaningfully. Shape and dtype errors do not abandon; they
 * poison the expression and translation goes on, so every independent one is reported.
 */
final class Abandon extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abandon() {
        super(null, null, false, false);
    }
}
