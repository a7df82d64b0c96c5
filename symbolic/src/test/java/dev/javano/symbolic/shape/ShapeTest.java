package dev.javano.symbolic.shape;

import static dev.javano.symbolic.TestGraphs.input;
import static dev.javano.symbolic.TestGraphs.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.build.Reported;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.ArgReduce;
import dev.javano.symbolic.ops.Reduce;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Shape text, broadcasting and the other shape rules over named dims, and how their problems are reported. */
class ShapeTest {

    private final GraphBuilder b = new GraphBuilder();

    private static final Function<String, Integer> NO_CONSTANTS = name -> null;

    // ---- parsing

    static Stream<Arguments> validShapes() {
        return Stream.of(
                Arguments.of("batch, 784", Shape.of(Dim.of("batch"), Dim.of(784))),
                Arguments.of("784", Shape.of(784)),
                Arguments.of("  28 ,28", Shape.of(28, 28)),
                Arguments.of("batch,time,_x1", Shape.of(Dim.of("batch"), Dim.of("time"), Dim.of("_x1"))),
                Arguments.of("", Shape.SCALAR),
                Arguments.of(" ", Shape.SCALAR));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("validShapes")
    void parsesValidShapes(String text, Shape expected) {
        assertEquals(Result.ok(expected), ShapeParser.parse(text, NO_CONSTANTS));
    }

    @Test
    void constantsResolveToSizes() {
        Function<String, Integer> constants = name -> Map.of("N", 32, "ZERO", 0).get(name);
        assertEquals(Shape.of(Dim.of(32), Dim.of("hidden"), Dim.of(10)),
                ShapeParser.parse("N, hidden, 10", constants).orElseThrow());
        assertEquals(new Problem.MalformedShape("batch, ZERO", 8, "constant ZERO is 0, dims must be positive"),
                ShapeParser.parse("batch, ZERO", constants).problem());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "batch,,784        | 7  | empty dim",
        "784,              | 5  | empty dim",
        ",batch            | 1  | empty dim",
        "-3                | 1  | dim -3 is not positive",
        "0                 | 1  | dim 0 is not positive",
        "7x                | 1  | \"7x\" is neither a positive integer nor a dim name",
        "batch, 7x         | 8  | \"7x\" is neither a positive integer nor a dim name",
        "batch 784         | 1  | \"batch 784\" is neither a positive integer nor a dim name",
        "batch, 99999999999 | 8 | \"99999999999\" is neither a positive integer nor a dim name",
    })
    void reportsMalformedShapesWithTheirColumn(String text, int column, String reason) {
        Problem p = ShapeParser.parse(text, NO_CONSTANTS).problem();
        assertEquals(new Problem.MalformedShape(text, column, reason), p);
        assertEquals("malformed shape \"" + text + "\" at column " + column + ": " + reason, p.message());
    }

    // ---- broadcasting

    static Stream<Arguments> broadcasts() {
        return Stream.of(
                Arguments.of("batch, 3", "3", "batch, 3"),
                Arguments.of("batch, 1", "5", "batch, 5"),
                Arguments.of("3, 1", "1, 4", "3, 4"),
                Arguments.of("", "batch, 2", "batch, 2"),
                Arguments.of("1, batch", "7, 1", "7, batch"),
                Arguments.of("batch", "batch", "batch"),
                Arguments.of("2, 1, 4", "3, 1", "2, 3, 4"));
    }

    @ParameterizedTest(name = "[{0}] with [{1}]")
    @MethodSource("broadcasts")
    void broadcastsNamedDimsAndOnes(String left, String right, String expected) {
        assertEquals(Shape.parse(expected), Broadcast.shapes("add", Shape.parse(left), Shape.parse(right)).orElseThrow());
        assertEquals(Shape.parse(expected), Broadcast.shapes("add", Shape.parse(right), Shape.parse(left)).orElseThrow());
    }

    @ParameterizedTest(name = "[{0}] with [{1}]")
    @CsvSource(delimiter = '|', value = {
        "batch, 500 | 10    | 500   | 10",
        "batch      | 10    | batch | 10",
        "batch      | n     | batch | n",
        "1, batch   | 2, 3  | batch | 3",
        "4, 3       | 2, 3  | 4     | 2",
    })
    void namedDimsNeverSilentlyMatchOtherDims(String left, String right, String leftDim, String rightDim) {
        Problem p = Broadcast.shapes("add", Shape.parse(left), Shape.parse(right)).problem();
        assertEquals(new Problem.BroadcastClash("add", Shape.parse(left), Shape.parse(right),
                Shape.parse(leftDim).get(0), Shape.parse(rightDim).get(0)), p);
    }

