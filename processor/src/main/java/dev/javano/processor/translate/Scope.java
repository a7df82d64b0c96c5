package dev.javano.processor.translate;

import java.util.HashMap;
import java.util.Map;

/** Local variables of a model method, block by block. */
final class Scope {

    private final Scope parent;
    private final Map<String, Value> locals = new HashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    Value lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Value v = s.locals.get(name);
            if (v != null) return v;
        }
        return null;
    }

    void declare(String name, Value v) {
        locals.put(name, v);
    }

    /** Assigns an existing local; false when no enclosing scope declares it. */
    boolean assign(String name, Value v) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.locals.containsKey(name)) {
                s.locals.put(name, v);
                return true;
            }
        }
        return false;
    }
}
