package org.wsss.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;

/**
 * What every {@link LesionCase} (and the {@link LesionDataset} holding it) must do: ascending
 * stored slices holding the key slice, {@code zOf} consistent with them, slices of the case's
 * size, a RECIST that fits, ground truth (where known) on the case's grid, unknown slices
 * rejected, the same case from the dataset every time.
 */
public abstract class LesionCaseContract {

    /** A dataset of at least one case. */
    protected abstract LesionDataset dataset();

    @Test
    void casesAreConsistent() {
        LesionDataset d = dataset();
        assertTrue(d.size() > 0, "empty dataset");
        for (int i = 0; i < d.size(); i++) {
            LesionCase c = d.get(i);
            assertFalse(c.id().isBlank());
            int[] s = c.sliceIndices();
            for (int k = 1; k < s.length; k++) {
                assertTrue(s[k] > s[k - 1], c.id() + ": slice indices not ascending");
            }
            for (int k = 0; k < s.length; k++) {
                assertEquals(k, c.zOf(s[k]));
            }
            assertTrue(c.zOf(c.recist().sliceIndex()) >= 0, c.id() + ": key slice not stored");
            Slice key = c.keySlice();
            assertEquals(c.width(), key.width());
            assertEquals(c.height(), key.height());
            assertNotNull(c.recist().validate(c.width(), c.height(), c.spacing()));
            c.groundTruth().ifPresent(t -> {
                assertEquals(c.width(), t.width());
                assertEquals(c.height(), t.height());
                assertEquals(s.length, t.depth());
            });
            assertEquals(-1, c.zOf(s[s.length - 1] + 1));
            assertThrows(IllegalArgumentException.class, () -> c.slice(s[s.length - 1] + 1));
            assertNotNull(c.category());
            assertNotNull(c.split());
        }
    }

    @Test
    void theDatasetGivesTheSameCaseEveryTime() {
        LesionDataset d = dataset();
        LesionCase a = d.get(0), b = d.get(0);
        assertEquals(a.id(), b.id());
        assertEquals(a.recist(), b.recist());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.keySlice().toArray(), b.keySlice().toArray());
        Mask3D ta = a.groundTruth().orElse(null), tb = b.groundTruth().orElse(null);
        assertEquals(ta, tb);
    }
}
