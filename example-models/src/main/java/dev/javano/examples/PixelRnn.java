package dev.javano.examples;

import dev.javano.*;
import static dev.javano.Ops.*;

/**
 * The Elman network of {@link Rnn} reading each image pixel by pixel: 784 steps of one value
 * each, the long sequence that tests a loop's memory (the pixel-by-pixel MNIST task of the
 * recurrent-network literature). Training keeps, per step, what back-propagation through time
 * needs (the state before and after it): {@code 2 · 784 · batch · hidden} floats; nothing else
 * grows with the sequence.
 */
@Model
abstract class PixelRnn {
    @Input(shape = "batch, 784") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "1, hidden", init = Init.GLOROT_UNIFORM) Tensor wx;
    @Shared(shape = "hidden, hidden", init = Init.GLOROT_UNIFORM) Tensor wh;
    @Shared(shape = "hidden") Tensor bh;
    @Shared(shape = "hidden, 10", init = Init.GLOROT_UNIFORM) Tensor wy;
    @Shared(shape = "10") Tensor by;

    @Hyper double learningRate = 0.01;

    @Scan Tensor step(Tensor pixel, Tensor h) {
        return tanh(pixel.dot(wx).plus(h.dot(wh)).plus(bh));
    }

    /** The images as 784 steps of one pixel: {@code [784, batch, 1]}. */
    Tensor pixels() { return x.reshape("batch, 784, 1").transpose(1, 0, 2); }

    Tensor encode() {
        return scan(this::step).sequences(pixels()).states(constant(0, "batch, hidden")).last();
    }

    @Output Tensor probabilities() { return softmax(encode().dot(wy).plus(by)); }
    @Output Tensor predictedClass() { return argmax(probabilities(), 1); }

    @Loss Tensor cost() { return mean(crossentropy(probabilities(), y)); }

    @Updates void train() { sgd(cost(), learningRate); }
}
