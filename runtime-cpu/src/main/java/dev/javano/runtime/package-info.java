/**
 * What generated CPU code calls: tensors, off-heap storage, the BLAS facade, kernels and parameter files. It arrives with the CPU back end.
 */
package dev.javano.runtime;
