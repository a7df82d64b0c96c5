package dev.javano;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every public method of the DSL throws the one explanatory exception, naming itself. */
class NothingExecutesTest {

    private static final List<Class<?>> DSL = List.of(Tensor.class, Ops.class, ScanBuilder.class);

    /** Receivers for instance methods: only this package can make them. */
    private static final Map<Class<?>, Object> RECEIVERS =
            Map.of(Tensor.class, new Tensor() { }, ScanBuilder.class, new ScanBuilder());

    private static final Map<Class<?>, Object> ZEROS = Map.of(
            int.class, 0, double.class, 0.0, boolean.class, false);

    @TestFactory
    Stream<DynamicTest> everyPublicMethodThrowsNamingItself() {
        return publicMethods().map(m -> dynamicTest(signature(m), () -> assertNotExecutable(m)));
    }

    @Test
    void theDslIsNotEmpty() {
        Map<Class<?>, Long> counts = publicMethods()
                .collect(Collectors.groupingBy(Method::getDeclaringClass, Collectors.counting()));
        assertAll(DSL.stream().map(type -> () ->
                assertTrue(counts.getOrDefault(type, 0L) > 8, type + " has public methods")));
    }

    @Test
    void opsIsAStaticVocabulary() {
        assertAll(Arrays.stream(Ops.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(m -> () -> assertTrue(Modifier.isStatic(m.getModifiers()), m + " is static")));
        assertEquals(0, Ops.class.getConstructors().length);
        assertEquals(Integer.MAX_VALUE, Ops.END);
    }

    @Test
    void userCodeCannotCreateTensorsOrLoops() {
        for (Class<?> type : List.of(Tensor.class, ScanBuilder.class, Ops.class)) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                int modifiers = c.getModifiers();
                assertFalse(Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers), c::toString);
            }
        }
    }

    @Test
    void theMessageSaysWhatToDoInstead() {
        String message = NotExecutable.because("Ops.tanh").getMessage();
        assertTrue(message.startsWith("Ops.tanh is only meaningful inside a @Model class"), message);
        assertTrue(message.contains("call the generated"), message);
    }

    private static Stream<Method> publicMethods() {
        return DSL.stream()
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic());
    }

    private static void assertNotExecutable(Method method) {
        Object receiver = Modifier.isStatic(method.getModifiers())
                ? null : RECEIVERS.get(method.getDeclaringClass());
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> method.invoke(receiver, dummyArguments(method)));
        UnsupportedOperationException cause =
                assertInstanceOf(UnsupportedOperationException.class, thrown.getCause());
        String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        assertTrue(cause.getMessage().startsWith(name + " is only meaningful inside a @Model"),
                cause.getMessage());
    }

    private static Object[] dummyArguments(Method method) {
        return Arrays.stream(method.getParameterTypes()).map(NothingExecutesTest::dummy).toArray();
    }

    private static Object dummy(Class<?> type) {
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type.isPrimitive()) {
            Object zero = ZEROS.get(type);
            assertTrue(zero != null, "no dummy value for " + type);
            return zero;
        }
        return null;
    }

    private static String signature(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
