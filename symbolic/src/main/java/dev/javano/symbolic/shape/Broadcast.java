package dev.javano.symbolic.shape;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Numpy broadcasting over named dims: shapes align on the right; two dims agree when equal,
 * and a fixed 1 stretches to the other. A named dim never silently equals another named dim
 * or a fixed size: {@code batch} against {@code 10} is a clash, not a runtime check.
 */
public final class Broadcast {

    private Broadcast() {}

    public static Result<Shape> shapes(String op, Shape left, Shape right) {
        int rank = Math.max(left.rank(), right.rank());
        List<Dim> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            Dim l = dimFromRight(left, rank - 1 - i);
            Dim r = dimFromRight(right, rank - 1 - i);
            if (l.equals(r) || r.isOne()) {
                out.add(l);
            } else if (l.isOne()) {
                out.add(r);
            } else {
                return Result.err(new Problem.BroadcastClash(op, left, right, l, r));
            }
        }
        return Result.ok(new Shape(out));
    }

    /** Whether {@code from} broadcasts to exactly {@code to}. */
    public static boolean broadcastsTo(Shape from, Shape to) {
        Result<Shape> joined = shapes("broadcast", from, to);
        return joined.isOk() && joined.orElseThrow().equals(to);
    }

    private static Dim dimFromRight(Shape s, int fromRight) {
        int axis = s.rank() - 1 - fromRight;
        return axis >= 0 ? s.get(axis) : Dim.of(1);
    }
}
