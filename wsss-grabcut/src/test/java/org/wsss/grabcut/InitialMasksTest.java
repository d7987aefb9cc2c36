package org.wsss.grabcut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsss.api.MaskRefiner;
import org.wsss.api.Roi;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.Window;

/** The entry points: names, lookup, and every refiner's check of the seed map's shape. */
class InitialMasksTest {

    @Test
    void byNameFindsEveryMethodOfTableOne() {
        for (String n : InitialMasks.NAMES) {
            assertEquals(n, InitialMasks.byName(n).name());
            assertEquals(n, InitialMasks.byName(" " + n.toUpperCase() + " ").name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InitialMasks.byName("snake"));
        assertTrue(e.getMessage().contains("'snake'") && e.getMessage().contains("grabcut-r"), e.getMessage());
    }

    @Test
    void everyRefinerRejectsASeedMapOutsideTheSlice() {
        Slice s = SyntheticSlices.blob(40, 30, 20, 15, 6, 4, 1);
        SeedMap seeds = SeedMap.builder(new Roi(30, 10, 20, 10)).fill(SeedLabel.PROBABLE_FOREGROUND).build();
        for (MaskRefiner r : List.of(MaskRefiners.grabCut(), MaskRefiners.denseCrf(), MaskRefiners.identity())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> r.refine(s, seeds, Window.DEFAULT), r.name());
            assertTrue(e.getMessage().contains("does not lie inside the 40x30 slice"), r.name() + ": " + e.getMessage());
        }
    }

    @Test
    void provenanceChainsRefinerToSeeds() {
        Slice s = SyntheticSlices.blob(96, 96, 44, 47, 18, 12, 11);
        var m = InitialMasks.grabCutR().segment(s, SyntheticSlices.recist(44, 47, 18, 12), Window.DEFAULT);
        assertEquals("grabcut", m.provenance().method());
        assertEquals("grabcut-r", m.provenance().parent().method());
        assertEquals("0.5", m.provenance().parent().parameters().get("backgroundFraction"));
    }
}
