package dev.javano;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a step method of a recurrence: the body of a loop over time, run by
 * {@link Ops#scan(Scan.Step1) scan} (Theano's {@code scan}).
 *
 * <p>A step method of a {@link Model @Model} class takes one to six {@link Tensor}
 * parameters, in Theano's order: the current elements of the sequences, then the previous
 * states, then the non-sequences (see {@link ScanBuilder}). It returns the new state as a
 * {@code Tensor}, or several tensors as {@code new Tensor[] {...}}: first the new states, in
 * the order of their initial values, then any per-step outputs that are not fed back. It may
 * read the fields of the model and call its other methods; it must not call
 * {@link Ops#update(Tensor, Tensor) update}. It is passed to {@code scan} as a method
 * reference, {@code scan(this::step)}, and must not be overloaded, so that the reference
 * picks the right overload of {@code scan}.
 *
 * <pre>{@code
 * @Scan Tensor step(Tensor xt, Tensor h) {             // sequence element, previous state
 *     return tanh(xt.dot(wx).plus(h.dot(wh)).plus(b));
 * }
 *
 * @Scan Tensor[] lstm(Tensor xt, Tensor h, Tensor c) { // two states: h and c
 *     ...
 *     return new Tensor[] {hNew, cNew};
 * }
 * }</pre>
 *
 * <p>The nested interfaces are the shapes a step method can have, one per number of
 * parameters and kind of result; they exist so that {@code scan(this::step)} type-checks and
 * are never implemented by hand.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Scan {

    /**
     * A step method with one {@code Tensor} parameter returning the new state.
     */
    @FunctionalInterface
    interface Step1 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @return the new state
         */
        Tensor apply(Tensor t1);
    }

    /**
     * A step method with two {@code Tensor} parameters returning the new state.
     */
    @FunctionalInterface
    interface Step2 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @return the new state
         */
        Tensor apply(Tensor t1, Tensor t2);
    }

    /**
     * A step method with three {@code Tensor} parameters returning the new state.
     */
    @FunctionalInterface
    interface Step3 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @param t3 argument 3, in the order sequences, states, non-sequences
         * @return the new state
         */
        Tensor apply(Tensor t1, Tensor t2, Tensor t3);
    }

    /**
     * A step method with four {@code Tensor} parameters returning the new state.
     */
    @FunctionalInterface
    interface Step4 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @param t3 argument 3, in the order sequences, states, non-sequences
         * @param t4 argument 4, in the order sequences, states, non-sequences
         * @return the new state
         */
        Tensor apply(Tensor t1, Tensor t2, Tensor t3, Tensor t4);
    }

    /**
     * A step method with five {@code Tensor} parameters returning the new state.
     */
    @FunctionalInterface
    interface Step5 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @param t3 argument 3, in the order sequences, states, non-sequences
         * @param t4 argument 4, in the order sequences, states, non-sequences
         * @param t5 argument 5, in the order sequences, states, non-sequences
         * @return the new state
         */
        Tensor apply(Tensor t1, Tensor t2, Tensor t3, Tensor t4, Tensor t5);
    }

    /**
     * A step method with six {@code Tensor} parameters returning the new state.
     */
    @FunctionalInterface
    interface Step6 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @param t3 argument 3, in the order sequences, states, non-sequences
         * @param t4 argument 4, in the order sequences, states, non-sequences
         * @param t5 argument 5, in the order sequences, states, non-sequences
         * @param t6 argument 6, in the order sequences, states, non-sequences
         * @return the new state
         */
        Tensor apply(Tensor t1, Tensor t2, Tensor t3, Tensor t4, Tensor t5, Tensor t6);
    }

    /**
     * A step method with one {@code Tensor} parameter returning several tensors: the new states, then any per-step outputs.
     */
    @FunctionalInterface
    interface MultiStep1 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @return several tensors: the new states, then any per-step outputs
         */
        Tensor[] apply(Tensor t1);
    }

    /**
     * A step method with two {@code Tensor} parameters returning several tensors: the new states, then any per-step outputs.
     */
    @FunctionalInterface
    interface MultiStep2 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @return several tensors: the new states, then any per-step outputs
         */
        Tensor[] apply(Tensor t1, Tensor t2);
    }

    /**
     * A step method with three {@code Tensor} parameters returning several tensors: the new states, then any per-step outputs.
     */
    @FunctionalInterface
    interface MultiStep3 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @param t3 argument 3, in the order sequences, states, non-sequences
         * @return several tensors: the new states, then any per-step outputs
         */
        Tensor[] apply(Tensor t1, Tensor t2, Tensor t3);
    }

    /**
     * A step method with four {@code Tensor} parameters returning several tensors: the new states, then any per-step outputs.
     */
    @FunctionalInterface
    interface MultiStep4 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @param t3 argument 3, in the order sequences, states, non-sequences
         * @param t4 argument 4, in the order sequences, states, non-sequences
         * @return several tensors: the new states, then any per-step outputs
         */
        Tensor[] apply(Tensor t1, Tensor t2, Tensor t3, Tensor t4);
    }

    /**
     * A step method with five {@code Tensor} parameters returning several tensors: the new states, then any per-step outputs.
     */
    @FunctionalInterface
    interface MultiStep5 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @param t3 argument 3, in the order sequences, states, non-sequences
         * @param t4 argument 4, in the order sequences, states, non-sequences
         * @param t5 argument 5, in the order sequences, states, non-sequences
         * @return several tensors: the new states, then any per-step outputs
         */
        Tensor[] apply(Tensor t1, Tensor t2, Tensor t3, Tensor t4, Tensor t5);
    }

    /**
     * A step method with six {@code Tensor} parameters returning several tensors: the new states, then any per-step outputs.
     */
    @FunctionalInterface
    interface MultiStep6 {

        /**
         * Computes one step.
         *
         * @param t1 argument 1, in the order sequences, states, non-sequences
         * @param t2 argument 2, in the order sequences, states, non-sequences
         * @param t3 argument 3, in the order sequences, states, non-sequences
         * @param t4 argument 4, in the order sequences, states, non-sequences
         * @param t5 argument 5, in the order sequences, states, non-sequences
         * @param t6 argument 6, in the order sequences, states, non-sequences
         * @return several tensors: the new states, then any per-step outputs
         */
        Tensor[] apply(Tensor t1, Tensor t2, Tensor t3, Tensor t4, Tensor t5, Tensor t6);
    }
}
