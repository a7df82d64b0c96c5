package dev.javano;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The annotations and enums that the processor reads. */
class VocabularyTest {

    private static final Map<Class<? extends Annotation>, ElementType> TARGETS = Map.of(
            Model.class, ElementType.TYPE,
            Input.class, ElementType.FIELD,
            Shared.class, ElementType.FIELD,
            Hyper.class, ElementType.FIELD,
            Output.class, ElementType.METHOD,
            Loss.class, ElementType.METHOD,
            Updates.class, ElementType.METHOD,
            Scan.class, ElementType.METHOD);

    @Test
    void annotationsAreDocumentedKeptInClassFilesAndTargeted() {
        TARGETS.forEach((type, target) -> {
            assertEquals(RetentionPolicy.CLASS, type.getAnnotation(Retention.class).value(), type::getName);
            assertNotNull(type.getAnnotation(Documented.class), type::getName);
            assertArrayEquals(new ElementType[] {target}, type.getAnnotation(Target.class).value(),
                    type::getName);
        });
    }

    @Test
    void onlyInputAndSharedHaveElements() throws NoSuchMethodException {
        for (Class<? extends Annotation> type : List.of(Model.class, Hyper.class, Output.class,
                Loss.class, Updates.class, Scan.class)) {
            assertEquals(0, type.getDeclaredMethods().length, type::getName);
        }
        assertDefault(Input.class, "shape", "");
        assertDefault(Input.class, "dtype", DType.FLOAT32);
        assertDefault(Shared.class, "shape", "");
        assertDefault(Shared.class, "init", Init.ZEROS);
        assertDefault(Shared.class, "dtype", DType.FLOAT32);
    }

    @Test
    void dtypesKnowTheirKindAndSize() {
        assertTrue(DType.FLOAT32.isFloating());
        assertTrue(DType.FLOAT64.isFloating());
        assertFalse(DType.INT32.isFloating());
        assertFalse(DType.BOOL.isFloating());
        assertEquals(List.of(4, 8, 4, 1),
                List.of(DType.FLOAT32.byteSize(), DType.FLOAT64.byteSize(), DType.INT32.byteSize(),
                        DType.BOOL.byteSize()));
    }

    @Test
    void initializationsAreTheDocumentedOnes() {
        assertEquals("[ZEROS, ONES, GLOROT_UNIFORM, GLOROT_NORMAL, HE_UNIFORM, HE_NORMAL, NORMAL, UNIFORM]",
                List.of(Init.values()).toString());
    }

    private static void assertDefault(Class<? extends Annotation> type, String element, Object expected)
            throws NoSuchMethodException {
        Method method = type.getDeclaredMethod(element);
        assertEquals(expected, method.getDefaultValue(), type.getSimpleName() + "." + element);
    }
}
