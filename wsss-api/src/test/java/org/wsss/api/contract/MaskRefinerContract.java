package org.wsss.api.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.MaskRefiner;
import org.wsss.api.Provenance;
import org.wsss.api.Roi;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;

/**
 * What every {@link MaskRefiner} must do, on seeds made from the fixture's truth: definite
 * foreground in the lesion's eroded core, probable foreground on the rest of it and a ring
 * outside, background beyond, all inside a ROI around the lesion.
 */
public abstract class MaskRefinerContract {

    /** The refiner under test. */
    protected abstract MaskRefiner refiner();

    /** Lowest Dice against the lesion the refiner must reach from these seeds. */
    protected double minimumDice() {
        return 0.7;
    }

    static final Roi ROI = new Roi(Fixtures.CX - 2 * Fixtures.A, Fixtures.CY - 2 * Fixtures.B, 4 * Fixtures.A, 4 * Fixtures.B);

    static SeedMap seeds(Roi roi) {
        SeedMap.Builder b = SeedMap.builder(roi).fill(SeedLabel.BACKGROUND);
        for (int y = roi.y(); y < roi.endY(); y++) {
            for (int x = roi.x(); x < roi.endX(); x++) {
                if (Fixtures.inside(x, y, 0.5)) {
                    b.set(x, y, SeedLabel.FOREGROUND);
                } else if (Fixtures.inside(x, y, 1.3)) {
                    b.set(x, y, SeedLabel.PROBABLE_FOREGROUND);
                }
            }
        }
        return b.provenance(Provenance.of("fixture-seeds", Map.of())).build();
    }

    @Test
    void findsTheLesionWithinTheRoiAndIsDeterministic() {
        Slice s = Fixtures.keySlice();
        Mask m = refiner().refine(s, seeds(ROI), Fixtures.WINDOW);
        assertEquals(s.width(), m.width());
        assertEquals(s.height(), m.height());
        assertTrue(ROI.contains(m.boundingBox()), "mask leaves the seed ROI");
        double dice = Fixtures.dice(m, Fixtures.truth(Fixtures.KEY));
        assertTrue(dice >= minimumDice(), refiner().name() + " Dice " + dice);
        assertArrayEquals(m.toArray(), refiner().refine(s, seeds(ROI), Fixtures.WINDOW).toArray());
        assertFalse(m.provenance().method().isBlank());
    }

    @Test
    void degenerateSeedsGiveADefinedMaskNotAnError() {
        Slice s = Fixtures.keySlice();
        SeedMap allForeground = SeedMap.builder(new Roi(40, 40, 4, 4)).fill(SeedLabel.FOREGROUND)
                .provenance(Provenance.of("fixture-seeds", Map.of())).build();
        Mask m = refiner().refine(s, allForeground, Fixtures.WINDOW);
        assertEquals(s.width(), m.width());
        assertTrue(m.isEmpty() || new Roi(40, 40, 4, 4).contains(m.boundingBox()), "mask leaves the seed ROI");
    }

    @Test
    void rejectsSeedsOutsideTheSlice() {
        Slice s = Fixtures.keySlice();
        assertThrows(IllegalArgumentException.class, () -> refiner().refine(s, seeds(new Roi(200, 200, 20, 20)),
                Fixtures.WINDOW));
    }
}
