package dev.javano;

/**
 * How a {@link Shared @Shared} variable is initialized when a model is built.
 *
 * <p>Random values come from the model's random generator, whose seed the generated builder
 * sets. The scaled initializations use the fans of the shape:
 * <ul>
 *   <li>scalar: {@code fan_in = fan_out = 1};</li>
 *   <li>vector {@code [n]}: {@code fan_in = fan_out = n};</li>
 *   <li>matrix {@code [in, out]}, as used by {@code x.dot(w)}: {@code fan_in = in},
 *       {@code fan_out = out};</li>
 *   <li>higher rank {@code [k1, ..., kr, in, out]} (a convolution kernel, say): with the
 *       receptive field {@code r = k1 * ... * kr}, {@code fan_in = in * r} and
 *       {@code fan_out = out * r}.</li>
 * </ul>
 * {@code U(a, b)} is the uniform distribution on {@code [a, b)} and {@code N(m, s^2)} the
 * normal distribution with mean {@code m} and standard deviation {@code s} (not truncated).
 */
public enum Init {

    /** All elements 0. */
    ZEROS,

    /** All elements 1. */
    ONES,

    /**
     * Glorot (Xavier) uniform: {@code U(-a, a)} with {@code a = sqrt(6 / (fan_in + fan_out))}.
     * Suits {@code tanh} and {@code sigmoid} layers.
     */
    GLOROT_UNIFORM,

    /**
     * Glorot (Xavier) normal: {@code N(0, s^2)} with {@code s = sqrt(2 / (fan_in + fan_out))}.
     */
    GLOROT_NORMAL,

    /** He uniform: {@code U(-a, a)} with {@code a = sqrt(6 / fan_in)}. Suits {@code relu} layers. */
    HE_UNIFORM,

    /** He normal: {@code N(0, s^2)} with {@code s = sqrt(2 / fan_in)}. Suits {@code relu} layers. */
    HE_NORMAL,

    /** Small normal values: {@code N(0, 0.01^2)}, standard deviation 0.01 whatever the shape. */
    NORMAL,

    /** Small uniform values: {@code U(-0.05, 0.05)} whatever the shape. */
    UNIFORM
}
