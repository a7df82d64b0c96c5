package dev.javano.symbolic.ops;

import dev.javano.symbolic.eval.Index;
import dev.javano.symbolic.eval.NdArray;
import java.util.List;

/** The broadcasting loop shared by the reference of every elementwise op with several operands. */
final class Elementwise {

    interface Kernel {
        double apply(double[] operands);
    }

    private Elementwise() {}

    static NdArray eval(List<NdArray> in, int[] outShape, Kernel kernel) {
        double[] out = new double[NdArray.sizeOf(outShape)];
        double[] operands = new double[in.size()];
        for (int i = 0; i < out.length; i++) {
            int[] idx = Index.unravel(i, outShape);
            for (int k = 0; k < operands.length; k++) {
                operands[k] = in.get(k).get(Index.broadcastSource(idx, in.get(k).shape()));
            }
            out[i] = kernel.apply(operands);
        }
        return new NdArray(outShape, out);
    }
}
