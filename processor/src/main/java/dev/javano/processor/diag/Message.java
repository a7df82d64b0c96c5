package dev.javano.processor.diag;

import javax.tools.Diagnostic.Kind;

/**
 * The catalogue of everything the processor can say, one stable code per message. Codes never
 * change meaning; retired codes are not reused. Messages speak in the user's terms and are
 * reported at the element and, where there is one, the expression at fault.
 */
public enum Message {
    // JVN1xx: the model class and its declarations
    MODEL_NOT_ABSTRACT(100, "@Model class %s must be abstract: Javano generates %sModel from it"),
    MODEL_GENERIC(101, "@Model class %s must not declare type parameters"),
    MODEL_INNER_CLASS(102, "@Model class %s is an inner class: make it static or top-level"),
    MODEL_NOT_A_CLASS(103, "@Model applies to classes, but %s is %s"),
    FIELD_NOT_TENSOR(104, "@%s field %s must have type Tensor, not %s"),
    HYPER_NOT_NUMERIC(105, "@Hyper field %s has type %s: use double, float, int or long"),
    MALFORMED_SHAPE(106, "%s"),
    CONFLICTING_ANNOTATIONS(107, "%s is annotated with both %s: choose one"),
    STATIC_MODEL_FIELD(108, "@%s field %s must not be static"),
    FUNCTION_SIGNATURE(109, "@%s method %s must return Tensor and take no parameters"),
    UPDATES_SIGNATURE(110, "@Updates method %s must return void and take no parameters"),
    MULTIPLE_LOSSES(111, "a model has at most one @Loss, but %s and %s are both @Loss"),
    UPDATES_WITHOUT_LOSS(112, "@Updates method %s returns the @Loss value, but the model declares no @Loss"),
    NAME_CLASH(113, "%s clashes with the generated method %s() of %sModel: rename it"),
    CONFLICTING_FUNCTION_ANNOTATIONS(114, "method %s is annotated with both %s: choose one"),
    MISSING_BODY(115, "model method %s must have a body: Javano reads it to build the graph"),
    // 116 retired: @Hyper fields have no shape to check
    SCAN_SIGNATURE(117, "@Scan method %s must take one to six Tensor parameters and return Tensor or Tensor[], but it is %s"),
    SCAN_OVERLOADED(118, "@Scan method %s is overloaded: scan(this::%1$s) must name exactly one method, so give the"
            + " others other names"),

    // JVN2xx: shapes and dtypes
    SHAPE_CLASH(200, "%s"),
    DIM_CLASH(201, "%s"),
    DTYPE_CLASH(202, "%s"),
    WRONG_DTYPE(203, "%s"),
    WRONG_RANK(204, "%s"),
    AXIS_OUT_OF_RANGE(205, "%s"),
    RESHAPE_MISMATCH(206, "%s"),
    BAD_ARGUMENT(207, "%s"),
    UNKNOWN_DIM(208, "unknown dim %s in shape \"%s\": named dims are introduced by @Input and @Shared shapes"),
    LOSS_NOT_SCALAR(209, "@Loss %s must be a scalar, but it has shape %s: reduce it with mean or sum"),
    OUTPUT_NOT_TENSOR_VALUE(210, "%s must return a tensor, but returns %s"),

    // JVN3xx: gradients and updates
    GRAD_NON_SCALAR(300, "%s"),
    GRAD_NOT_DIFFERENTIABLE(301, "%s"),
    GRAD_NON_FLOAT(302, "%s"),
    GRAD_WRT_NOT_VARIABLE(303, "grad with respect to %s: only @Shared and @Input fields can be differentiated against"),
    UPDATE_NOT_SHARED(304, "update of %s: only @Shared fields can be updated"),
    UPDATE_TYPE(305, "update of %s: the new value is %s, but %s is %s"),
    UPDATE_TWICE(306, "%s is updated twice in %s: all updates apply at once, so a variable takes one new value"),
    UPDATE_OUTSIDE_UPDATES(307, "%s can only be called in an @Updates method"),
    DISCONNECTED_GRAD(308, Kind.WARNING, "the cost does not depend on %s: its gradient is zero"),

    // JVN4xx: the Java in model methods
    UNSUPPORTED_CONSTRUCT(400, "%s is not supported in a @Model method: %s"),
    UNKNOWN_NAME(401, "cannot resolve %s: a model method may use its locals and parameters, @Input, @Shared and"
            + " @Hyper fields, and static final constants"),
    NOT_COMPILE_TIME(402, "%s must be known at compile time here: %s"),
    RECURSION(403, "model methods call each other recursively: %s"),
    UNKNOWN_OPERATION(404, "%s is not a Javano operation"),
    WRONG_ARGUMENTS(405, "no form of %s takes (%s)"),
    MISSING_RETURN(406, "model method %s must end with a return statement"),
    NOT_A_MODEL_FIELD(407, "field %s is not @Input, @Shared or @Hyper, and not a static final constant"),
    UNUSED_INPUT(408, Kind.WARNING, "@Input %s is not used by any @Output, @Loss or @Updates method"),
    NOT_YET_SUPPORTED(409, "%s is not supported by this version of Javano yet"),
    VALUE_KIND(410, "%s: expected %s, got %s"),
    LOOP_LIMIT(411, "loop at compile time exceeds %d iterations: is its bound right?"),

    // JVN5xx: loops over time (scan)
    SCAN_STEP_NOT_SCAN(500, "%s is not a @Scan method: mark the step of scan(this::%s) with @Scan"),
    SCAN_STEP_REFERENCE(501, "scan takes its step as a method reference to a @Scan method of the model, as in"
            + " scan(this::step), not %s"),
    SCAN_ARITY(502, "the step %s takes %d parameters, but this scan gives it %d (%s)"),
    SCAN_RESULTS(503, "the step %s returns %d value(s), but this scan has %d states (%s): return the new states first,"
            + " as new Tensor[] {...}"),
    SCAN_STATE_DRIFT(504, "the step %s returns %s for state %d, whose initial value is %s: a state keeps its shape"
            + " and dtype from step to step"),
    SCAN_SEQUENCE(505, "%s"),
    SCAN_LENGTH(506, "%s"),
    SCAN_CONFIGURED_TWICE(507, "%s is given twice in this scan: each of sequences, states, nonSequences, steps and"
            + " backwards at most once"),
    SCAN_RESULT_INDEX(508, "%s(%d) is out of range: the step %s returns %d value(s)"),
    SCAN_STEP_UPDATES(509, "%s cannot be called in the @Scan step %s: a step computes values; updates belong in the"
            + " @Updates method"),

    // JVN9xx: the processor itself
    INTERNAL_ERROR(900, "internal error in Javano while %s: %s (please report it)"),
    NOT_JAVAC(901, "Javano needs javac's tree API (com.sun.source), which this compiler (%s) lacks: build the"
            + " @Model classes with Maven or Gradle, which run javac");

    private final int code;
    private final Kind kind;
    private final String format;

    Message(int code, String format) {
        this(code, Kind.ERROR, format);
    }

    Message(int code, Kind kind, String format) {
        this.code = code;
        this.kind = kind;
        this.format = format;
    }

    /** The stable code, {@code JVN100}. */
    public String code() {
        return "JVN" + code;
    }

    public Kind kind() {
        return kind;
    }

    /** The reported text: {@code [JVN100] @Model class Mlp must be abstract: ...}. */
    public String format(Object... args) {
        return "[" + code() + "] " + String.format(java.util.Locale.ROOT, format, args);
    }
}
