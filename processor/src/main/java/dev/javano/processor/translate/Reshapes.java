package dev.javano.processor.translate;

import dev.javano.processor.diag.Message;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import dev.javano.symbolic.shape.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code reshape(int...)}: fixed dims, with at most one {@code -1} inferred from the element count. */
final class Reshapes {

    private Reshapes() {}

    static Node reshape(Call c, Node x, int[] dims) {
        int inferred = -1;
        Size known = Size.ONE;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1 && inferred < 0) inferred = i;
            else if (dims[i] <= 0) throw bad(c, "dim " + dims[i] + " at position " + i + " (dims are positive; one may be -1)");
            else known = known.times(Size.of(Dim.of(dims[i])));
        }
        List<Dim> out = new ArrayList<>();
        for (int d : dims) out.add(d == -1 ? null : Dim.of(d));
        if (inferred >= 0) {
            Optional<Dim> rest = x.shape().size().dividedBy(known).flatMap(Size::asDim);
            if (rest.isEmpty()) {
                throw bad(c, "cannot infer the -1 dim: " + x.shape() + " has " + x.shape().size() + " elements, not a"
                        + " multiple of " + known + " that forms one dim");
            }
            out.set(inferred, rest.get());
        }
        return c.table().b().reshape(x, new Shape(out));
    }

    private static Abandon bad(Call c, String reason) {
        return c.table().translator().error(c.site(), Message.BAD_ARGUMENT, "reshape: " + reason);
    }
}
