package dev.javano.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;

/** Collects diagnostics as values during a stage; reports them to javac at positions afterwards. */
public final class Diagnostics {

    private final List<Diagnostic> collected = new ArrayList<>();

    /** Adds {@code d} unless the same text was already reported at the same place (a method inlined twice). */
    public void add(Diagnostic d) {
        boolean duplicate = collected.stream().anyMatch(
                c -> c.text().equals(d.text()) && c.tree() == d.tree() && c.element() == d.element());
        if (!duplicate) collected.add(d);
    }

    public void add(Element element, Tree tree, Message message, Object... args) {
        add(Diagnostic.at(element, tree, message, args));
    }

    public boolean hasErrors() {
        return collected.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> all() {
        return List.copyOf(collected);
    }

    /**
     * Prints every diagnostic through javac: at its expression when it has one (line and column),
     * else at its element.
     */
    public void report(Trees trees, Messager messager) {
        for (Diagnostic d : collected) {
            TreePath path = d.element() == null ? null : trees.getPath(d.element());
            if (d.tree() != null && path != null) {
                CompilationUnitTree unit = path.getCompilationUnit();
                trees.printMessage(d.message().kind(), d.text(), d.tree(), unit);
            } else {
                messager.printMessage(d.message().kind(), d.text(), d.element());
            }
        }
        collected.clear();
    }
}
