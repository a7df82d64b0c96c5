package dev.javano.examples;

import static dev.javano.Ops.*;

import dev.javano.DType;
import dev.javano.Hyper;
import dev.javano.Input;
import dev.javano.Loss;
import dev.javano.Model;
import dev.javano.Output;
import dev.javano.Shared;
import dev.javano.Tensor;
import dev.javano.Updates;

/**
 * Multiclass logistic regression, the first model of the Theano tutorials: a linear map from
 * the 784 pixels of an image to 10 class scores, turned into probabilities by softmax and
 * trained by minimizing the mean negative log-likelihood of the true labels with plain SGD.
 * The weights start at zero, as in the tutorial (the loss is convex, so that is fine here).
 */
@Model
abstract class LogisticRegression {
    static final int PIXELS = 784;
    static final int CLASSES = 10;

    @Input(shape = "batch, PIXELS") Tensor x;
    @Input(shape = "batch", dtype = DType.INT32) Tensor y;

    @Shared(shape = "PIXELS, CLASSES") Tensor w;
    @Shared(shape = "CLASSES") Tensor b;

    @Hyper double learningRate = 0.13;

    @Output Tensor probabilities() { return softmax(x.dot(w).plus(b)); }

    @Output Tensor predictedClass() { return argmax(probabilities(), 1); }

    @Loss Tensor nll() { return mean(crossentropy(probabilities(), y)); }

    @Updates void train() { sgd(nll(), learningRate); }
}
