package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeLesionCaseTest {

    static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.8, 2.5);

    static Volume volume(int w, int h, int d) {
        List<Slice> s = new ArrayList<>();
        for (int z = 0; z < d; z++) {
            float[] hu = new float[w * h];
            java.util.Arrays.fill(hu, z);
            s.add(Slice.of(w, h, hu, SP));
        }
        return Volume.of(s, SP);
    }

    static Recist mark(int z) {
        return Recist.fromAxes(Axis.of(10, 20, 30, 20), Axis.of(20, 14, 20, 26), z, SP);
    }

    @Test
    void aCaseFromAVolumeReadsItsSlices() {
        VolumeLesionCase c = LesionCase.of("p1", volume(40, 40, 5), mark(2), Window.DEFAULT);
        assertEquals("p1", c.id());
        assertArrayEquals(new int[]{0, 1, 2, 3, 4}, c.sliceIndices());
        assertEquals(3f, c.slice(3).get(0, 0));
        assertEquals(2f, c.keySlice().get(5, 5));
        assertEquals(-1, c.zOf(5));
        assertEquals(LesionCategory.UNKNOWN, c.category());
        assertTrue(c.groundTruth().isEmpty());
        Mask3D truth = Mask3D.builder(40, 40, 5, SP).set(20, 20, 2).build();
        VolumeLesionCase t = c.withGroundTruth(truth).withSplit(Split.TRAIN).withCategory(LesionCategory.LIVER);
        assertEquals(truth, t.groundTruth().orElseThrow());
        assertEquals(Split.TRAIN, t.split());
        assertEquals(LesionCategory.LIVER, t.category());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LesionCase.of("p2", volume(40, 40, 5), mark(7), Window.DEFAULT));
        assertTrue(e.getMessage().contains("p2") && e.getMessage().contains("7"), e.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> LesionCase.of("p3", volume(25, 25, 5), mark(1), Window.DEFAULT));
        assertTrue(outside.getMessage().contains("p3"), outside.getMessage());
        VolumeLesionCase c = LesionCase.of("p4", volume(40, 40, 5), mark(1), Window.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> c.withGroundTruth(Mask3D.builder(40, 40, 4, SP).build()));
        assertThrows(IllegalArgumentException.class, () -> c.slice(9));
        assertThrows(IllegalArgumentException.class, () -> LesionCase.of(" ", volume(40, 40, 5), mark(1), Window.DEFAULT));
    }
}
