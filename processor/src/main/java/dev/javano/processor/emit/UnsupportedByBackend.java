package dev.javano.processor.emit;

/** A graph the CPU back end cannot emit yet: reported to the user as such, naming the function and the construct. */
public final class UnsupportedByBackend extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String function;

    public UnsupportedByBackend(String function, String what) {
        super("the CPU back end cannot yet emit " + what + " (in " + function + ")");
        this.function = function;
    }

    /** The function (a @Output, @Loss or @Updates method of the model) that cannot be emitted. */
    public String function() {
        return function;
    }
}
