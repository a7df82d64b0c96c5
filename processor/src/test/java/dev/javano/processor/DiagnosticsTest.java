package dev.javano.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.javano.processor.TestSources.compile;
import static dev.javano.processor.TestSources.exactlyOne;
import static dev.javano.processor.TestSources.model;
import static dev.javano.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.javano.processor.TestSources.Pos;
import dev.javano.processor.TestSources.Src;
import dev.javano.processor.diag.Message;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One case per entry of the diagnostic catalogue ({@link Message}): each compiles a small model
 * with the processor and asserts the code, the full text, and the file, line and column.
 *
 * <p>Where diagnostics point — javac's own position for the tree the processor reports at,
 * which is also where javac puts its caret:
 * <ul>
 *   <li>a method call: the {@code (} after the method name, so that in a chain
 *       {@code x.dot(w1).plus(b9)} the column tells which call failed ({@code plus(});
 *   <li>a binary operator or an assignment: the operator ({@code <}, {@code =});
 *   <li>a name, a {@code new}, a lambda: its first character;
 *   <li>a statement ({@code while}, {@code try}, {@code switch}, {@code for}): its keyword;
 *   <li>a declaration: a field's or a method's name, a class's {@code class} (or
 *       {@code interface}) keyword — what javac gives for the element;
 *   <li>an annotation value ({@code @Input(shape = "...")}): the value's opening quote; the
 *       message then gives the column inside the string.
 * </ul>
 * Positions are written as the source text around them ({@link Src#at}), with {@code ^} before
 * the character pointed at: {@code at("plus^(b9)")}.
 */
class DiagnosticsTest {

    /** Asserts exactly one error with exactly this text, at {@code at}. */
    private static void assertError(Compilation c, Pos at, String message) {
        exactlyOne(c, Diagnostic.Kind.ERROR, message);
        assertThat(c).hadErrorContaining(message).inFile(at.src().file()).onLine(at.line()).atColumn(at.column());
    }

    /** Asserts that {@code message} at {@code at} is the only error of the compilation. */
    private static void assertOnlyError(Compilation c, Pos at, String message) {
        assertError(c, at, message);
        assertThat(c).hadErrorCount(1);
    }

    /** Asserts a compilation that succeeds with exactly one warning: {@code message} at {@code at}. */
    private static void assertOnlyWarning(Compilation c, Pos at, String message) {
        assertThat(c).succeeded();
        exactlyOne(c, Diagnostic.Kind.WARNING, message);
        assertThat(c).hadWarningContaining(message).inFile(at.src().file()).onLine(at.line()).atColumn(at.column());
        assertThat(c).hadWarningCount(1);
    }

    private static final String DESCRIBES_A_GRAPH = "a model method describes a graph; it may use locals, model"
            + " methods, Ops and Tensor calls, and loops and ifs over compile-time values";
    private static final String ONLY_DSL_CALLS =
            "only Tensor methods, Ops functions and the model's own methods can be called";

    @Test
    void codesAreUniqueAndFormatted() {
        Set<String> codes = new HashSet<>();
        for (Message m : Message.values()) {
            assertTrue(codes.add(m.code()), "code used twice: " + m.code());
            assertTrue(m.code().matches("JVN[1-9]\\d\\d"), m.code());
        }
    }

    // ---- JVN1xx: the model class and its declarations

    @Nested
    class Declarations {

        @Test
        void modelNotAbstract() {
            Src src = source("demo.Concrete",
                    "package demo;",
                    "import dev.javano.*;",
                    "import static dev.javano.Ops.*;",
                    "@Model",
                    "class Concrete {",
                    "    @Input(shape = \"n\") Tensor x;",
                    "    @Output Tensor out() { return tanh(x); }",
                    "}");
            assertOnlyError(compile(src), src.at("class Concrete"),
                    "[JVN100] @Model class Concrete must be abstract: Javano generates ConcreteModel from it");
        }

        @Test
        void modelGeneric() {
            Src src = source("demo.Generic",
                    "package demo;",
                    "import dev.javano.*;",
                    "import static dev.javano.Ops.*;",
                    "@Model",
                    "abstract class Generic<T> {",
                    "    @Input(shape = \"n\") Tensor x;",
                    "    @Output Tensor out() { return tanh(x); }",
                    "}");
            assertOnlyError(compile(src), src.at("class Generic"),
                    "[JVN101] @Model class Generic must not declare type parameters");
        }

        @Test
        void modelInnerClass() {
            Src src = source("demo.Outer",
                    "package demo;",
                    "import dev.javano.*;",
                    "import static dev.javano.Ops.*;",
                    "class Outer {",
                    "    @Model",
                    "    abstract class Inner {",
                    "        @Input(shape = \"n\") Tensor x;",
                    "        @Output Tensor out() { return tanh(x); }",
                    "    }",
                    "}");
            assertOnlyError(compile(src), src.at("class Inner"),
                    "[JVN102] @Model class Inner is an inner class: make it static or top-level");
        }

        @Test
        void staticNestedModelIsFine() {
            Src src = source("demo.Outer",
                    "package demo;",
                    "import dev.javano.*;",
                    "import static dev.javano.Ops.*;",
                    "class Outer {",
                    "    @Model",
                    "    static abstract class Nested {",
                    "        @Input(shape = \"n\") Tensor x;",
                    "        @Output Tensor out() { return tanh(x); }",
                    "    }",
                    "}");
            assertThat(compile(src)).succeededWithoutWarnings();
        }

        @Test
        void modelNotAClass() {
            Src src = source("demo.Layer",
                    "package demo;",
                    "import dev.javano.*;",
                    "@Model",
                    "interface Layer {",
                    "}");
            assertOnlyError(compile(src), src.at("interface Layer"),
                    "[JVN103] @Model applies to classes, but Layer is an interface");
        }

        @Test
        void fieldNotTensor() {
            Src src = model("FieldNotTensor",
                    "@Input(shape = \"n\") double z;");
            assertOnlyError(compile(src), src.at("double ^z;"),
                    "[JVN104] @Input field z must have type Tensor, not double");
        }

        @Test
        void hyperNotNumeric() {
            Src src = model("HyperNotNumeric",
                    "@Hyper String activation = \"tanh\";");
            assertOnlyError(compile(src), src.at("activation"),
                    "[JVN105] @Hyper field activation has type String: use double, float, int or long");
        }

        @Test
        void malformedShapeInAnnotation() {
            Src src = model("MalformedShape",
                    "@Input(shape = \"batch,,784\") Tensor z;");
            assertOnlyError(compile(src), src.at("\"batch,,784\""),
                    "[JVN106] malformed shape \"batch,,784\" at column 7: empty dim");
        }

        @Test
        void malformedShapeInBody() {
            Src src = model("MalformedBodyShape",
                    "@Output Tensor out() { return x.reshape(\"batch, 7x\"); }");
            assertOnlyError(compile(src), src.at("reshape^(\"batch, 7x\")"),
                    "[JVN106] malformed shape \"batch, 7x\" at column 8: \"7x\" is neither a positive integer nor a"
                            + " dim name");
        }

        @Test
        void conflictingFieldAnnotations() {
            Src src = model("ConflictingFields",
                    "@Input(shape = \"n\") @Shared(shape = \"n\") Tensor z;");
            assertOnlyError(compile(src), src.at("Tensor ^z;"),
                    "[JVN107] z is annotated with both @Input and @Shared: choose one");
        }

        @Test
        void staticModelField() {
            Src src = model("StaticField",
                    "@Shared(shape = \"n\") static Tensor z;");
            assertOnlyError(compile(src), src.at("Tensor ^z;"),
                    "[JVN108] @Shared field z must not be static");
        }

        @Test
        void functionWithParameters() {
            Src src = model("FunctionSignature",
                    "@Output Tensor out(Tensor t) { return t; }");
            assertOnlyError(compile(src), src.at("out(Tensor"),
                    "[JVN109] @Output method out must return Tensor and take no parameters");
        }

        @Test
        void updatesReturningAValue() {
            Src src = model("UpdatesReturns",
                    "@Loss Tensor cost() { return sum(x.dot(w1)); }",
                    "@Updates Tensor step() { sgd(cost(), lr); return w1; }");
            assertOnlyError(compile(src), src.at("step"),
                    "[JVN110] @Updates method step must return void and take no parameters");
        }

        @Test
        void updatesTakingParameters() {
            Src src = model("UpdatesParameters",
                    "@Loss Tensor cost() { return sum(x.dot(w1)); }",
                    "@Updates void step(double rate) { sgd(cost(), rate); }");
            assertOnlyError(compile(src), src.at("step"),
                    "[JVN110] @Updates method step must return void and take no parameters");
        }

        @Test
        void twoLosses() {
            Src src = model("TwoLosses",
                    "@Loss Tensor cost() { return sum(x.dot(w1)); }",
                    "@Loss Tensor penalty() { return sum(square(w1)); }");
            assertOnlyError(compile(src), src.at("penalty"),
                    "[JVN111] a model has at most one @Loss, but cost and penalty are both @Loss");
        }

        @Test
        void updatesWithoutLoss() {
            Src src = model("NoLoss",
                    "@Updates void step() { update(w1, w1.times(0.5)); }");
            assertOnlyError(compile(src), src.at("step"),
                    "[JVN112] @Updates method step returns the @Loss value, but the model declares no @Loss");
        }

        @Test
        void nameOfAGeneratedMethod() {
            Src src = model("NameClash",
                    "@Output Tensor save() { return tanh(x); }");
            assertOnlyError(compile(src), src.at("save"),
                    "[JVN113] save clashes with the generated method save() of NameClashModel: rename it");
        }

        @Test
        void conflictingFunctionAnnotations() {
            Src src = model("ConflictingFunctions",
                    "@Output @Loss Tensor cost() { return sum(x); }");
            assertOnlyError(compile(src), src.at("cost"),
                    "[JVN114] method cost is annotated with both @Output and @Loss: choose one");
        }

        @Test
        void functionWithoutBody() {
            Src src = model("AbstractFunction",
                    "@Output abstract Tensor out();");
            assertOnlyError(compile(src), src.at("out()"),
                    "[JVN115] model method out must have a body: Javano reads it to build the graph");
        }

        @Test
        void layerWithoutBodyIsReportedAtTheCall() {
            Src src = model("AbstractLayer",
                    "abstract Tensor layer(Tensor in);",
                    "@Output Tensor out() { return layer(x); }");
            assertOnlyError(compile(src), src.at("layer^(x)"),
                    "[JVN115] model method layer must have a body: Javano reads it to build the graph");
        }
    }

    // ---- JVN2xx: shapes and dtypes

    @Nested
    class ShapesAndDTypes {

        @Test
        void shapeClashInElementwiseOp() {
            Src src = model("ShapeClash",
                    "@Output Tensor out() { return x.dot(w1).plus(b9); }");
            assertOnlyError(compile(src), src.at("plus^(b9)"),
                    "[JVN200] cannot add [batch, 500] and [10]: dims 500 and 10 differ");
        }

        @Test
        void dimClashInDot() {
            Src src = model("DotClash",
                    "@Output Tensor out() { return tanh(x.dot(w1)).dot(b9); }");
            assertOnlyError(compile(src), src.at("dot^(b9)"),
                    "[JVN201] cannot dot [batch, 500] and [10]: inner dims 500 and 10 differ");
        }

        @Test
        void dtypeClashOfIntLabelsAndFloats() {
            Src src = model("DTypeClash",
                    "@Output Tensor out() { return x.dot(w1).plus(y.reshape(\"batch, 1\")); }");
            assertOnlyError(compile(src), src.at("plus^(y.reshape"),
                    "[JVN202] cannot add float32 and int32 tensors: cast one of them first");
        }

        @Test
        void wrongDType() {
            Src src = model("WrongDType",
                    "@Output Tensor out() { return oneHot(x, 10); }");
            assertOnlyError(compile(src), src.at("oneHot^("),
                    "[JVN203] oneHot: labels is float32, expected int32");
        }

        @Test
        void wrongRank() {
            Src src = model("WrongRank",
                    "@Output Tensor out() { return concat(1, x, b1); }");
            assertOnlyError(compile(src), src.at("concat^("),
                    "[JVN204] concat: every tensor has shape [500], expected rank 2 like [batch, 784]");
        }

        @Test
        void axisOutOfRange() {
            Src src = model("AxisOutOfRange",
                    "@Output Tensor out() { return softmax(x, 2); }");
            assertOnlyError(compile(src), src.at("softmax^("),
                    "[JVN205] softmax: axis 2 is out of range for shape [batch, 784] (rank 2)");
        }

        @Test
        void reshapeMismatch() {
            Src src = model("ReshapeMismatch",
                    "@Output Tensor out() { return x.reshape(\"batch, 10\"); }");
            assertOnlyError(compile(src), src.at("reshape^("),
                    "[JVN206] cannot reshape [batch, 784] (784·batch elements) to [batch, 10] (10·batch elements)");
        }

        @Test
        void badArgument() {
            Src src = model("BadArgument",
                    "@Output Tensor out() { return x.reshape(-2, 392); }");
            assertOnlyError(compile(src), src.at("reshape^("),
                    "[JVN207] reshape: dim -2 at position 0 (dims are positive; one may be -1)");
        }

        @Test
        void unknownDimInBodyShape() {
            Src src = model("UnknownDim",
                    "@Output Tensor out() { return tanh(x).reshape(\"batch, foo\"); }");
            assertOnlyError(compile(src), src.at("reshape^("),
                    "[JVN208] unknown dim foo in shape \"batch, foo\": named dims are introduced by @Input and"
                            + " @Shared shapes");
        }

        @Test
        void lossNotScalar() {
            Src src = model("LossNotScalar",
                    "@Loss Tensor cost() { return x.dot(w1).plus(sum(y.asFloat())); }");
            assertOnlyError(compile(src), src.at("cost"),
                    "[JVN209] @Loss cost must be a scalar, but it has shape [batch, 500]: reduce it with mean or sum");
        }

        @Test
        void outputThatIsNotATensor() {
            Src src = model("NotATensor",
                    "@Output Tensor out() { Object o = 3; return (Tensor) o; }");
            assertOnlyError(compile(src), src.at("out()"),
                    "[JVN210] out must return a tensor, but returns the int 3");
        }

        @Test
        void independentShapeErrorsAreAllReported() {
            Src src = model("TwoClashes",
                    "@Output Tensor first() { return x.dot(w1).plus(b9); }",
                    "@Output Tensor second() { return x.dot(b1); }");
            Compilation c = compile(src);
            assertError(c, src.at("plus^(b9)"), "[JVN200] cannot add [batch, 500] and [10]: dims 500 and 10 differ");
            assertError(c, src.at("dot^(b1)"), "[JVN201] cannot dot [batch, 784] and [500]: inner dims 784 and 500 differ");
            assertThat(c).hadErrorCount(2);
        }
    }

    // ---- JVN3xx: gradients and updates

    @Nested
    class GradientsAndUpdates {

        @Test
        void gradOfNonScalar() {
            Src src = model("GradNonScalar",
                    "@Output Tensor out() { return grad(x.dot(w1), w1); }");
            assertOnlyError(compile(src), src.at("grad^("),
                    "[JVN300] grad needs a scalar cost, but the cost has shape [batch, 500]; reduce it first (sum or"
                            + " mean)");
        }

        @Test
        void gradThroughArgmax() {
            Src src = model("GradThroughArgmax",
                    "@Loss Tensor cost() { return mean(argmax(x.dot(w1), 1).eq(y).asFloat()); }",
                    "@Updates void step() { update(w1, w1.minus(grad(cost(), w1))); }");
            assertOnlyError(compile(src), src.at("grad^("),
                    "[JVN301] the cost depends on w1 only through argmax, which is not differentiable");
        }

        @Test
        void gradWithRespectToIntegers() {
            Src src = model("GradOfInt",
                    "@Output Tensor out() { return grad(sum(x.dot(w1)), y); }");
            assertOnlyError(compile(src), src.at("grad^("),
                    "[JVN302] cannot differentiate with respect to y: it is int32, only float32 and float64 are"
                            + " differentiable");
        }

        @Test
        void gradWithRespectToALocalExpression() {
            Src src = model("GradOfLocal",
                    "@Output Tensor out() { Tensor h = x.dot(w1); return grad(sum(h), h); }");
            assertOnlyError(compile(src), src.at("grad^("),
                    "[JVN303] grad with respect to the result of dot: only @Shared and @Input fields can be"
                            + " differentiated against");
        }

        @Test
        void updateOfAnInput() {
            Src src = model("UpdateInput",
                    "@Loss Tensor cost() { return sum(x.dot(w1)); }",
                    "@Updates void step() { update(x, x.times(0.5)); }");
            assertOnlyError(compile(src), src.at("update^(x"),
                    "[JVN304] update of x: only @Shared fields can be updated");
        }

        @Test
        void updateWithADifferentShape() {
            Src src = model("UpdateShape",
                    "@Loss Tensor cost() { return sum(x.dot(w1)); }",
                    "@Updates void step() { update(b1, w1); }");
            assertOnlyError(compile(src), src.at("update^(b1"),
                    "[JVN305] update of b1: the new value is float32[784, 500], but b1 is float32[500]");
        }

        @Test
        void updateWithADifferentDType() {
            Src src = model("UpdateDType",
                    "@Shared(shape = \"10\", dtype = DType.INT32) Tensor counts;",
                    "@Loss Tensor cost() { return sum(x.dot(w1)); }",
                    "@Updates void step() { update(counts, counts.asFloat()); }");
            assertOnlyError(compile(src), src.at("update^(counts"),
                    "[JVN305] update of counts: the new value is float32[10], but counts is int32[10]");
        }

        @Test
        void twoUpdatesOfOneVariable() {
            Src src = model("UpdateTwice",
                    "@Loss Tensor cost() { return sum(x.dot(w1)); }",
                    "@Updates void step() {",
                    "    update(w1, w1.minus(grad(cost(), w1).times(lr)));",
                    "    update(w1, w1.times(0.5));",
                    "}");
            assertOnlyError(compile(src), src.at("update^(w1, w1.times(0.5))"),
                    "[JVN306] w1 is updated twice in step: all updates apply at once, so a variable takes one new"
                            + " value");
        }

        @Test
        void updateOutsideUpdates() {
            Src src = model("UpdateInOutput",
                    "@Output Tensor out() { update(w1, w1.times(2)); return x.dot(w1); }");
            assertOnlyError(compile(src), src.at("update^("),
                    "[JVN307] update can only be called in an @Updates method");
        }

        @Test
        void optimizerOutsideUpdates() {
            Src src = model("OptimizerInLoss",
                    "@Loss Tensor cost() { sgd(sum(x.dot(w1)), lr); return sum(x.dot(w1)); }");
            assertOnlyError(compile(src), src.at("sgd^("),
                    "[JVN307] sgd can only be called in an @Updates method");
        }

        @Test
        void disconnectedGradientIsAWarning() {
            Src src = model("Disconnected",
                    "@Loss Tensor cost() { return sum(x.dot(w1)).plus(sum(y.asFloat())); }",
                    "@Updates void step() { update(b1, b1.minus(grad(cost(), b1))); }");
            assertOnlyWarning(compile(src), src.at("grad^("),
                    "[JVN308] the cost does not depend on b1: its gradient is zero");
        }
    }

    // ---- JVN4xx: the Java in model methods

    @Nested
    class ModelCode {

        @Test
        void whileLoop() {
            Src src = model("WhileLoop",
                    "@Output Tensor out() { Tensor h = x; int i = 0; while (i < 3) { h = tanh(h); i++; } return h; }");
            assertOnlyError(compile(src), src.at("while"),
                    "[JVN400] a while loop is not supported in a @Model method: " + DESCRIBES_A_GRAPH);
        }

        @Test
        void fieldAssignment() {
            Src src = model("FieldAssignment",
                    "@Output Tensor out() { w1 = x.dot(w1); return w1; }");
            assertOnlyError(compile(src), src.at("w1 ^= x"),
                    "[JVN400] assignment to w1 is not supported in a @Model method: only local variables can be"
                            + " assigned");
        }

        @Test
        void newObject() {
            Src src = model("NewObject",
                    "@Output Tensor out() { Object o = new Object(); return x; }");
            assertOnlyError(compile(src), src.at("new Object"),
                    "[JVN400] new Object(...) is not supported in a @Model method: " + DESCRIBES_A_GRAPH);
        }

        @Test
        void callOnAnotherClass() {
            Src src = model("MathCall",
                    "@Output Tensor out() { return x.times(Math.sqrt(2.0)); }");
            assertOnlyError(compile(src), src.at("sqrt^("),
                    "[JVN400] calling Math.sqrt(...) is not supported in a @Model method: " + ONLY_DSL_CALLS);
        }

        @Test
        void callOnAnotherObject() {
            Src src = model("Println",
                    "@Output Tensor out() { System.out.println(lr); return x; }");
            assertOnlyError(compile(src), src.at("println^("),
                    "[JVN400] calling System.out.println(...) is not supported in a @Model method: " + ONLY_DSL_CALLS);
        }

        @Test
        void callOfAStaticImportFromAnotherClass() {
            Src src = source("demo.StaticImport",
                    "package demo;",
                    "import dev.javano.*;",
                    "import static dev.javano.Ops.*;",
                    "import static java.lang.Math.abs;",
                    "@Model",
                    "abstract class StaticImport {",
                    "    @Input(shape = \"n\") Tensor x;",
                    "    @Output Tensor out() { return x.times(abs(-2.0)); }",
                    "}");
            assertOnlyError(compile(src), src.at("abs^(-2.0)"),
                    "[JVN400] calling Math.abs(...) is not supported in a @Model method: " + ONLY_DSL_CALLS);
        }

        @Test
        void lambda() {
            Src src = model("Lambda",
                    "@Output Tensor out() { Runnable r = () -> { }; return x; }");
            assertOnlyError(compile(src), src.at("() ->"),
                    "[JVN400] a lambda is not supported in a @Model method: " + DESCRIBES_A_GRAPH);
        }

        @Test
        void tryStatement() {
            Src src = model("Try",
                    "@Output Tensor out() { try { return tanh(x); } finally { } }");
            assertOnlyError(compile(src), src.at("try"),
                    "[JVN400] a try statement is not supported in a @Model method: " + DESCRIBES_A_GRAPH);
        }

        @Test
        void switchStatement() {
            Src src = model("Switch",
                    "static final int MODE = 1;",
                    "@Output Tensor out() { switch (MODE) { case 1: return tanh(x); default: return x; } }");
            assertOnlyError(compile(src), src.at("switch"),
                    "[JVN400] a switch statement is not supported in a @Model method: " + DESCRIBES_A_GRAPH);
        }

        @Test
        void undeclaredName() {
            Src src = model("Undeclared",
                    "@Output Tensor out() { return x.dot(w2); }");
            Compilation c = compile(src);
            // javac reports its own "cannot find symbol" after processing: the name is undeclared Java too
            assertError(c, src.at("w2"),
                    "[JVN401] cannot resolve w2: a model method may use its locals and parameters, @Input, @Shared and"
                            + " @Hyper fields, and static final constants");
        }

        @Test
        void conditionOnARunTimeValue() {
            Src src = model("RunTimeBound",
                    "@Hyper int steps = 3;",
                    "@Output Tensor out() { Tensor h = x; for (int i = 0; i < steps; i++) h = tanh(h); return h; }");
            assertOnlyError(compile(src), src.at("i ^< steps"),
                    "[JVN402] i < steps must be known at compile time here: it reads the @Hyper field steps, known"
                            + " only at run time; conditions may use constants and loop variables only");
        }

        @Test
        void hyperDefaultNotAConstant() {
            Src src = model("HyperDefault",
                    "@Hyper double decay = Math.random();");
            assertOnlyError(compile(src), src.at("random^()"),
                    "[JVN402] the default of @Hyper decay must be known at compile time here: use a number or a static"
                            + " final constant");
        }

        @Test
        void recursionBetweenModelMethods() {
            Src src = model("Recursion",
                    "Tensor a(Tensor t) { return b(t); }",
                    "Tensor b(Tensor t) { return a(tanh(t)); }",
                    "@Output Tensor out() { return a(x); }");
            assertOnlyError(compile(src), src.at("a^(tanh(t))"),
                    "[JVN403] model methods call each other recursively: a -> b -> a");
        }

        @Test
        void unknownOperation() {
            Src src = source("demo.UnknownOperation",
                    "package demo;",
                    "import dev.javano.*;",
                    "import static dev.javano.Ops.*;",
                    "import static java.lang.Math.*;",
                    "@Model",
                    "abstract class UnknownOperation {",
                    "    @Input(shape = \"n\") Tensor x;",
                    "    @Output Tensor out() { return x.times(hypot(3.0, 4.0)); }",
                    "}");
            assertOnlyError(compile(src), src.at("hypot^("),
                    "[JVN404] hypot is not a Javano operation");
        }

        @Test
        void wrongArguments() {
            // javac takes Math.abs(double) here; the DSL has only abs(Tensor)
            Src src = source("demo.WrongArguments",
                    "package demo;",
                    "import dev.javano.*;",
                    "import static dev.javano.Ops.*;",
                    "import static java.lang.Math.*;",
                    "@Model",
                    "abstract class WrongArguments {",
                    "    @Input(shape = \"n\") Tensor x;",
                    "    @Output Tensor out() { return x.times(abs(-2.0)); }",
                    "}");
            assertOnlyError(compile(src), src.at("abs^("),
                    "[JVN405] no form of Ops.abs takes (the number -2.0)");
        }

        @Test
        void missingReturn() {
            Src src = model("MissingReturn",
                    "@Output Tensor out() { Tensor h = tanh(x); }");
            Compilation c = compile(src);
            // javac adds its own "missing return statement" after processing
            assertError(c, src.at("out()"), "[JVN406] model method out must end with a return statement");
        }

        @Test
        void fieldThatIsNotAModelField() {
            Src src = model("PlainField",
                    "Tensor scratch;",
                    "@Output Tensor out() { return x.dot(w1).plus(scratch); }");
            assertOnlyError(compile(src), src.at("plus(^scratch)"),
                    "[JVN407] field scratch is not @Input, @Shared or @Hyper, and not a static final constant");
        }

        @Test
        void unusedInputIsAWarning() {
            Src src = model("UnusedInput",
                    "@Output Tensor out() { return softmax(x.dot(w1)); }");
            assertOnlyWarning(compile(src), src.at("Tensor ^y;"),
                    "[JVN408] @Input y is not used by any @Output, @Loss or @Updates method");
        }

        @Test
        void aDimNoInputCarriesIsReportedAtTheFunction() {
            Src src = model("Unbound",
                    "@Output Tensor out() { return constant(1, \"batch, 10\").plus(b9); }");
            assertOnlyError(compile(src), src.at("@Output Tensor ^out()"),
                    "[JVN409] the CPU back end cannot yet emit the dim batch, which none of the inputs of out carries"
                            + " (in out) is not supported by this version of Javano yet");
        }

        @Test
        void scanInsideAStepIsNotYetSupported() {
            Src src = model("Nested",
                    "@Scan Tensor inner(Tensor h) { return tanh(h); }",
                    "@Scan Tensor outer(Tensor h) { return scan(this::inner).states(h).steps(2).last(); }",
                    "@Output Tensor out() { return scan(this::outer).states(x).steps(3).last(); }");
            assertOnlyError(compile(src), src.at("return scan^(this::inner)"),
                    "[JVN409] a scan inside the @Scan step outer is not supported by this version of Javano yet");
        }

        @Test
        void valueOfTheWrongKind() {
            Src src = model("ValueKind",
                    "@Output Tensor out() { return shared().get(0); }");
            assertOnlyError(compile(src), src.at("get^(0)"),
                    "[JVN410] calling get: expected a Tensor receiver, got a list of 3 tensors");
        }

        @Test
        void loopLimit() {
            Src src = model("LongLoop",
                    "@Output Tensor out() { Tensor h = x; for (int i = 0; i < 1000000; i++) h = h.plus(1); return h; }");
            assertOnlyError(compile(src), src.at("for"),
                    "[JVN411] loop at compile time exceeds 100000 iterations: is its bound right?");
        }
    }

    // ---- JVN9xx: the processor itself (JVN900: InternalErrorTest)

    /**
     * Under a compiler without javac's tree API (Eclipse's), the processor reports one error per
     * model instead of failing: simulated by an environment that {@code Trees} does not accept.
     */
    @Test
    void notJavac() {
        List<String> printed = new ArrayList<>();
        List<Element> at = new ArrayList<>();
        Messager messager = new Messager() {
            @Override
            public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
                printMessage(kind, msg, null);
            }

            @Override
            public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {
                printed.add(kind + " " + msg);
                at.add(e);
            }

            @Override
            public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {
                printMessage(kind, msg, e);
            }

            @Override
            public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a,
                    AnnotationValue v) {
                printMessage(kind, msg, e);
            }
        };
        ProcessingEnvironment env = new EclipseLikeEnvironment(messager);
        TypeElement annotation = stub(TypeElement.class);
        TypeElement model = stub(TypeElement.class);
        RoundEnvironment round = (RoundEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RoundEnvironment.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getElementsAnnotatedWith") && args[0] == annotation) return Set.of(model);
                    throw new UnsupportedOperationException(method.getName());
                });

        JavanoProcessor processor = new JavanoProcessor();
        processor.init(env);
        processor.process(Set.of(annotation), round);

        assertEquals(List.of("ERROR [JVN901] Javano needs javac's tree API (com.sun.source), which this compiler ("
                + EclipseLikeEnvironment.class.getName() + ") lacks: build the @Model classes with Maven or Gradle, which"
                + " run javac"), printed);
        assertSame(model, at.get(0));
    }

    /** An element that only knows its identity. */
    private static <T> T stub(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(DiagnosticsTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "stub " + type.getSimpleName();
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
    }

    /** A processing environment of another compiler: not javac's, and wrapping none. */
    private static final class EclipseLikeEnvironment implements ProcessingEnvironment {
        private final Messager messager;

        EclipseLikeEnvironment(Messager messager) {
            this.messager = messager;
        }

        @Override
        public Map<String, String> getOptions() {
            return Map.of();
        }

        @Override
        public Messager getMessager() {
            return messager;
        }

        @Override
        public Filer getFiler() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Elements getElementUtils() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Types getTypeUtils() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return SourceVersion.RELEASE_17;
        }

        @Override
        public Locale getLocale() {
            return Locale.ROOT;
        }
    }

    /**
     * Guards the claim of the class comment: each catalogue entry's code appears in an expected
     * message of this class (JVN900's is in {@link InternalErrorTest}).
     */
    // ---- JVN5xx: loops over time

    @Nested
    class Loops {

        @Test
        void stepWithAParameterThatIsNotATensor() {
            Src src = model("IntStep",
                    "@Scan Tensor step(int k, Tensor h) { return tanh(h); }",
                    "@Output Tensor out() { return softmax(x.dot(w1)); }");
            assertOnlyError(compile(src), src.at("@Scan Tensor ^step(int k"),
                    "[JVN117] @Scan method step must take one to six Tensor parameters and return Tensor or Tensor[], but"
                            + " it is Tensor step(int, Tensor)");
        }

        @Test
        void overloadedStep() {
            Src src = model("Overloaded",
                    "@Scan Tensor step(Tensor h) { return tanh(h); }",
                    "Tensor step(Tensor a, Tensor b) { return a.plus(b); }",
                    "@Output Tensor out() { return scan(this::step).states(x).steps(2).last(); }");
            assertError(compile(src), src.at("@Scan Tensor ^step(Tensor h)"),
                    "[JVN118] @Scan method step is overloaded: scan(this::step) must name exactly one method, so give the"
                            + " others other names");
        }

        @Test
        void stepWithoutScanAnnotation() {
            Src src = model("Unmarked",
                    "Tensor step(Tensor h) { return tanh(h); }",
                    "@Output Tensor out() { return scan(this::step).states(x).steps(3).last(); }");
            assertOnlyError(compile(src), src.at("scan(^this::step)"),
                    "[JVN500] step is not a @Scan method: mark the step of scan(this::step) with @Scan");
        }

        @Test
        void stepThatIsNotAMethodReference() {
            Src src = model("Lambda",
                    "@Output Tensor out() { return scan((Tensor h) -> tanh(h)).states(x).steps(3).last(); }");
            assertOnlyError(compile(src), src.at("scan(^(Tensor h)"),
                    "[JVN501] scan takes its step as a method reference to a @Scan method of the model, as in"
                            + " scan(this::step), not (Tensor h)->tanh(h)");
        }

        @Test
        void stepWithTheWrongNumberOfParameters() {
            Src src = model("Arity",
                    "@Scan Tensor step(Tensor xt, Tensor h) { return tanh(h); }",
                    "@Output Tensor out() { return scan(this::step).states(x).steps(3).last(); }");
            assertOnlyError(compile(src), src.at("scan^(this::step)"),
                    "[JVN502] the step step takes 2 parameters, but this scan gives it 1 (0 sequence elements, 1 state,"
                            + " 0 non-sequences)");
        }

        @Test
        void stepReturningFewerValuesThanStates() {
            Src src = model("TooFew",
                    "@Scan Tensor step(Tensor h, Tensor c) { return tanh(h); }",
                    "@Output Tensor out() { return scan(this::step).states(x, x).steps(3).last(); }");
            assertOnlyError(compile(src), src.at("states^(x, x)"),
                    "[JVN503] the step step returns 1 value(s), but this scan has 2 states (float32[batch, 784],"
                            + " float32[batch, 784]): return the new states first, as new Tensor[] {...}");
        }

        @Test
        void stateWhoseShapeDrifts() {
            Src src = model("Drift",
                    "@Scan Tensor step(Tensor h) { return tanh(h.dot(w1)); }",
                    "@Output Tensor out() { return scan(this::step).states(x).steps(3).last(); }");
            assertOnlyError(compile(src), src.at("states^(x)"),
                    "[JVN504] the step step returns float32[batch, 500] for state 1, whose initial value is"
                            + " float32[batch, 784]: a state keeps its shape and dtype from step to step");
        }

        @Test
        void sequenceWithoutATimeAxis() {
            Src src = model("ScalarSequence",
                    "@Scan Tensor step(Tensor s, Tensor h) { return h.plus(s); }",
                    "@Output Tensor out() { return scan(this::step).sequences(sum(x)).states(b1).last(); }");
            assertOnlyError(compile(src), src.at("sequences^(sum(x))"),
                    "[JVN505] sequence 1 of this scan is a scalar: a sequence has a leading time axis, as in"
                            + " [time, batch, features]");
        }

        @Test
        void sequencesOfDifferentLengths() {
            Src src = model("Lengths",
                    "@Scan Tensor step(Tensor a, Tensor b, Tensor h) { return h; }",
                    "@Output Tensor out() { return scan(this::step).sequences(x, w1).states(b1).last(); }");
            assertOnlyError(compile(src), src.at("sequences^(x, w1)"),
                    "[JVN505] the sequences of this scan differ in length: sequence 1 has [batch, 784] and sequence 2"
                            + " has [784, 500] (time axis batch ≠ 784)");
        }

        @Test
        void loopWithoutALength() {
            Src src = model("Endless",
                    "@Scan Tensor step(Tensor h) { return tanh(h); }",
                    "@Output Tensor out() { return scan(this::step).states(x).last(); }");
            assertOnlyError(compile(src), src.at("scan^(this::step)"),
                    "[JVN506] this scan has no sequences and no steps(n): say how many steps it runs");
        }

        @Test
        void configuredTwice() {
            Src src = model("Twice",
                    "@Scan Tensor step(Tensor h) { return tanh(h); }",
                    "@Output Tensor out() { return scan(this::step).states(x).steps(2).states(x).last(); }");
            assertOnlyError(compile(src), src.at("steps(2).states^(x)"),
                    "[JVN507] states(...) is given twice in this scan: each of sequences, states, nonSequences, steps"
                            + " and backwards at most once");
        }

        @Test
        void resultOutOfRange() {
            Src src = model("Index",
                    "@Scan Tensor step(Tensor h) { return tanh(h); }",
                    "@Output Tensor out() { return scan(this::step).states(x).steps(2).output(1); }");
            assertOnlyError(compile(src), src.at("output^(1)"),
                    "[JVN508] output(1) is out of range: the step step returns 1 value(s)");
        }

        @Test
        void updateInAStep() {
            Src src = model("Updating",
                    "@Scan Tensor step(Tensor h) { update(b1, b1); return tanh(h); }",
                    "@Loss Tensor cost() { return mean(b1); }",
                    "@Updates void train() { update(b1, scan(this::step).states(b1).steps(2).last()); }");
            assertOnlyError(compile(src), src.at("update^(b1, b1)"),
                    "[JVN509] update cannot be called in the @Scan step step: a step computes values; updates belong"
                            + " in the @Updates method");
        }
    }

    @Test
    void everyCatalogueEntryHasACase() throws IOException {
        StringBuilder literals = new StringBuilder(classFile(DiagnosticsTest.class));
        for (Class<?> nested : DiagnosticsTest.class.getDeclaredClasses()) literals.append(classFile(nested));
        List<String> missing = Arrays.stream(Message.values())
                .filter(m -> m != Message.INTERNAL_ERROR)
                .map(Message::code)
                .filter(code -> literals.indexOf("[" + code + "] ") < 0)
                .toList();
        assertEquals(List.of(), missing, "catalogue entries without a case");
    }

    /** The class file of {@code c}, whose constant pool holds its string literals. */
    private static String classFile(Class<?> c) throws IOException {
        String name = c.getName().substring(c.getPackageName().length() + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
