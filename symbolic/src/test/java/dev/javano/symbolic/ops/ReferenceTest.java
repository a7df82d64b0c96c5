package dev.javano.symbolic.ops;

import static dev.javano.symbolic.TestGraphs.array;
import static dev.javano.symbolic.TestGraphs.assertClose;
import static dev.javano.symbolic.TestGraphs.assertValues;
import static dev.javano.symbolic.TestGraphs.eval;
import static dev.javano.symbolic.TestGraphs.f64;
import static dev.javano.symbolic.TestGraphs.input;
import static dev.javano.symbolic.TestGraphs.matrix;
import static dev.javano.symbolic.TestGraphs.random;
import static dev.javano.symbolic.TestGraphs.shape;
import static dev.javano.symbolic.TestGraphs.values;
import static dev.javano.symbolic.TestGraphs.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import dev.javano.symbolic.TestGraphs.Domain;
import dev.javano.symbolic.build.Composites;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The float64 reference of each op against numbers worked out by hand. */
class ReferenceTest {

    private final GraphBuilder b = new GraphBuilder();

    // ---- elementwise

    static Stream<Arguments> unaryFunctions() {
        return Stream.of(
                Arguments.of(Unary.Fn.NEG, vector(-1, 0, 2.5), vector(1, 0, -2.5)),
                Arguments.of(Unary.Fn.EXP, vector(0, 1, -1), vector(1, 2.718281828459045, 0.36787944117144233)),
                Arguments.of(Unary.Fn.LOG, vector(1, 2, 0.5), vector(0, 0.6931471805599453, -0.6931471805599453)),
                Arguments.of(Unary.Fn.LOG1P, vector(0, 1, 0.5), vector(0, 0.6931471805599453, 0.4054651081081644)),
                Arguments.of(Unary.Fn.TANH, vector(0, 0.5, -0.5), vector(0, 0.46211715726000974, -0.46211715726000974)),
                Arguments.of(Unary.Fn.SIGMOID, vector(0, 2, -1), vector(0.5, 0.8807970779778823, 0.2689414213699951)),
                Arguments.of(Unary.Fn.SOFTPLUS, vector(0, -1, 1000), vector(0.6931471805599453, 0.31326168751822286, 1000)),
                Arguments.of(Unary.Fn.SQRT, vector(0, 4, 2.25), vector(0, 2, 1.5)),
                Arguments.of(Unary.Fn.SQUARE, vector(-3, 0, 1.5), vector(9, 0, 2.25)),
                Arguments.of(Unary.Fn.ABS, vector(-3, 0, 1.5), vector(3, 0, 1.5)),
                Arguments.of(Unary.Fn.SIGN, vector(-3, 0, 1.5), vector(-1, 0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryFunctions")
    void unary(Unary.Fn fn, NdArray x, NdArray expected) {
        assertValues(expected, eval(b.unary(fn, f64(b, "x", "3")), values("x", x)));
    }

    static final NdArray A = matrix(new double[] {1, 2, 3}, new double[] {4, 5, 6});

    static Stream<Arguments> binaryFunctions() {
        return Stream.of(
                Arguments.of(Binary.Fn.ADD, "2, 3", A, "3", vector(10, 20, 30),
                        matrix(new double[] {11, 22, 33}, new double[] {14, 25, 36})),
                Arguments.of(Binary.Fn.SUB, "2, 3", A, "", NdArray.scalar(1),
                        matrix(new double[] {0, 1, 2}, new double[] {3, 4, 5})),
                Arguments.of(Binary.Fn.MUL, "2, 1", array(shape(2, 1), 2, 3), "1, 3", array(shape(1, 3), 1, 10, 100),
                        matrix(new double[] {2, 20, 200}, new double[] {3, 30, 300})),
                Arguments.of(Binary.Fn.DIV, "2, 3", A, "2, 1", array(shape(2, 1), 2, 4),
                        matrix(new double[] {0.5, 1, 1.5}, new double[] {1, 1.25, 1.5})),
                Arguments.of(Binary.Fn.POW, "2, 3", A, "", NdArray.scalar(2),
                        matrix(new double[] {1, 4, 9}, new double[] {16, 25, 36})),
                Arguments.of(Binary.Fn.MAXIMUM, "2, 3", A, "3", vector(3, 3, 3),
                        matrix(new double[] {3, 3, 3}, new double[] {4, 5, 6})),
                Arguments.of(Binary.Fn.MINIMUM, "2, 3", A, "3", vector(3, 3, 3),
                        matrix(new double[] {1, 2, 3}, new double[] {3, 3, 3})));
    }

    @ParameterizedTest(name = "{0} [{1}] [{3}]")
    @MethodSource("binaryFunctions")
    void binaryWithBroadcasting(Binary.Fn fn, String xShape, NdArray x, String yShape, NdArray y, NdArray expected) {
        Node out = b.binary(fn, f64(b, "x", xShape), f64(b, "y", yShape));
        assertValues(expected, eval(out, values("x", x, "y", y)));
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                Arguments.of(Compare.Fn.LT, vector(1, 0, 0)),
                Arguments.of(Compare.Fn.LE, vector(1, 1, 0)),
                Arguments.of(Compare.Fn.GT, vector(0, 0, 1)),
                Arguments.of(Compare.Fn.GE, vector(0, 1, 1)),
                Arguments.of(Compare.Fn.EQ, vector(0, 1, 0)),
                Arguments.of(Compare.Fn.NE, vector(1, 0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparisons")
    void compare(Compare.Fn fn, NdArray expected) {
        Node out = b.compare(fn, f64(b, "x", "3"), b.constant(2, DType.FLOAT64));
        assertEquals(DType.BOOL, out.dtype());
        assertValues(expected, eval(out, values("x", vector(1, 2, 3))));
    }

    @Test
    void selectBroadcastsItsThreeOperands() {
        Node cond = input(b, "cond", DType.BOOL, "2, 3");
        Node out = b.select(cond, f64(b, "x", "3"), b.constant(-1, DType.FLOAT64));
        NdArray mask = matrix(new double[] {1, 0, 1}, new double[] {0, 0, 1});
        assertValues(matrix(new double[] {7, -1, 9}, new double[] {-1, -1, 9}),
                eval(out, values("cond", mask, "x", vector(7, 8, 9))));
    }

    @Test
    void castToIntTruncatesTowardZero() {
        Node out = b.cast(f64(b, "x", "6"), DType.INT32);
        assertValues(vector(-1, 0, 0, 0, 2, 3), eval(out, values("x", vector(-1.7, -0.2, 0, 0.9, 2.5, 3.99))));
    }

    @Test
    void castToBoolIsNonzero() {
        Node out = b.cast(f64(b, "x", "4"), DType.BOOL);
        assertValues(vector(1, 0, 1, 1), eval(out, values("x", vector(-2, 0, 0.1, 5))));
    }

    // ---- reductions

    static final NdArray B = matrix(new double[] {1, 5, 2}, new double[] {7, 0, 3});

    static Stream<Arguments> reductions() {
        return Stream.of(
                Arguments.of(Reduce.Kind.SUM, new int[] {0}, false, vector(8, 5, 5)),
                Arguments.of(Reduce.Kind.SUM, new int[] {1}, true, array(shape(2, 1), 8, 10)),
                Arguments.of(Reduce.Kind.SUM, new int[] {0, 1}, false, NdArray.scalar(18)),
                Arguments.of(Reduce.Kind.SUM, new int[] {-1, 0}, true, array(shape(1, 1), 18)),
                Arguments.of(Reduce.Kind.MAX, new int[] {1}, false, vector(5, 7)),
                Arguments.of(Reduce.Kind.MAX, new int[] {0}, true, array(shape(1, 3), 7, 5, 3)),
                Arguments.of(Reduce.Kind.MIN, new int[] {0, 1}, false, NdArray.scalar(0)),
                Arguments.of(Reduce.Kind.MIN, new int[] {0}, false, vector(1, 0, 2)));
    }

    @ParameterizedTest(name = "{0} {1} keepdims={2}")
    @MethodSource("reductions")
    void reduce(Reduce.Kind kind, int[] axes, boolean keepdims, NdArray expected) {
        assertValues(expected, eval(b.reduce(kind, f64(b, "x", "2, 3"), axes, keepdims), values("x", B)));
    }

    @Test
    void argReductionsTakeTheFirstIndexOnTies() {
        Node x = f64(b, "x", "3, 3");
        NdArray ties = matrix(new double[] {1, 3, 3}, new double[] {2, 2, 0}, new double[] {4, 4, 4});
        Map<String, NdArray> at = values("x", ties);
        assertValues(vector(1, 0, 0), eval(b.argReduce(ArgReduce.Kind.ARGMAX, x, 1, false), at));
        assertValues(vector(0, 2, 0), eval(b.argReduce(ArgReduce.Kind.ARGMIN, x, -1, false), at));
        assertValues(array(shape(1, 3), 2, 2, 2), eval(b.argReduce(ArgReduce.Kind.ARGMAX, x, 0, true), at));
        assertEquals(DType.INT32, b.argReduce(ArgReduce.Kind.ARGMAX, x, 0, false).dtype());
    }

    @Test
    void meanOverANamedDimDividesByItsBoundSize() {
        Node x = f64(b, "x", "batch, 2");
        NdArray rows = matrix(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 9});
        assertValues(vector(3, 5), eval(Composites.mean(b, x, new int[] {0}, false), values("x", rows)));
        assertValues(NdArray.scalar(4), eval(Composites.meanAll(b, x), values("x", rows)));
        assertValues(NdArray.scalar(3), eval(b.dimSize(Dim.of("batch"), DType.FLOAT64), Map.of(), Map.of("batch", 3)));
    }

    // ---- linear algebra and views

    static Stream<Arguments> dots() {
        NdArray m = matrix(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});
        NdArray n = matrix(new double[] {1, 0, 2}, new double[] {0, 1, 3});
        return Stream.of(
                Arguments.of("matrix·matrix", "3, 2", m, "2, 3", n,
                        matrix(new double[] {1, 2, 8}, new double[] {3, 4, 18}, new double[] {5, 6, 28})),
                Arguments.of("matrix·vector", "3, 2", m, "2", vector(1, -1), vector(-1, -1, -1)),
                Arguments.of("vector·matrix", "2", vector(1, -1), "2, 3", n, vector(1, -1, -1)),
                Arguments.of("vector·vector", "3", vector(1, 2, 3), "3", vector(4, 5, 6), NdArray.scalar(32)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dots")
    void dot(String name, String aShape, NdArray a, String bShape, NdArray bValue, NdArray expected) {
        Node out = b.dot(f64(b, "a", aShape), f64(b, "b", bShape));
        assertValues(expected, eval(out, values("a", a, "b", bValue)));
    }

    @Test
    void transposeOfRank3() {
        // x[i][j][k] = 6i + 3j + k; perm (2, 0, 1) gives out[k][i][j] = x[i][j][k]
        Node x = f64(b, "x", "2, 2, 3");
        NdArray value = array(shape(2, 2, 3), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertValues(array(shape(3, 2, 2), 0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11),
                eval(b.transpose(x, 2, 0, 1), values("x", value)));
        assertValues(array(shape(3, 2, 2), 0, 6, 3, 9, 1, 7, 4, 10, 2, 8, 5, 11),
                eval(b.transpose(x), values("x", value)));
    }

    @Test
    void reshapeKeepsRowMajorOrder() {
        Node out = b.reshape(f64(b, "x", "2, 3"), Shape.of(3, 2));
        assertValues(matrix(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6}), eval(out, values("x", A)));
    }

    @Test
    void broadcastToRepeats() {
        Node out = b.broadcastTo(f64(b, "x", "2, 1"), Shape.of(2, 3));
        assertValues(matrix(new double[] {7, 7, 7}, new double[] {8, 8, 8}),
                eval(out, values("x", array(shape(2, 1), 7, 8))));
        assertValues(matrix(new double[] {1, 1}, new double[] {1, 1}),
                eval(Composites.onesLike(b, f64(b, "y", "2, 2")), values("y", NdArray.zeros(2, 2))));
    }

    static Stream<Arguments> slices() {
        return Stream.of(
                Arguments.of(-4, -1, 1, vector(6, 7, 8)),
                Arguments.of(-3, 100, 1, vector(7, 8, 9)),
                Arguments.of(1, 8, 3, vector(1, 4, 7)),
                Arguments.of(0, 10, 4, vector(0, 4, 8)),
                Arguments.of(-1, -11, -1, vector(9, 8, 7, 6, 5, 4, 3, 2, 1, 0)),
                Arguments.of(8, 1, -3, vector(8, 5, 2)));
    }

    @ParameterizedTest(name = "[{0}:{1}:{2}]")
    @MethodSource("slices")
    void sliceWithPythonBounds(int start, int stop, int step, NdArray expected) {
        Node out = b.slice(f64(b, "x", "10"), 0, start, stop, step);
        assertEquals(List.of(), b.problems());
        assertValues(expected, eval(out, values("x", vector(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))));
    }

    @Test
    void sliceAlongTheLastAxisAndFlip() {
        Node x = f64(b, "x", "2, 3");
        assertValues(matrix(new double[] {2, 3}, new double[] {5, 6}), eval(b.slice(x, -1, -2, 3, 1), values("x", A)));
        assertValues(matrix(new double[] {3, 2, 1}, new double[] {6, 5, 4}), eval(Composites.flip(b, x, 1), values("x", A)));
        assertValues(matrix(new double[] {4, 5, 6}, new double[] {1, 2, 3}), eval(Composites.flip(b, x, 0), values("x", A)));
    }

    @Test
    void unslicePutsBackInPlaceWithZerosElsewhere() {
        Node x = f64(b, "x", "2, 2");
        Node out = b.apply(new Unslice(Shape.of(2, 5), 1, 1, 5, 2), x);
        assertValues(matrix(new double[] {0, 1, 0, 2, 0}, new double[] {0, 3, 0, 4, 0}),
                eval(out, values("x", matrix(new double[] {1, 2}, new double[] {3, 4}))));
    }

    @Test
    void concatAndStack() {
        Node x = f64(b, "x", "2, 3");
        Node y = f64(b, "y", "2, 1");
        Map<String, NdArray> at = values("x", A, "y", array(shape(2, 1), 7, 8));
        assertValues(matrix(new double[] {1, 2, 3, 7}, new double[] {4, 5, 6, 8}), eval(b.concat(-1, List.of(x, y)), at));
        assertValues(matrix(new double[] {1, 2, 3}, new double[] {4, 5, 6}, new double[] {1, 2, 3}),
                eval(b.concat(0, List.of(x, b.slice(x, 0, 0, 1, 1))), at));
        assertValues(array(shape(2, 2, 3), 1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6),
                eval(Composites.stack(b, 0, List.of(x, x)), at));
        assertValues(array(shape(2, 3, 2), 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6),
                eval(Composites.stack(b, -1, List.of(x, x)), at));
    }

    @Test
    void indexAndTake() {
        Node x = f64(b, "x", "2, 3");
        Map<String, NdArray> at = values("x", A, "i", array(shape(2, 2), 1, 0, 1, 1));
        assertValues(vector(3, 6), eval(Composites.index(b, x, 1, -1), at));
        assertValues(vector(4, 5, 6), eval(Composites.index(b, x, 0, 1), at));
        Node taken = Composites.take(b, x, input(b, "i", DType.INT32, "2, 2"));
        assertValues(array(shape(2, 2, 3), 4, 5, 6, 1, 2, 3, 4, 5, 6, 4, 5, 6), eval(taken, at));
    }

    // ---- indexing by labels

    @Test
    void pickAndOneHot() {
        Node p = f64(b, "p", "2, 3");
        Node labels = input(b, "labels", DType.INT32, "2");
        Map<String, NdArray> at = values("p", matrix(new double[] {0.1, 0.7, 0.2}, new double[] {0.5, 0.3, 0.2}),
                "labels", vector(1, 0));
        assertValues(vector(0.7, 0.5), eval(b.pick(p, labels), at));
        assertValues(matrix(new double[] {0, 1, 0}, new double[] {1, 0, 0}), eval(b.oneHot(labels, 3, DType.FLOAT32), at));
    }

    static Stream<Arguments> labelsOutOfRange() {
        return Stream.of(Arguments.of("pick", 3), Arguments.of("pick", -1), Arguments.of("oneHot", 3),
                Arguments.of("softmaxCrossentropy", 7));
    }

    @ParameterizedTest(name = "{0} with label {1}")
    @MethodSource("labelsOutOfRange")
    void labelOutOfRangeNamesTheLabelAndItsIndex(String op, int label) {
        Node p = f64(b, "p", "3, 3");
        Node labels = input(b, "labels", DType.INT32, "3");
        Node out = switch (op) {
            case "pick" -> b.pick(p, labels);
            case "oneHot" -> b.oneHot(labels, 3, DType.FLOAT64);
            default -> b.softmaxCrossentropy(p, labels);
        };
        Map<String, NdArray> at = values("p", NdArray.zeros(3, 3), "labels", vector(0, 2, label));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval(out, at));
        assertEquals("label " + label + " at index 2 is outside [0, 3)", e.getMessage());
    }

    // ---- softmax and friends

    /** Logits [0, ln 2, ln 3] give probabilities [1/6, 2/6, 3/6]. */
    static final NdArray THIRDS = matrix(new double[] {0, Math.log(2), Math.log(3)}, new double[] {1, 2, 3});

    @Test
    void softmaxByHand() {
        NdArray out = eval(b.softmax(f64(b, "x", "2, 3"), -1), values("x", THIRDS));
        assertValues(matrix(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0},
                new double[] {0.09003057317038046, 0.24472847105479767, 0.6652409557748219}), out);
    }

    @ParameterizedTest(name = "axis {0}")
    @MethodSource("axes")
    void softmaxSumsToOneAlongItsAxis(int axis) {
        Node x = f64(b, "x", "3, 4, 2");
        Node totals = b.sum(b.softmax(x, axis), new int[] {axis}, false);
        NdArray value = random(new Random(7), shape(3, 4, 2), (r, n) -> {
            double[] v = Domain.UNIFORM.draw(r, n);
            for (int i = 0; i < n; i++) v[i] *= 20;
            return v;
        });
        NdArray sums = eval(totals, values("x", value));
        assertClose(NdArray.filled(1, sums.shape()), sums, 1e-12, 1e-12, "sums of softmax along axis " + axis);
    }

    static Stream<Integer> axes() {
        return Stream.of(0, 1, -1);
    }

    @Test
    void logSoftmaxByHand() {
        NdArray out = eval(b.logSoftmax(f64(b, "x", "2, 3"), 1), values("x", THIRDS));
        assertValues(matrix(new double[] {Math.log(1 / 6.0), Math.log(2 / 6.0), Math.log(3 / 6.0)},
                new double[] {-2.40760596444438, -1.4076059644443801, -0.40760596444438013}), out);
    }

    @Test
    void logSoftmaxIsStableForLargeInputs() {
        Node x = f64(b, "x", "2, 2");
        Map<String, NdArray> at = values("x", matrix(new double[] {1000, 0}, new double[] {-1000, 1000}));
        NdArray out = eval(b.logSoftmax(x, -1), at);
        assertValues(matrix(new double[] {0, -1000}, new double[] {-2000, 0}), out);
        assertValues(matrix(new double[] {1, 0}, new double[] {0, 1}), eval(b.softmax(x, -1), at));
    }

    @Test
    void softmaxCrossentropyIsMinusLogSoftmaxAtTheLabel() {
        Node z = f64(b, "z", "2, 3");
        Node labels = input(b, "labels", DType.INT32, "2");
        Node fused = b.softmaxCrossentropy(z, labels);
        Map<String, NdArray> at = values("z", THIRDS, "labels", vector(2, 0));
        // row 0: −log(3/6) = ln 2; row 1: 2.40760596444438 from logSoftmaxByHand
        assertValues(vector(0.6931471805599453, 2.40760596444438), eval(fused, at));

        Node expanded = b.neg(b.log(b.pick(b.softmax(z, -1), labels)));
        Map<String, NdArray> randomAt = values("z", random(new Random(3), shape(2, 3), Domain.UNIFORM), "labels",
                vector(1, 2));
        assertClose(eval(expanded, randomAt), eval(fused, randomAt), 1e-12, 1e-12, "fused against expanded");
        NdArray large = eval(fused, values("z", matrix(new double[] {1000, 0, 0}, new double[] {0, 0, 0}), "labels",
                vector(1, 0)));
        assertTrue(Double.isFinite(large.get(0)) && large.get(0) == 1000, "−log softmax at a logit 1000 below: " + large);
    }

    @Test
    void crossentropyComposites() {
        Node p = f64(b, "p", "2, 2");
        Map<String, NdArray> at = values("p", matrix(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}),
                "labels", vector(0, 1), "t", matrix(new double[] {0, 1}, new double[] {1, 0}));
        assertValues(vector(0.6931471805599453, -Math.log(0.75)),
                eval(Composites.crossentropy(b, p, input(b, "labels", DType.INT32, "2")), at));
        assertValues(vector(0.6931471805599453, 2 * 0.6931471805599453),
                eval(Composites.crossentropy(b, p, f64(b, "t", "2, 2")), at));
        // −(t log p + (1−t) log(1−p)) = −log 0.5, −log 0.5; −log 0.25 = 2 ln 2, −log 0.25 = 2 ln 2
        assertValues(matrix(new double[] {0.6931471805599453, 0.6931471805599453},
                        new double[] {2 * 0.6931471805599453, 2 * 0.6931471805599453}),
                eval(Composites.binaryCrossentropy(b, p, f64(b, "t", "2, 2")), at));
    }

    @Test
    void reluAndClip() {
        Node x = f64(b, "x", "5");
        Map<String, NdArray> at = values("x", vector(-2, -0.5, 0, 0.5, 2));
        assertValues(vector(0, 0, 0, 0.5, 2), eval(Composites.relu(b, x), at));
        assertValues(vector(-1, -0.5, 0, 0.5, 1), eval(Composites.clip(b, x, -1, 1), at));
    }

    // ---- the evaluator's own checks

    @Test
    void missingValueAndWrongShapeAreReported() {
        Node x = f64(b, "x", "batch, 3");
        Node y = f64(b, "y", "batch");
        Node out = b.add(x, b.reshape(y, Shape.parse("batch, 1")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> eval(out, values("x", NdArray.zeros(2, 3))));
        assertEquals("no value given for y", missing.getMessage());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> eval(out, values("x", NdArray.zeros(2, 3), "y", NdArray.zeros(4))));
        assertTrue(clash.getMessage().contains("dim 0: 4 ≠ 2"), clash.getMessage());
        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
                () -> eval(out, values("x", NdArray.zeros(2, 4), "y", NdArray.zeros(2))));
        assertTrue(fixed.getMessage().startsWith("x has shape [2, 4], expected [batch, 3]"), fixed.getMessage());
    }
}