    @Test
    void broadcastClashMessageNamesBothShapesAndTheDims() {
        Node x = input(b, "x", DType.FLOAT32, "batch, 500");
        Node y = input(b, "y", DType.FLOAT32, "10");
        assertTrue(GraphBuilder.isPoison(b.add(x, y)));
        Problem p = onlyProblem(b);
        assertInstanceOf(Problem.BroadcastClash.class, p);
        assertEquals("cannot add [batch, 500] and [10]: dims 500 and 10 differ", p.message());
    }

    @Test
    void broadcastsTo() {
        assertTrue(Broadcast.broadcastsTo(Shape.of(3), Shape.of(2, 3)));
        assertTrue(Broadcast.broadcastsTo(Shape.parse("batch, 1"), Shape.parse("batch, 4")));
        assertFalse(Broadcast.broadcastsTo(Shape.of(2, 3), Shape.of(3)));
        assertFalse(Broadcast.broadcastsTo(Shape.parse("batch"), Shape.of(4)));
    }

    // ---- sizes and reshapes

    @Test
    void sizesAreMonomials() {
        Size size = Shape.parse("batch, 28, 28").size();
        assertEquals(new Size(784, List.of("batch")), size);
        assertEquals("784·batch", size.toString());
        assertEquals(Shape.parse("time, batch, 2").size(), Shape.parse("batch, 2, time").size());
        assertEquals(Optional.of(new Size(28, List.of("batch"))), size.dividedBy(Size.of(Dim.of(28))));
        assertEquals(Optional.of(Dim.of(784)), size.dividedBy(Size.of(Dim.of("batch"))).flatMap(Size::asDim));
        assertEquals(Optional.empty(), size.dividedBy(Size.of(Dim.of("hidden"))));
        assertEquals(Optional.empty(), size.dividedBy(Size.of(Dim.of(5))));
        assertEquals(Optional.empty(), size.asDim());
        assertEquals("1", Size.ONE.toString());
    }

    @ParameterizedTest(name = "[{0}] to [{1}]")
    @CsvSource(delimiter = '|', value = {
        "batch, 784  | batch, 28, 28",
        "batch, 784  | 28, batch, 28",
        "batch, time | time, batch",
        "2, 3, 4     | 24",
    })
    void reshapesKeepingTheSymbolicSize(String from, String to) {
        Node x = input(b, "x", DType.FLOAT32, from);
        assertEquals(Shape.parse(to), b.reshape(x, Shape.parse(to)).shape());
        assertEquals(List.of(), b.problems());
    }

    @Test
    void reshapeToAnotherSizeIsAMismatch() {
        Node x = input(b, "x", DType.FLOAT32, "batch, 784");
        b.reshape(x, Shape.parse("batch, 27, 28"));
        Problem p = onlyProblem(b);
        assertEquals(new Problem.ReshapeMismatch(Shape.parse("batch, 784"), Shape.parse("batch, 27, 28")), p);
        assertEquals("cannot reshape [batch, 784] (784·batch elements) to [batch, 27, 28] (756·batch elements)",
                p.message());
    }

    @Test
    void reshapeCannotTradeANamedDimForASize() {
        b.reshape(input(b, "x", DType.FLOAT32, "batch, 10"), Shape.of(10, 10));
        assertInstanceOf(Problem.ReshapeMismatch.class, onlyProblem(b));
    }

    // ---- dot

    @Test
    void dotInnerDimsMustBeTheSameDim() {
        Node x = input(b, "x", DType.FLOAT32, "batch, 784");
        Node w = input(b, "w", DType.FLOAT32, "500, 10");
        assertTrue(GraphBuilder.isPoison(b.dot(x, w)));
        Problem p = onlyProblem(b);
        assertEquals(new Problem.DimClash("dot", x.shape(), w.shape(), Dim.of(784), Dim.of(500), "inner"), p);
        assertEquals("cannot dot [batch, 784] and [500, 10]: inner dims 784 and 500 differ", p.message());
    }

