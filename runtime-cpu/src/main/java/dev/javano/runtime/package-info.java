/**
 * What generated CPU code calls. Applications meet the tensor types, {@link
 * dev.javano.runtime.FloatTensor}, {@link dev.javano.runtime.IntTensor} and {@link
 * dev.javano.runtime.DoubleTensor}: row-major arrays in native memory, freed by {@code close()}.
 * The rest is for generated model classes: raw {@link dev.javano.runtime.Memory memory} and
 * {@link dev.javano.runtime.Storage storages}, the {@link dev.javano.runtime.Blas BLAS facade}
 * (OpenBLAS), kernels, argument {@link dev.javano.runtime.Checks checks}, parameter {@link
 * dev.javano.runtime.Initializers initialization} and numpy {@link dev.javano.runtime.Npz .npz}
 * files.
 */
package dev.javano.runtime;
