package dev.javano.processor.stage;

import dev.javano.processor.diag.Message;
import dev.javano.symbolic.Problem;
import java.util.Map;

/** Which catalogue entry reports each kind of problem the symbolic core finds. */
final class ProblemMessages {

    private static final Map<Class<? extends Problem>, Message> MESSAGES = Map.ofEntries(
            Map.entry(Problem.MalformedShape.class, Message.MALFORMED_SHAPE),
            Map.entry(Problem.BroadcastClash.class, Message.SHAPE_CLASH),
            Map.entry(Problem.DimClash.class, Message.DIM_CLASH),
            Map.entry(Problem.DTypeClash.class, Message.DTYPE_CLASH),
            Map.entry(Problem.WrongDType.class, Message.WRONG_DTYPE),
            Map.entry(Problem.WrongRank.class, Message.WRONG_RANK),
            Map.entry(Problem.AxisOutOfRange.class, Message.AXIS_OUT_OF_RANGE),
            Map.entry(Problem.ReshapeMismatch.class, Message.RESHAPE_MISMATCH),
            Map.entry(Problem.BadArgument.class, Message.BAD_ARGUMENT),
            Map.entry(Problem.NonScalarCost.class, Message.GRAD_NON_SCALAR),
            Map.entry(Problem.NonFloatGrad.class, Message.GRAD_NON_FLOAT),
            Map.entry(Problem.NotDifferentiable.class, Message.GRAD_NOT_DIFFERENTIABLE));

    private ProblemMessages() {}

    static Message of(Problem p) {
        Message m = MESSAGES.get(p.getClass());
        if (m == null) throw new IllegalStateException("no diagnostic for " + p.getClass().getSimpleName());
        return m;
    }
}
