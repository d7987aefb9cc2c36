package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void derivationIsFixedAcrossVersions() {
        // Golden values: a change here changes every replayed run.
        assertEquals(Seeds.derive(42, "network"), Seeds.derive(42, "network"));
        assertEquals(6510484387395616205L, Seeds.derive(42, "network"));
        assertEquals(5502106557386700558L, Seeds.derive(2018, "training-step-0"));
    }

    @Test
    void usesAndRootsGetDistinctSeeds() {
        Set<Long> seen = new HashSet<>();
        for (long root = 0; root < 50; root++) {
            for (int step = 0; step < 20; step++) {
                seen.add(Seeds.derive(root, "training-step-" + step));
            }
            seen.add(Seeds.derive(root, "network"));
        }
        assertEquals(50 * 21, seen.size());
        assertNotEquals(Seeds.derive(1, "a"), Seeds.derive(2, "a"));
        assertThrows(IllegalArgumentException.class, () -> Seeds.derive(1, " "));
    }
}
