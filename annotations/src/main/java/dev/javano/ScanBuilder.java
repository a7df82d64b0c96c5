package dev.javano;

/**
 * A loop over time (Theano's {@code scan}), started by {@code scan(this::step)}, configured by
 * chained calls and finished by {@link #output()} or {@link #last()}.
 *
 * <h2>What the step receives</h2>
 * The {@link Scan @Scan} step method is called once per time step with its arguments in
 * Theano's order:
 * <ol>
 *   <li>the current element of each of the {@link #sequences(Tensor...) sequences}: a
 *       sequence of shape {@code [time, batch, 40]} gives {@code [batch, 40]} at each step;</li>
 *   <li>the previous value of each {@link #states(Tensor...) state}: at the first step the
 *       initial value, then what the step returned;</li>
 *   <li>each of the {@link #nonSequences(Tensor...) non-sequences}, the same at every step.</li>
 * </ol>
 * Fields of the model that the step reads (weights, inputs, hyper-parameters) are captured
 * automatically; explicit non-sequences let one step method serve several loops, for
 * instance with different weights. The step returns the new states (same shapes and dtypes
 * as the initial values, in the same order), optionally followed by per-step outputs that
 * are not fed back (Theano's {@code outputs_info=None}).
 *
 * <h2>How long it runs</h2>
 * With sequences, once per element of their leading (time) axis, which all sequences must
 * share. Without sequences, {@link #steps(int)} times. {@link #backwards()} visits the
 * sequences from the last element to the first.
 *
 * <h2>What comes out</h2>
 * {@link #output(int) output(k)} stacks the k-th result of every step, time-major: a state of
 * shape {@code [batch, hidden]} gives {@code [time, batch, hidden]}, in the order the steps
 * ran. {@link #last(int) last(k)} is the k-th result of the final step only, which spares
 * keeping every step when no gradient needs them. Both are differentiable: the gradient flows
 * back through time to the sequences, the initial states, the non-sequences and the captured
 * parameters. A builder may be kept in a local variable to take several results of one loop,
 * computed once. Each configuration method is called at most once, in any order.
 *
 * <h2>Examples</h2>
 * An Elman network classifying a sequence by its last hidden state:
 * <pre>{@code
 * @Input(shape = "time, batch, 40") Tensor x;
 * @Shared(shape = "40, hidden", init = Init.GLOROT_UNIFORM) Tensor wx;
 * @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor wh;
 * @Shared(shape = "hidden") Tensor b;
 * @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor v;
 *
 * @Scan Tensor step(Tensor xt, Tensor h) {              // sequence element, previous state
 *     return tanh(xt.dot(wx).plus(h.dot(wh)).plus(b));  // wx, wh and b are captured
 * }
 *
 * @Output Tensor probabilities() {
 *     Tensor h0 = constant(0, "batch, hidden");
 *     return softmax(scan(this::step).sequences(x).states(h0).last().dot(v));
 * }
 * }</pre>
 *
 * An LSTM has two states, {@code h} and {@code c}; the step returns both:
 * <pre>{@code
 * @Shared(shape = "4, 40, hidden", init = Init.GLOROT_UNIFORM) Tensor wx; // i, f, o, g gates
 * @Shared(shape = "4, hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor wh;
 * @Shared(shape = "4, hidden") Tensor b;
 *
 * Tensor gate(Tensor xt, Tensor h, Tensor wxk, Tensor whk, Tensor bk) {
 *     return xt.dot(wxk).plus(h.dot(whk)).plus(bk);
 * }
 *
 * @Scan Tensor[] lstm(Tensor xt, Tensor h, Tensor c) {
 *     Tensor i = sigmoid(gate(xt, h, wx.get(0), wh.get(0), b.get(0)));
 *     Tensor f = sigmoid(gate(xt, h, wx.get(1), wh.get(1), b.get(1)));
 *     Tensor o = sigmoid(gate(xt, h, wx.get(2), wh.get(2), b.get(2)));
 *     Tensor g = tanh(gate(xt, h, wx.get(3), wh.get(3), b.get(3)));
 *     Tensor cNew = f.times(c).plus(i.times(g));
 *     return new Tensor[] {o.times(tanh(cNew)), cNew};
 * }
 *
 * Tensor encode() {
 *     Tensor zero = constant(0, "batch, hidden");
 *     ScanBuilder loop = scan(this::lstm).sequences(x).states(zero, zero);
 *     Tensor hs = loop.output();     // [time, batch, hidden]: h after every step
 *     Tensor cLast = loop.last(1);   // [batch, hidden]: c after the last step
 *     ...
 * }
 * }</pre>
 *
 * A backwards pass over the same input, aligned with it again by {@link Ops#flip(Tensor, int)
 * flip}, as in a bidirectional network:
 * <pre>{@code
 * Tensor hsBack = flip(scan(this::step).sequences(x).states(h0).backwards().output(), 0);
 * }</pre>
 *
 * A loop without sequences, run a fixed number of times (Theano's {@code n_steps}): the
 * powers {@code a, a^2, ..., a^K} of every element of {@code a}, as a cumulative product.
 * <pre>{@code
 * @Scan Tensor multiply(Tensor prior, Tensor factor) {   // previous state, non-sequence
 *     return prior.times(factor);
 * }
 *
 * Tensor powers() {                                      // [K, ...shape of a]
 *     return scan(this::multiply).states(onesLike(a)).nonSequences(a).steps(K).output();
 * }
 * }</pre>
 *
 * A step may also return per-step outputs after its states: with
 * {@code return new Tensor[] {hNew, softmax(hNew.dot(v))};} and one state,
 * {@code output(1)} is the prediction at every step, {@code [time, batch, 10]}.
 */
