package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void splitsQuotedFields() {
        assertEquals(List.of("a", "1, 2", "", "say \"hi\"", ""), CsvLine.split("a,\"1, 2\",,\"say \"\"hi\"\"\","));
        assertEquals(List.of(""), CsvLine.split(""));
        assertThrows(IllegalArgumentException.class, () -> CsvLine.split("a,\"b"));
        assertThrows(IllegalArgumentException.class, () -> CsvLine.split("a,\"b\"c"));
        assertThrows(IllegalArgumentException.class, () -> CsvLine.split("a,b\"c"));
    }

    @Test
    void joinQuotesOnlyWhereNeeded() {
        List<String> f = List.of("a", "1, 2", "x\"y", "");
        assertEquals("a,\"1, 2\",\"x\"\"y\",", CsvLine.join(f));
        assertEquals(f, CsvLine.split(CsvLine.join(f)));
        assertThrows(IllegalArgumentException.class, () -> CsvLine.join(List.of("a\nb")));
    }

    @Test
    void numbersAreStrict() {
        assertEquals(-175.0, CsvLine.parseDouble("c", " -175"));
        assertEquals(0.5, CsvLine.parseDouble("c", ".5"));
        assertEquals(5.0, CsvLine.parseDouble("c", "5."));
        assertEquals(1.5e-3, CsvLine.parseDouble("c", "1.5E-3"));
        for (String bad : new String[] {"", " ", "NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1f", ".", "-", "1e",
            "1e+", "1.2.3", "1,5", "abc", "1e999"}) {
            assertThrows(IllegalArgumentException.class, () -> CsvLine.parseDouble("c", bad), bad);
        }
        assertEquals(-1, CsvLine.parseInt("c", "-1"));
        for (String bad : new String[] {"", "+", "1.0", "3000000000", "1e2", "one"}) {
            assertThrows(IllegalArgumentException.class, () -> CsvLine.parseInt("c", bad), bad);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvLine.parseDoubles("Measurement_coordinates", "1, 2, 3, 4, 5, 6, 7", 8));
        assertEquals("Measurement_coordinates: 7 numbers in '1, 2, 3, 4, 5, 6, 7', expected 8", e.getMessage());
    }

    @Test
    void formatIsPlainAndShort() {
        assertEquals("5", CsvLine.format(5.0));
        assertEquals("0", CsvLine.format(-0.0));
        assertEquals("0.488281", CsvLine.format(0.488281));
        assertEquals("0.00001", CsvLine.format(1e-5));
        assertEquals("-175, 275", CsvLine.formatList(-175, 275));
        assertThrows(IllegalArgumentException.class, () -> CsvLine.format(Double.NaN));
    }

    @Property(tries = 500)
    void formattedNumbersReadBackExactly(@ForAll @DoubleRange(min = -1e7, max = 1e7) double v) {
        assertEquals(v == 0 ? 0.0 : v, CsvLine.parseDouble("c", CsvLine.format(v)));
    }
}
