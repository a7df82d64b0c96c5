/**
 * Device memory, cuBLAS and generated CUDA kernels. It arrives with the GPU back end.
 */
package dev.javano.runtime.gpu;
