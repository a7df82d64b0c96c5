package dev.javano.symbolic.print;

import static dev.javano.symbolic.print.PrinterFixtures.f32;
import static dev.javano.symbolic.print.PrinterFixtures.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotPrinterTest {

    @Test
    void printsTheMlpLikeTheGoldenFile() {
        assertEquals(golden("mlp.dot"), DotPrinter.print("mlp", PrinterFixtures.mlp(new GraphBuilder())));
    }

    @Test
    void printsEachReusedNodeOnceWithAnEdgePerUse() {
        Node root = PrinterFixtures.reuse(new GraphBuilder());
        assertEquals(golden("reuse.dot"), DotPrinter.print("reuse", Map.of("s", root)));
    }

    @Test
    void doesNotDependOnCreationOrder() {
        Map<String, Node> reordered = PrinterFixtures.mlpCreatedOtherwise(new GraphBuilder());
        String expected = DotPrinter.print("mlp", PrinterFixtures.mlp(new GraphBuilder()));
        assertEquals(expected, DotPrinter.print("mlp", reordered));
    }

    @Test
    void escapesQuotesAndBackslashes() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("a\"b\\c", f32("n"));
        String dot = DotPrinter.print("say \"hi\"", Map.of("out \"1\"", x));
        String expected = """
                digraph "say \\"hi\\"" {
                  n0 [label="input a\\"b\\\\c\\nfloat32[n]", shape=ellipse, peripheries=2];
                  out0 [label="out \\"1\\"", shape=plaintext];
                  n0 -> out0 [style=dashed];
                }
                """;
        assertEquals(expected, dot);
    }

    @Test
    void printsAChainFiveThousandDeep() {
        String dot = DotPrinter.print("chain", Map.of("y", PrinterFixtures.chain(new GraphBuilder(), 5000)));
        assertTrue(dot.contains("\n  n4999 -> n5000;\n"));
        assertTrue(dot.contains("\n  n5000 [label=\"exp\\nfloat32[n]\", shape=box, peripheries=2];\n"));
    }
}
