package dev.javano.processor.diag;

import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;

/**
 * One diagnostic as a value: what, and where — the element, and the expression inside it when
 * there is one ({@code tree} may be null).
 */
public record Diagnostic(Message message, String text, Element element, Tree tree) {

    public static Diagnostic at(Element element, Tree tree, Message message, Object... args) {
        return new Diagnostic(message, message.format(args), element, tree);
    }

    public boolean isError() {
        return message.kind() == javax.tools.Diagnostic.Kind.ERROR;
    }
}
