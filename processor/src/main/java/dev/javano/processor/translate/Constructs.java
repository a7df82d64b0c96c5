package dev.javano.processor.translate;

import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import java.util.Map;

/** Names Java constructs in the user's words, for "... is not supported in a @Model method". */
final class Constructs {

    private static final Map<Tree.Kind, String> NAMES = Map.ofEntries(
            Map.entry(Tree.Kind.WHILE_LOOP, "a while loop"),
            Map.entry(Tree.Kind.DO_WHILE_LOOP, "a do-while loop"),
            Map.entry(Tree.Kind.SWITCH, "a switch statement"),
            Map.entry(Tree.Kind.SWITCH_EXPRESSION, "a switch expression"),
            Map.entry(Tree.Kind.TRY, "a try statement"),
            Map.entry(Tree.Kind.THROW, "a throw statement"),
            Map.entry(Tree.Kind.SYNCHRONIZED, "a synchronized block"),
            Map.entry(Tree.Kind.LABELED_STATEMENT, "a labeled statement"),
            Map.entry(Tree.Kind.BREAK, "break"),
            Map.entry(Tree.Kind.CONTINUE, "continue"),
            Map.entry(Tree.Kind.ASSERT, "an assert statement"),
            Map.entry(Tree.Kind.CLASS, "a local class"),
            Map.entry(Tree.Kind.LAMBDA_EXPRESSION, "a lambda"),
            Map.entry(Tree.Kind.MEMBER_REFERENCE, "a method reference"),
            Map.entry(Tree.Kind.INSTANCE_OF, "instanceof"),
            Map.entry(Tree.Kind.NULL_LITERAL, "null"),
            Map.entry(Tree.Kind.CHAR_LITERAL, "a char literal"),
            Map.entry(Tree.Kind.YIELD, "yield"));

    private Constructs() {}

    static String describe(Tree t) {
        if (t instanceof NewClassTree n) return "new " + n.getIdentifier() + "(...)";
        String name = NAMES.get(t.getKind());
        return name != null ? name : t.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
