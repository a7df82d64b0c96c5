package dev.javano.samples;

import dev.javano.*;
import static dev.javano.Ops.*;

/**
 * A bidirectional LSTM that tags every word of a sentence: an embedding lookup, a forward and
 * a backwards scan with two states each (h and c), sharing one step method through
 * non-sequences.
 */
@Model
abstract class BiLstmTagger {
    static final int VOCABULARY = 10_000;
    static final int EMBEDDING = 64;
    static final int TAGS = 17;

    @Input(shape = "time, batch", dtype = DType.INT32) Tensor words;
    @Input(shape = "time, batch", dtype = DType.INT32) Tensor tags;

    @Shared(shape = "VOCABULARY, EMBEDDING", init = Init.NORMAL) Tensor embeddings;

    // Gates stacked on the first axis: input, forget, output, candidate.
    @Shared(shape = "4, EMBEDDING, hidden", init = Init.GLOROT_UNIFORM) Tensor wxForward;
    @Shared(shape = "4, hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor whForward;
    @Shared(shape = "4, hidden") Tensor bForward;
    @Shared(shape = "4, EMBEDDING, hidden", init = Init.GLOROT_UNIFORM) Tensor wxBackward;
    @Shared(shape = "4, hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor whBackward;
    @Shared(shape = "4, hidden") Tensor bBackward;

    @Shared(shape = "hidden, TAGS", init = Init.GLOROT_UNIFORM) Tensor vForward;
    @Shared(shape = "hidden, TAGS", init = Init.GLOROT_UNIFORM) Tensor vBackward;
    @Shared(shape = "TAGS") Tensor tagBias;

    @Hyper double learningRate = 1e-3;

    /** A reusable layer: one gate's pre-activation. */
    Tensor gate(Tensor xt, Tensor h, Tensor wx, Tensor wh, Tensor b) {
        return xt.dot(wx).plus(h.dot(wh)).plus(b);
    }

    /** One LSTM step: word vector, then the states h and c, then the weights of a direction. */
    @Scan Tensor[] lstm(Tensor xt, Tensor h, Tensor c, Tensor wx, Tensor wh, Tensor b) {
        Tensor i = sigmoid(gate(xt, h, wx.get(0), wh.get(0), b.get(0)));
        Tensor f = sigmoid(gate(xt, h, wx.get(1), wh.get(1), b.get(1)));
        Tensor o = sigmoid(gate(xt, h, wx.get(2), wh.get(2), b.get(2)));
        Tensor g = tanh(gate(xt, h, wx.get(3), wh.get(3), b.get(3)));
        Tensor cNew = f.times(c).plus(i.times(g));
        return new Tensor[] {o.times(tanh(cNew)), cNew};
    }

    Tensor embedded() {
        return embeddings.get(words);                              // [time, batch, EMBEDDING]
    }

    Tensor forward() {
        Tensor zero = constant(0, "batch, hidden");
        return scan(this::lstm).sequences(embedded()).states(zero, zero)
                .nonSequences(wxForward, whForward, bForward)
                .output();                                         // [time, batch, hidden]
    }

    Tensor backward() {
        Tensor zero = constant(0, "batch, hidden");
        Tensor hs = scan(this::lstm).sequences(embedded()).states(zero, zero)
                .nonSequences(wxBackward, whBackward, bBackward)
                .backwards()
                .output();                                         // last word first
        return flip(hs, 0);                                        // aligned with the words
    }

    @Output Tensor tagProbabilities() {
        return softmax(forward().dot(vForward).plus(backward().dot(vBackward)).plus(tagBias));
    }

    @Output Tensor predictedTags() {
        return argmax(tagProbabilities(), -1);                     // [time, batch], INT32
    }

    /** The forward cell state after the whole sentence; only the last step is kept. */
    @Output Tensor sentenceMemory() {
        Tensor zero = constant(0, "batch, hidden");
        ScanBuilder loop = scan(this::lstm).sequences(embedded()).states(zero, zero)
                .nonSequences(wxForward, whForward, bForward);
        return loop.last(1);
    }

    @Loss Tensor cost() {
        return mean(crossentropy(tagProbabilities(), tags));
    }

    @Updates void train() {
        adam(cost(), learningRate);
    }
}
