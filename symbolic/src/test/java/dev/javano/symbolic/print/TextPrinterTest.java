package dev.javano.symbolic.print;

import static dev.javano.symbolic.print.PrinterFixtures.f32;
import static dev.javano.symbolic.print.PrinterFixtures.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextPrinterTest {

    @Test
    void printsTheMlpLikeTheGoldenFile() {
        assertEquals(golden("mlp.txt"), TextPrinter.print(PrinterFixtures.mlp(new GraphBuilder())));
    }

    @Test
    void printsReusedNodesOnceThenAsReferences() {
        assertEquals(golden("reuse.txt"), TextPrinter.print(PrinterFixtures.reuse(new GraphBuilder())));
    }

    @Test
    void doesNotDependOnCreationOrder() {
        GraphBuilder other = new GraphBuilder();
        Map<String, Node> reordered = PrinterFixtures.mlpCreatedOtherwise(other);
        assertTrue(reordered.get("cost").id() != PrinterFixtures.mlp(new GraphBuilder()).get("cost").id(),
                "the fixture should give the nodes other creation ids");
        assertEquals(TextPrinter.print(PrinterFixtures.mlp(new GraphBuilder())), TextPrinter.print(reordered));
    }

    @Test
    void anOutputThatIsAlreadyPrintedIsAReference() {
        GraphBuilder b = new GraphBuilder();
        Node x = b.input("x", f32("n"));
        Node t = b.exp(x);
        Map<String, Node> outputs = new LinkedHashMap<>();
        outputs.put("t", t);
        outputs.put("x", x);
        outputs.put("again", t);
        String expected = """
                t:
                exp [id A] float32[n]
                 |input x [id B] float32[n]

                x:
                input x [id B] float32[n] ^

                again:
                exp [id A] float32[n] ^
                """;
        assertEquals(expected, TextPrinter.print(outputs));
    }

    @Test
    void printsAChainFiveThousandDeep() {
        String text = TextPrinter.print(PrinterFixtures.chain(new GraphBuilder(), 5000));
        String[] lines = text.split("\n");
        assertEquals(5001, lines.length);
        assertEquals("exp [id A] float32[n]", lines[0]);
        assertEquals(" |".repeat(5000) + "input x [id " + TextPrinter.letters(5000) + "] float32[n]", lines[5000]);
    }

    @Test
    void staysLinearWhenPathsAreExponential() {
        GraphBuilder b = new GraphBuilder();
        Node n = b.input("x", f32("n"));
        for (int i = 0; i < 40; i++) n = b.add(n, n);
        String[] lines = TextPrinter.print(n).split("\n");
        assertEquals(40 + 1 + 40, lines.length, "each add once in full and once as a reference, plus x");
        assertEquals(" |".repeat(40) + "input x [id AO] float32[n]", lines[40]);
        assertEquals(" |add [id B] float32[n] ^", lines[lines.length - 1]);
    }

    @Test
    void namesIdsLikeSpreadsheetColumns() {
        assertEquals("A", TextPrinter.letters(0));
        assertEquals("Z", TextPrinter.letters(25));
        assertEquals("AA", TextPrinter.letters(26));
        assertEquals("AZ", TextPrinter.letters(51));
        assertEquals("BA", TextPrinter.letters(52));
        assertEquals("ZZ", TextPrinter.letters(701));
        assertEquals("AAA", TextPrinter.letters(702));
    }
}
