package dev.javano.examples;

import static dev.javano.Ops.*;

import dev.javano.Hyper;
import dev.javano.Init;
import dev.javano.Input;
import dev.javano.Loss;
import dev.javano.Model;
import dev.javano.Output;
import dev.javano.Shared;
import dev.javano.Tensor;
import dev.javano.Updates;

/**
 * The denoising autoencoder of the Theano tutorials ("Denoising Autoencoders (dA)"), with tied
 * weights, on the 784 pixels of a Fashion-MNIST image.
 *
 * <h2>The idea</h2>
 *
 * An autoencoder learns a code for its input without labels: an <em>encoder</em> maps an image
 * {@code x} to a hidden code {@code y = sigmoid(x·W + b)}, and a <em>decoder</em> maps the code
 * back to a reconstruction {@code z = sigmoid(y·Wᵀ + b')} of the same size as {@code x}. Training
 * makes {@code z} close to {@code x}. The decoder's weights are the transpose of the encoder's
 * ({@code W'= Wᵀ}, <em>tied</em> weights, as in the tutorial), so the model has one weight matrix
 * and two biases.
 *
 * <p>Pixels are in [0, 1], so each reconstructed pixel can be read as the probability that the
 * pixel is "on", and the reconstruction error is the binary cross-entropy summed over the 784
 * pixels, {@code L(x, z) = -Σ x·log z + (1 - x)·log(1 - z)}, averaged over the minibatch. Its
 * minimum is not 0 for grey pixels (it is the entropy of {@code x}), so read it by how much it
 * falls, not by its value. The processor compiles {@code binaryCrossentropy(sigmoid(a), x)} into
 * the stable {@code softplus(a) - x·a}.
 *
 * <h2>Denoising</h2>
 *
 * With as many hidden units as pixels, a plain autoencoder could learn the identity. The
 * denoising autoencoder instead reconstructs the clean {@code x} from a corrupted copy
 * {@code x̃} in which a random fraction of the pixels (the <em>corruption level</em>, 0.3 in the
 * tutorial) is set to 0; to undo that it must learn how pixels depend on each other. Javano's
 * graphs have no random numbers inside them, so the corruption is an input: {@code keep} holds 1
 * for a pixel that stays and 0 for a pixel that is dropped, drawn by the caller for every
 * minibatch (Theano's {@code theano_rng.binomial(n=1, p=1 - corruption_level)}). Passing all
 * ones trains a plain autoencoder.
 *
 * <h2>What is generated</h2>
 *
 * {@code AutoencoderModel} has {@code code(x)} and {@code reconstruction(x)} (both on the clean
 * input), {@code reconstructionLoss(x)} (the error on the clean input, for evaluation),
 * {@code denoisingLoss(x, keep)} and {@code train(x, keep)}, one SGD step on the denoising loss
 * that returns it. The builder's {@code hidden(n)} sets the size of the code (500 in the
 * tutorial). The weights start Glorot-uniform (the tutorial scales that range by 4 for
 * sigmoid units; with SGD at rate 0.1 both train).
 *
 * <pre>{@code
 * try (AutoencoderModel dA = AutoencoderModel.builder().hidden(500).seed(1234).build()) {
 *     float loss = dA.train(xBatch, keepBatch);          // keep: 0/1 with P(1) = 0.7
 *     FloatTensor z = dA.reconstruction(xTest);
 * }
 * }</pre>
 */
@Model
abstract class Autoencoder {
    static final int PIXELS = 784;

    /** A minibatch of images, pixels in [0, 1]. */
    @Input(shape = "batch, PIXELS") Tensor x;

    /** The corruption: 1 keeps a pixel, 0 drops it (all ones for a plain autoencoder). */
    @Input(shape = "batch, PIXELS") Tensor keep;

    @Shared(shape = "PIXELS, hidden", init = Init.GLOROT_UNIFORM) Tensor w;
    @Shared(shape = "hidden") Tensor bHidden;
    @Shared(shape = "PIXELS") Tensor bVisible;

    @Hyper double learningRate = 0.1;

    /** The encoder: a layer, inlined wherever it is called. */
    Tensor encode(Tensor input) { return sigmoid(input.dot(w).plus(bHidden)); }

    /** The decoder, with the encoder's weights transposed (tied weights). */
    Tensor decode(Tensor code) { return sigmoid(code.dot(w.t()).plus(bVisible)); }

    /** Cross-entropy of a reconstruction against the clean images, summed over pixels, averaged over images. */
    Tensor error(Tensor z) { return mean(sum(binaryCrossentropy(z, x), 1)); }

    @Output Tensor code() { return encode(x); }

    @Output Tensor reconstruction() { return decode(encode(x)); }

    /** The error of reconstructing the clean input: what evaluation reports (a scalar output; a model has one loss). */
    @Output Tensor reconstructionLoss() { return error(reconstruction()); }

    /** The error of reconstructing the clean input from its corrupted copy: what training minimizes. */
    @Loss Tensor denoisingLoss() { return error(decode(encode(x.times(keep)))); }

    @Updates void train() { sgd(denoisingLoss(), learningRate); }
}