    static Stream<Arguments> dotShapes() {
        return Stream.of(
                Arguments.of("batch, 784", "784, hidden", "batch, hidden"),
                Arguments.of("batch, 784", "784", "batch"),
                Arguments.of("784", "784, hidden", "hidden"),
                Arguments.of("batch", "batch", ""));
    }

    @ParameterizedTest(name = "[{0}]·[{1}]")
    @MethodSource("dotShapes")
    void dotShapesForRanksOneAndTwo(String a, String w, String expected) {
        Node out = b.dot(input(b, "a", DType.FLOAT32, a), input(b, "w", DType.FLOAT32, w));
        assertEquals(Shape.parse(expected), out.shape());
    }

    @Test
    void dotTakesVectorsAndMatricesOnly() {
        b.dot(input(b, "x", DType.FLOAT32, "2, 3, 4"), input(b, "w", DType.FLOAT32, "4, 5"));
        assertEquals("dot: the left operand has shape [2, 3, 4], expected a vector or a matrix", onlyProblem(b).message());
    }

    @Test
    void crossentropyLabelsMustIndexTheRows() {
        Composites.crossentropy(b, input(b, "p", DType.FLOAT32, "batch, 10"), input(b, "y", DType.INT32, "batch, 2"));
        assertEquals("crossentropy: the label tensor has shape [batch, 2], expected [batch] to go with probabilities"
                + " [batch, 10]", onlyProblem(b).message());
    }

    @Test
    void floatLabelsAreNamedAsSuch() {
        Composites.crossentropy(b, input(b, "p", DType.FLOAT32, "batch, 2"), input(b, "y", DType.FLOAT32, "batch"));
        assertEquals("crossentropy: each label is float32, expected int32 class labels (declare the input with dtype ="
                + " DType.INT32, or cast with asInt()), or targets of the probabilities' shape [batch, 2]",
                onlyProblem(b).message());
    }

    // ---- dtypes

    @Test
    void intLabelsPlusFloatsIsADTypeClash() {
        Node labels = input(b, "labels", DType.INT32, "batch");
        Node x = input(b, "x", DType.FLOAT32, "batch");
        b.add(labels, x);
        Problem p = onlyProblem(b);
        assertEquals(new Problem.DTypeClash("add", DType.INT32, DType.FLOAT32), p);
        assertEquals("cannot add int32 and float32 tensors: cast one of them first", p.message());
    }

    /** A literal, hyper-parameter or dim size takes the other operand's dtype; a tensor never does. */
    static Stream<Arguments> weakScalars() {
        return Stream.of(
                Arguments.of("float32 tensor + float64 literal",
                        (Builds) (b, x) -> b.add(x, b.constant(2.0, DType.FLOAT64)), DType.FLOAT32),
                Arguments.of("float64 literal - float32 tensor",
                        (Builds) (b, x) -> b.sub(b.constant(1.0, DType.FLOAT64), x), DType.FLOAT32),
                Arguments.of("float32 tensor * float64 hyper",
                        (Builds) (b, x) -> b.mul(x, b.hyper("learningRate", DType.FLOAT64)), DType.FLOAT32),
                Arguments.of("float32 tensor / size of batch",
                        (Builds) (b, x) -> b.div(x, b.dimSize(Dim.of("batch"), DType.FLOAT64)), DType.FLOAT32),
                Arguments.of("where between float32 tensor and float64 literal",
                        (Builds) (b, x) -> b.select(b.compare(dev.javano.symbolic.ops.Compare.Fn.GT, x,
                                b.constant(0, DType.FLOAT64)), x, b.constant(0, DType.FLOAT64)), DType.FLOAT32),
                Arguments.of("int32 labels + float64 literal",
                        (Builds) (b, x) -> b.add(input(b, "labels", DType.INT32, "batch"),
                                b.constant(1, DType.FLOAT64)), DType.INT32));
    }

