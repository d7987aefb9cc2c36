package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Hand-made cases for {@link ComponentLabels}; the random comparison with a brute-force
 * reference is in wsss-propagation's AssemblyProperties (through Assembly.label).
 */
class ComponentLabelsTest {

    @Test
    void numbersComponentsInRowMajorOrderOfTheirFirstPixel() {
        // Rows: "x..x", ".x..", "...x" — a diagonal pair from (0,0), a pixel at (3,0), one at (3,2).
        Mask m = Mask.fromPredicate(4, 3, (x, y) -> (x == 0 && y == 0) || (x == 3 && y == 0)
                || (x == 1 && y == 1) || (x == 3 && y == 2));
        ComponentLabels eight = ComponentLabels.of(m, Connectivity2D.EIGHT);
        assertEquals(3, eight.count());
        assertEquals(1, eight.label(0, 0));
        assertEquals(1, eight.label(1, 1));
        assertEquals(2, eight.label(3, 0));
        assertEquals(3, eight.labelAt(2 * 4 + 3));
        assertEquals(0, eight.labelAt(1));
        assertEquals(2, eight.size(1));
        assertEquals(2, eight.mask(1).count());
        ComponentLabels four = ComponentLabels.of(m, Connectivity2D.FOUR);
        assertEquals(4, four.count());
        assertEquals(3, four.label(1, 1));
    }

    @Test
    void badArgumentsAreRejected() {
        ComponentLabels c = ComponentLabels.of(Mask.empty(3, 2), Connectivity2D.FOUR);
        assertEquals(0, c.count());
        assertThrows(IndexOutOfBoundsException.class, () -> c.labelAt(6));
        assertThrows(IndexOutOfBoundsException.class, () -> c.label(3, 0));
        assertThrows(IllegalArgumentException.class, () -> c.size(1));
        assertThrows(NullPointerException.class, () -> ComponentLabels.of(null, Connectivity2D.FOUR));
    }
}
