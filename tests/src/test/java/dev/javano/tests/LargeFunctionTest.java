package dev.javano.tests;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.javano.processor.JavanoProcessor;
import org.junit.jupiter.api.Test;

/**
 * A function too large for one Java method is reported as such at the model, not left to fail
 * as javac's "code too large" inside a generated file; one that fits compiles.
 */
class LargeFunctionTest {

    private static Compilation deep(int layers) {
        String source = "package demo;\n"
                + "import dev.javano.*;\n"
                + "import static dev.javano.Ops.*;\n"
                + "@Model\n"
                + "abstract class Deep {\n"
                + "    static final int LAYERS = " + layers + ";\n"
                + "    @Input(shape = \"batch, 16\") Tensor x;\n"
                + "    @Input(shape = \"batch\", dtype = DType.INT32) Tensor y;\n"
                + "    @Shared(shape = \"16, 16\", init = Init.GLOROT_UNIFORM) Tensor w;\n"
                + "    @Shared(shape = \"16\") Tensor b;\n"
                + "    @Hyper double learningRate = 0.01;\n"
                + "    Tensor net() { Tensor h = x; for (int i = 0; i < LAYERS; i++) h = tanh(h.dot(w).plus(b)); return h; }\n"
                + "    @Loss Tensor cost() { return mean(crossentropy(softmax(net()), y)); }\n"
                + "    @Updates void train() { sgd(cost(), learningRate); }\n"
                + "}\n";
        return Compiler.javac().withProcessors(new JavanoProcessor()).compile(JavaFileObjects.forSourceString("demo.Deep", source));
    }

    @Test
    void aFunctionThatFitsCompiles() {
        assertThat(deep(60)).succeededWithoutWarnings();
    }

    @Test
    void aFunctionTooLargeForOneMethodIsReportedClearly() {
        Compilation c = deep(120);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[JVN409] the CPU back end cannot yet emit a function this large");
        assertThat(c).hadErrorContaining("splitting functions across methods (the JVM's 64 KB limit) is not implemented yet");
        assertThat(c).hadErrorCount(1);
    }
}