    @FunctionalInterface
    interface Builds {
        Node apply(GraphBuilder b, Node x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weakScalars")
    void weakScalarsTakeTheTensorsDType(String name, Builds build, DType expected) {
        Node out = build.apply(b, input(b, "x", DType.FLOAT32, "batch"));
        assertEquals(List.of(), b.problems());
        assertEquals(expected, out.dtype());
    }

    @Test
    void aScalarInputIsNotWeak() {
        b.add(input(b, "x", DType.FLOAT32, "batch"), input(b, "s", DType.FLOAT64, ""));
        assertEquals(new Problem.DTypeClash("add", DType.FLOAT32, DType.FLOAT64), onlyProblem(b));
    }

    // ---- axes

    static Stream<Arguments> axesOutOfRange() {
        return Stream.of(
                Arguments.of((Builds) (b, x) -> b.sum(x, new int[] {2}, false),
                        "sum: axis 2 is out of range for shape [batch, 4] (rank 2)"),
                Arguments.of((Builds) (b, x) -> b.reduce(Reduce.Kind.MAX, x, new int[] {0, -3}, false),
                        "max: axis -3 is out of range for shape [batch, 4] (rank 2)"),
                Arguments.of((Builds) (b, x) -> b.softmax(x, -3),
                        "softmax: axis -3 is out of range for shape [batch, 4] (rank 2)"),
                Arguments.of((Builds) (b, x) -> b.argReduce(ArgReduce.Kind.ARGMAX, x, 5, false),
                        "argmax: axis 5 is out of range for shape [batch, 4] (rank 2)"),
                Arguments.of((Builds) (b, x) -> b.concat(2, List.of(x, x)),
                        "concat: axis 2 is out of range for shape [batch, 4] (rank 2)"),
                Arguments.of((Builds) (b, x) -> b.slice(x, -3, 0, 1, 1),
                        "slice: axis -3 is out of range for shape [batch, 4] (rank 2)"),
                Arguments.of((Builds) (b, x) -> Composites.stack(b, 3, List.of(x, x)),
                        "stack: axis 3 is out of range for shape [batch, 4] (rank 2)"),
                Arguments.of((Builds) (b, x) -> Composites.index(b, x, 2, 0),
                        "get: axis 2 is out of range for shape [batch, 4] (rank 2)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("axesOutOfRange")
    void axisOutOfRange(Builds build, String message) {
        Node out = build.apply(b, input(b, "x", DType.FLOAT32, "batch, 4"));
        assertTrue(GraphBuilder.isPoison(out));
        Problem p = onlyProblem(b);
        assertInstanceOf(Problem.AxisOutOfRange.class, p);
        assertEquals(message, p.message());
    }

    // ---- how problems are reported

    @Test
    void aChainOfOpsOnAPoisonedNodeReportsOneProblem() {
        Node x = input(b, "x", DType.FLOAT32, "batch, 3");
        Node bad = b.add(x, input(b, "y", DType.FLOAT32, "4"));
        Node chain = b.exp(bad);
        chain = b.mul(chain, x);
        chain = b.softmax(chain, -1);
        chain = b.reshape(chain, Shape.of(7));
        chain = b.dot(chain, input(b, "w", DType.FLOAT32, "3, 2"));
        chain = b.concat(0, List.of(chain, bad));
        chain = Composites.mean(b, chain, new int[] {0}, false);
        chain = b.sumAll(chain);
        assertTrue(GraphBuilder.isPoison(chain));
        assertInstanceOf(Problem.BroadcastClash.class, onlyProblem(b));
    }

    @Test
    void problemsCarryTheOriginSetWithAt() {
        Node x = input(b, "x", DType.FLOAT32, "batch, 784");
        b.at("Mlp.java:12:21");
        Node ok = b.dot(x, input(b, "w1", DType.FLOAT32, "784, hidden"));
        b.add(ok, input(b, "b1", DType.FLOAT32, "10"));
        b.at("Mlp.java:15:9").dot(ok, input(b, "w2", DType.FLOAT32, "500, 10"));
        List<Reported> reported = b.problems();
        assertEquals(2, reported.size(), reported::toString);
        assertEquals("Mlp.java:12:21", reported.get(0).origin());
        assertEquals("cannot add [batch, hidden] and [10]: dims hidden and 10 differ",
                reported.get(0).problem().message());
        assertEquals("Mlp.java:15:9", reported.get(1).origin());
        assertEquals("cannot dot [batch, hidden] and [500, 10]: inner dims hidden and 500 differ",
                reported.get(1).problem().message());
    }
}
