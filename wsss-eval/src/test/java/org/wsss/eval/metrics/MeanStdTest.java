package org.wsss.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanStdTest {

    @Test
    void sampleStdOfHandValues() {
        // mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7
        MeanStd m = MeanStd.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertEquals(5.0, m.mean(), 1e-12);
        assertEquals(Math.sqrt(32.0 / 7.0), m.std(), 1e-12);
        assertEquals(8, m.n());
        assertEquals(m, MeanStd.of(List.of(2, 4, 4, 4, 5, 5, 7, 9)));
    }

    @Test
    void oneValueHasZeroStd() {
        MeanStd m = MeanStd.of(0.73);
        assertEquals(0.73, m.mean());
        assertEquals(0.0, m.std());
        assertEquals(1, m.n());
    }

    @Test
    void twoValues() {
        MeanStd m = MeanStd.of(0.0, 1.0);
        assertEquals(0.5, m.mean());
        assertEquals(Math.sqrt(0.5), m.std(), 1e-15);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, MeanStd::of);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeanStd.of(1, Double.NaN));
        assertTrue(e.getMessage().contains("value 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MeanStd.of(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new MeanStd(0.5, -0.1, 3));
        assertThrows(IllegalArgumentException.class, () -> new MeanStd(0.5, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MeanStd(Double.NaN, 0.1, 2));
    }

    @Test
    void printsAsThePaper() {
        assertEquals("0.500±0.707 (n=2)", MeanStd.of(0.0, 1.0).toString());
    }
}
