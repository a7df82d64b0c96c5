package dev.javano.processor;

import com.sun.source.util.Trees;
import dev.javano.processor.stage.CompiledModel;
import dev.javano.processor.stage.ModelPipeline;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * The javac side of {@link JavanoProcessor}. IntelliJ and Gradle hand processors a wrapped
 * {@link ProcessingEnvironment} (a proxy, or Gradle's incremental wrapper) that
 * {@link Trees#instance} rejects; like Lombok and the Checker Framework, this unwraps it first.
 */
final class JavacModels {

    private JavacModels() {}

    static JavanoProcessor.Models create(ProcessingEnvironment env, Consumer<CompiledModel> listener) {
        ProcessingEnvironment javac = unwrap(env);
        Trees trees = Trees.instance(javac);
        String failStage = env.getOptions().get(ModelPipeline.FAIL_STAGE_OPTION);
        boolean runtime = env.getElementUtils().getTypeElement("dev.javano.runtime.Storage") != null;
        ModelPipeline pipeline = new ModelPipeline(trees, env.getFiler(), env.getMessager(), failStage, runtime);
        return model -> pipeline.process(model).ifPresent(listener);
    }

    /** The innermost environment that javac's {@link Trees} accepts, or {@code env} itself. */
    static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
        ProcessingEnvironment current = env;
        for (int depth = 0; depth < 8; depth++) {
            try {
                Trees.instance(current);
                return current;
            } catch (IllegalArgumentException wrapped) {
                Object inner = delegateOf(current);
                if (!(inner instanceof ProcessingEnvironment next)) return env;
                current = next;
            }
        }
        return env;
    }

    private static Object delegateOf(Object wrapper) {
        Object holder = Proxy.isProxyClass(wrapper.getClass()) ? Proxy.getInvocationHandler(wrapper) : wrapper;
        for (Class<?> c = holder.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!ProcessingEnvironment.class.isAssignableFrom(f.getType()) && f.getType() != Object.class) continue;
                try {
                    f.setAccessible(true);
                    Object value = f.get(holder);
                    if (value instanceof ProcessingEnvironment && value != wrapper) return value;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not this field: keep looking
                }
            }
        }
        return null;
    }
}
