package dev.javano.tests;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.javano.DType;
import dev.javano.processor.JavanoProcessor;
import dev.javano.processor.stage.CompiledModel;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.runtime.DoubleTensor;
import dev.javano.runtime.FloatTensor;
import dev.javano.runtime.IntTensor;
import dev.javano.symbolic.eval.NdArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * A model class compiled by this build's processor, its generated {@code XxxModel} loaded and
 * callable: the end-to-end tests run generated code and hold it to the reference evaluator.
 * Reflection is used only here, by the tests, to call a class that did not exist when they were
 * compiled.
 */
final class GeneratedModel implements AutoCloseable {

    final CompiledModel compiled;
    private final Class<?> type;
    private final Object instance;

    private GeneratedModel(CompiledModel compiled, Class<?> type, Object instance) {
        this.compiled = compiled;
        this.type = type;
        this.instance = instance;
    }

    /** Compiles {@code source} (a @Model class {@code name} in package {@code demo}) and builds its model. */
    static GeneratedModel compile(String name, String source, Map<String, Integer> modelDims, long seed) {
        return compile(name, source, modelDims, seed, 1);
    }

    /** As {@link #compile(String, String, Map, long)}, the model built to run on {@code threads} threads. */
    static GeneratedModel compile(String name, String source, Map<String, Integer> modelDims, long seed, int threads) {
        List<CompiledModel> models = new ArrayList<>();
        Compilation c = Compiler.javac()
                .withProcessors(new JavanoProcessor(models::add))
                .compile(JavaFileObjects.forSourceString("demo." + name, source));
        assertThat(c).succeeded();
        try {
            ClassLoader loader = new GeneratedClasses(c);
            Class<?> type = loader.loadClass("demo." + name + "Model");
            Object builder = type.getMethod("builder").invoke(null);
            for (var dim : modelDims.entrySet()) {
                builder.getClass().getMethod(dim.getKey(), int.class).invoke(builder, dim.getValue());
            }
            builder.getClass().getMethod("seed", long.class).invoke(builder, seed);
            builder.getClass().getMethod("threads", int.class).invoke(builder, threads);
            Object model = builder.getClass().getMethod("build").invoke(builder);
            return new GeneratedModel(models.get(0), type, model);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    FunctionGraph function(String name) {
        return ModelCompiler.function(compiled, name);
    }

    /** Calls function {@code name} with tensors made from {@code args} (in parameter order); its result as an array. */
    NdArray call(String name, NdArray... args) {
        Object result = invoke(name, args);
        if (result instanceof Number n) return NdArray.scalar(n.doubleValue());
        NdArray value = toArray(result);
        close(result);
        return value;
    }

    Object invoke(String name, NdArray... args) {
        Method m = find(name, args.length);
        Object[] tensors = new Object[args.length];
        for (int i = 0; i < args.length; i++) tensors[i] = tensor(m.getParameterTypes()[i], args[i]);
        try {
            return m.invoke(instance, tensors);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } finally {
            for (Object t : tensors) close(t);
        }
    }

    /** The value of the shared variable {@code name}. */
    NdArray shared(String name) {
        try {
            Object t = type.getMethod(name).invoke(instance);
            NdArray value = toArray(t);
            close(t);
            return value;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Sets the shared variable {@code name}. */
    void shared(String name, NdArray value) {
        try {
            Method setter = java.util.Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(name) && m.getParameterCount() == 1)
                    .findFirst().orElseThrow();
            Object t = tensor(setter.getParameterTypes()[0], value);
            setter.invoke(instance, t);
            close(t);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Sets the hyper-parameter {@code name}. */
    void hyper(String name, double value) {
        try {
            type.getMethod(name, double.class).invoke(instance, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    Object instance() {
        return instance;
    }

    private Method find(String name, int arity) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity
                    && (arity == 0 || AutoCloseable.class.isAssignableFrom(m.getParameterTypes()[0]))) {
                return m;
            }
        }
        throw new AssertionError("no method " + name + " with " + arity + " parameters");
    }

    static Object tensor(Class<?> type, NdArray a) {
        double[] d = a.data();
        int[] shape = a.shape();
        if (type == FloatTensor.class) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
            return FloatTensor.of(f, shape);
        }
        if (type == DoubleTensor.class) return DoubleTensor.of(d.clone(), shape);
        int[] v = new int[d.length];
        for (int i = 0; i < d.length; i++) v[i] = (int) d[i];
        return IntTensor.of(v, shape);
    }

    static NdArray toArray(Object t) {
        if (t instanceof FloatTensor f) {
            float[] v = f.toArray();
            double[] d = new double[v.length];
            for (int i = 0; i < d.length; i++) d[i] = v[i];
            return new NdArray(f.shape(), d);
        }
        if (t instanceof DoubleTensor dt) return new NdArray(dt.shape(), dt.toArray());
        IntTensor it = (IntTensor) t;
        return new NdArray(it.shape(), java.util.Arrays.stream(it.toArray()).asDoubleStream().toArray());
    }

    private static void close(Object tensor) {
        if (tensor instanceof FloatTensor f) f.close();
        else if (tensor instanceof DoubleTensor d) d.close();
        else if (tensor instanceof IntTensor i) i.close();
    }

    static DType dtypeOf(Class<?> tensorType) {
        return tensorType == FloatTensor.class ? DType.FLOAT32 : tensorType == DoubleTensor.class ? DType.FLOAT64 : DType.INT32;
    }

    @Override
    public void close() {
        try {
            type.getMethod("close").invoke(instance);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Defines the classes a compilation produced, on top of the test's class path (runtime-cpu included). */
    private static final class GeneratedClasses extends ClassLoader {
        private final Map<String, JavaFileObject> classes = new HashMap<>();

        GeneratedClasses(Compilation c) {
            super(GeneratedModel.class.getClassLoader());
            for (JavaFileObject f : c.generatedFiles()) {
                if (f.getKind() != JavaFileObject.Kind.CLASS) continue;
                String path = f.toUri().getPath();
                String name = path.substring(path.indexOf("demo/"), path.length() - ".class".length()).replace('/', '.');
                classes.put(name, f);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JavaFileObject f = classes.get(name);
            if (f == null) throw new ClassNotFoundException(name);
            try (InputStream in = f.openInputStream()) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
