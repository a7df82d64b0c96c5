package dev.javano.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.javano.DType;
import dev.javano.symbolic.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planned work buffers of one function. A buffer whose last reader has run is free again,
 * and the next node of the same element width takes it; each slot is sized, at the start of
 * every call, for the largest node it will hold at that call's dims, and grows only when a
 * larger batch arrives.
 */
final class Slots {

    private record Slot(int width, Set<String> sizes) {}

    private final String field;
    private final List<Slot> slots = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();
    private final Map<Object, Integer> held = new HashMap<>();
    /** How many keys hold each slot taken: it is free again when the last of them gives it back. */
    private final Map<Integer, Integer> holders = new HashMap<>();

    Slots(String function) {
        this.field = "work_" + function;
    }

    /** The name of the model's {@code Storage[]} field holding these slots. */
    String field() {
        return field;
    }

    int count() {
        return slots.size();
    }

    /** The dtype each slot's storage is allocated with (by element width). */
    DType dtype(int slot) {
        return slots.get(slot).width() == 8 ? DType.FLOAT64 : DType.FLOAT32;
    }

    /**
     * A slot for {@code n} (a node, or any key naming a buffer), of {@code size} elements (a Java
     * long expression); the expression of its address.
     */
    String take(Object n, String size, DType dtype) {
        int width = dtype == DType.FLOAT64 ? 8 : 4;
        Integer slot = null;
        for (Integer s : free) {
            if (slots.get(s).width() == width) {
                slot = s;
                break;
            }
        }
        if (slot == null) {
            slots.add(new Slot(width, new LinkedHashSet<>()));
            slot = slots.size() - 1;
        } else {
            free.remove(slot);
        }
        slots.get(slot).sizes().add(size);
        held.put(n, slot);
        holders.put(slot, 1);
        return field + "[" + slot + "].address()";
    }

    /** Makes {@code other} a holder of {@code n}'s slot too (a value living in part of it). */
    void share(Object other, Object n) {
        Integer slot = held.get(n);
        if (slot == null) throw new IllegalStateException("no slot held for " + n);
        held.put(other, slot);
        holders.merge(slot, 1, Integer::sum);
    }

    /** Gives {@code n}'s hold on its slot back: nothing reads it any more; the slot is free once no key holds it. */
    void release(Object n) {
        Integer slot = held.remove(n);
        if (slot != null && holders.merge(slot, -1, Integer::sum) == 0) free.add(slot);
    }

    /** The statements sizing every slot for this call's dims. */
    CodeBlock sizing() {
        CodeBlock.Builder b = CodeBlock.builder();
        for (int i = 0; i < slots.size(); i++) {
            List<String> sizes = new ArrayList<>(slots.get(i).sizes());
            String max = sizes.get(0);
            for (int k = 1; k < sizes.size(); k++) max = "Math.max(" + max + ", " + sizes.get(k) + ")";
            b.addStatement("$L[$L].ensureCapacity($L)", field, i, max);
        }
        return b.build();
    }
}
