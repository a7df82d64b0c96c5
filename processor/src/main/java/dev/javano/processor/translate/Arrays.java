package dev.javano.processor.translate;

import com.sun.source.tree.Tree;
import dev.javano.processor.diag.Message;
import dev.javano.symbolic.ir.Node;
import java.util.ArrayList;
import java.util.List;

/** Array literals in model code: {@code new int[] {0, 1}} (axes), {@code new Tensor[] {h, c}}, {@code new double[] {...}}. */
final class Arrays {

    private Arrays() {}

    static Value of(Tree site, List<Value> items, Translator t) {
        if (items.stream().allMatch(v -> v instanceof Value.Num n && n.integral())) {
            return new Value.Ints(items.stream().mapToInt(v -> (int) ((Value.Num) v).value()).toArray());
        }
        if (items.stream().allMatch(v -> v instanceof Value.Num)) {
            double[] row = items.stream().mapToDouble(v -> ((Value.Num) v).value()).toArray();
            return new Value.Doubles(new double[][] {row}, false);
        }
        if (items.stream().allMatch(v -> v instanceof Value.TensorValue)) {
            List<Node> nodes = new ArrayList<>();
            items.forEach(v -> nodes.add(((Value.TensorValue) v).node()));
            return new Value.Tensors(nodes);
        }
        if (items.stream().allMatch(v -> v instanceof Value.Doubles d && !d.matrix())) {
            double[][] rows = items.stream().map(v -> ((Value.Doubles) v).rows()[0]).toArray(double[][]::new);
            return new Value.Doubles(rows, true);
        }
        throw t.error(site, Message.VALUE_KIND, "an array literal", "ints, numbers, tensors or double rows",
                Translator.describeAll(items));
    }
}
