package org.wsss.propagation.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wsss.api.Connectivity2D;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.VoxelSpacing;

/** Hand-made cases for {@link Assembly} and {@link LesionMeasurement}. */
class AssemblyTest {

    @Test
    void keepsOnlyTheComponentThroughTheRecistSlice() {
        VoxelSpacing s = new VoxelSpacing(1, 1, 2);
        Mask3D.Builder b = Mask3D.builder(10, 10, 5, s);
        // Lesion: a 3x3 column through slices 1..3; a separate blob on slices 3..4 far away;
        // a voxel touching the lesion's corner only diagonally across slices.
        for (int z = 1; z <= 3; z++) {
            for (int y = 2; y <= 4; y++) {
                for (int x = 2; x <= 4; x++) {
                    b.set(x, y, z);
                }
            }
        }
        b.set(8, 8, 3).set(8, 8, 4);
        b.set(5, 5, 4);
        Mask3D m = b.build();

        Mask3D six = Assembly.keepConnectedTo(m, 2, Connectivity3D.SIX);
        assertEquals(27, six.count());
        Mask3D full = Assembly.keepConnectedTo(m, 2, Connectivity3D.TWENTY_SIX);
        assertEquals(28, full.count());
        assertTrue(full.get(5, 5, 4));
        assertTrue(six.provenance().notes().get(0).contains("slice 2"), six.provenance().toString());

        // A seed outside the mask keeps nothing; a seed on the lesion keeps the lesion.
        Mask farSeed = Mask.fromPredicate(10, 10, (x, y) -> x == 0 && y == 0);
        assertEquals(0, Assembly.keepConnectedTo(m, 2, farSeed, Connectivity3D.SIX).count());
        Mask onLesion = Mask.fromPredicate(10, 10, (x, y) -> x == 3 && y == 3);
        assertEquals(27, Assembly.keepConnectedTo(m, 2, onLesion, Connectivity3D.SIX).count());
        assertThrows(IndexOutOfBoundsException.class, () -> Assembly.keepConnectedTo(m, 5, Connectivity3D.SIX));
        assertThrows(IllegalArgumentException.class,
                () -> Assembly.keepConnectedTo(m, 2, Mask.empty(9, 10), Connectivity3D.SIX));
    }

    @Test
    void labelsAndConnectionToThePreviousSlice() {
        // Two pixels touching at a corner: one component with 8-connectivity, two with 4.
        Mask diag = Mask.fromPredicate(4, 4, (x, y) -> (x == 1 && y == 1) || (x == 2 && y == 2));
        assertEquals(2, Assembly.label(diag, Connectivity2D.FOUR).count());
        assertEquals(1, Assembly.label(diag, Connectivity2D.EIGHT).count());
        assertEquals(2, Assembly.label(diag, Connectivity2D.EIGHT).size(1));
        assertEquals(0, Assembly.label(Mask.empty(3, 3), Connectivity2D.EIGHT).count());

        Mask previous = Mask.fromPredicate(6, 6, (x, y) -> x == 1 && y == 1);
        Mask current = Mask.fromPredicate(6, 6, (x, y) -> (x == 2 && y == 2) || (x >= 4 && y >= 4));
        assertTrue(Assembly.connectedToPrevious(current, previous, Connectivity3D.SIX).isEmpty());
        Mask touched = Assembly.connectedToPrevious(current, previous, Connectivity3D.TWENTY_SIX);
        assertEquals(1, touched.count());
        assertTrue(touched.get(2, 2));
        Mask overlapping = Mask.fromPredicate(6, 6, (x, y) -> x <= 1 && y <= 1);
        assertEquals(4, Assembly.connectedToPrevious(overlapping, previous, Connectivity3D.SIX).count());
        assertThrows(IllegalArgumentException.class,
                () -> Assembly.connectedToPrevious(current, Mask.empty(5, 6), Connectivity3D.SIX));
    }

