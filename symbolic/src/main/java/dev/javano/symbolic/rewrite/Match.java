package dev.javano.symbolic.rewrite;

import dev.javano.symbolic.ir.Node;
import java.util.Map;

/** What a {@link Pattern} matched: the root and the named nodes. */
public record Match(Node root, Map<String, Node> bindings) {

    public Match {
        bindings = Map.copyOf(bindings);
    }

    public Node get(String name) {
        Node n = bindings.get(name);
        if (n == null) throw new IllegalArgumentException("pattern binds no node named " + name);
        return n;
    }

    /** The op of the node bound to {@code name}, as {@code type}. */
    public <T> T op(String name, Class<T> type) {
        return type.cast(get(name).op());
    }
}