public final class ScanBuilder {

    /** Only {@link Ops} starts loops. */
    ScanBuilder() {
    }

    /**
     * The sequences to iterate over, along their leading (time) axis, which they all share.
     * At each step the step method receives the current element of each, in this order, as
     * its first arguments. A batch-major input {@code [batch, time, features]} is made
     * time-major with {@code transpose(1, 0, 2)}.
     *
     * @param sequences one or more tensors of shape {@code [time, ...]}
     * @return this loop
     */
    public ScanBuilder sequences(Tensor... sequences) {
        throw NotExecutable.here();
    }

    /**
     * The recurrent states, given by their initial values. At each step the step method
     * receives the previous value of each, in this order, after the sequence elements, and
     * returns their new values first. {@code constant(0, "batch, hidden")} is a common
     * initial value.
     *
     * @param initial the value of each state before the first step
     * @return this loop
     */
    public ScanBuilder states(Tensor... initial) {
        throw NotExecutable.here();
    }

    /**
     * Extra arguments passed unchanged to every step, after the previous states. Fields of
     * the model that the step reads are captured without being listed here.
     *
     * @param nonSequences the tensors passed to every step
     * @return this loop
     */
    public ScanBuilder nonSequences(Tensor... nonSequences) {
        throw NotExecutable.here();
    }

    /**
     * Runs the loop a fixed number of times, for loops without sequences (Theano's
     * {@code n_steps}); with sequences the number of steps is their length and this method
     * is not allowed.
     *
     * @param n the number of steps, at least 1: a literal or a {@code static final int}
     * @return this loop
     */
    public ScanBuilder steps(int n) {
        throw NotExecutable.here();
    }

    /**
     * Visits the sequences from their last element to their first (Theano's
     * {@code go_backwards}). The stacked {@link #output() output} is in the order the steps
     * ran, so its entry 0 belongs to the last sequence element;
     * {@link Ops#flip(Tensor, int) flip(output, 0)} aligns it with the input.
     *
     * @return this loop
     */
    public ScanBuilder backwards() {
        throw NotExecutable.here();
    }

    /**
     * The first (or only) state after every step, stacked along a new leading time axis: the
     * same as {@code output(0)}.
     *
     * @return a tensor of shape {@code [steps, ...shape of the state]}
     */
    public Tensor output() {
        throw NotExecutable.here();
    }

    /**
     * The k-th result of the step (a state, or a per-step output after the states) at every
     * step, stacked along a new leading time axis, in the order the steps ran.
     *
     * @param k the position of the result in what the step returns, from 0
     * @return a tensor of shape {@code [steps, ...shape of that result]}
     */
    public Tensor output(int k) {
        throw NotExecutable.here();
    }

    /**
     * The first (or only) state after the final step: the same as {@code last(0)}.
     *
     * @return a tensor with the shape of the state
     */
    public Tensor last() {
        throw NotExecutable.here();
    }

    /**
     * The k-th result of the final step only. When nothing else needs the intermediate
     * steps, the compiled loop keeps just the current value.
     *
     * @param k the position of the result in what the step returns, from 0
     * @return a tensor with the shape of that result
     */
    public Tensor last(int k) {
        throw NotExecutable.here();
    }
}