    @Test
    void measuresABoxExactly() {
        VoxelSpacing s = new VoxelSpacing(0.5, 0.5, 2);
        Mask3D.Builder b = Mask3D.builder(20, 20, 5, s);
        // Slices 1 and 3: 6x4 rectangles; slice 2: a 10x6 rectangle (the largest).
        for (int z = 1; z <= 3; z++) {
            int wz = z == 2 ? 10 : 6, hz = z == 2 ? 6 : 4;
            for (int y = 0; y < hz; y++) {
                for (int x = 0; x < wz; x++) {
                    b.set(3 + x, 4 + y, z);
                }
            }
        }
        Mask3D m = b.build();
        LesionMeasurement lm = Assembly.measure(m);
        assertEquals(2, lm.sliceIndex());
        assertEquals((24 + 60 + 24) * 0.5 * 0.5 * 2 / 1000.0, lm.volumeMl(), 1e-15);
        // Farthest pixel centres: opposite corners, 9 x 5 pixels apart.
        assertEquals(Math.hypot(9 * 0.5, 5 * 0.5), lm.longMm(), 1e-12);
        assertTrue(lm.shortMm() > 0 && lm.shortMm() <= lm.longMm());
        Recist r = Assembly.recistOf(m);
        assertEquals(2, r.sliceIndex());
        assertEquals(lm.longMm(), r.longLengthMm(s), 0);
    }

    @Test
    void measuresAVoxelisedEllipsoid() {
        // Semi-axes 12 mm (x), 8 mm (y), 10 mm (z) on a 0.7 x 0.8 x 2.5 mm grid.
        VoxelSpacing s = new VoxelSpacing(0.7, 0.8, 2.5);
        double a = 12, bb = 8, c = 10, cx = 30 * 0.7, cy = 25 * 0.8, cz = 6 * 2.5;
        Mask3D.Builder b = Mask3D.builder(60, 50, 13, s);
        for (int z = 0; z < 13; z++) {
            for (int y = 0; y < 50; y++) {
                for (int x = 0; x < 60; x++) {
                    double u = (x * 0.7 - cx) / a, v = (y * 0.8 - cy) / bb, w = (z * 2.5 - cz) / c;
                    if (u * u + v * v + w * w <= 1) {
                        b.set(x, y, z);
                    }
                }
            }
        }
        LesionMeasurement lm = Assembly.measure(b.build());
        double exact = 4.0 / 3 * Math.PI * a * bb * c / 1000;
        // 4 mm in z sampled every 2.5 mm: sampling error of the volume stays well under 10 %.
        assertEquals(exact, lm.volumeMl(), 0.1 * exact);
        assertEquals(6, lm.sliceIndex());
        // Diameters between pixel centres: at most one pixel (0.8 mm) per side short of 24 / 16 mm.
        assertEquals(24, lm.longMm(), 1.6);
        assertEquals(16, lm.shortMm(), 1.6);
        assertTrue(lm.longMm() <= 24 && lm.shortMm() <= 16);
    }

    @Test
    void rejectsWhatCannotBeMeasured() {
        VoxelSpacing s = VoxelSpacing.isotropic(1);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Assembly.measure(Mask3D.empty(4, 4, 2, s)));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        Mask3D dot = Mask3D.builder(4, 4, 2, s).set(1, 1, 1).build();
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> Assembly.measure(dot));
        assertTrue(one.getMessage().contains("slice 1") && one.getMessage().contains("cannot be measured"),
                one.getMessage());
    }

    @Test
    void measurementValidation() {
        assertThrows(IllegalArgumentException.class, () -> new LesionMeasurement(-1, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LesionMeasurement(Double.NaN, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LesionMeasurement(1, 1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new LesionMeasurement(1, 2, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LesionMeasurement(1, 2, 1, -3));
        assertTrue(e.getMessage().contains("sliceIndex") && e.getMessage().contains("-3"), e.getMessage());
        assertEquals(3, new LesionMeasurement(1, 2, 1, 3).sliceIndex());
    }
}
