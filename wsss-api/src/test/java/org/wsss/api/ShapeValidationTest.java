package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Non-finite pixels and mismatched shapes are rejected with messages that say where. */
class ShapeValidationTest {

    private static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.8, 5);

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void sliceRejectsNonFinitePixelNamingIt(float bad) {
        float[] hu = new float[4 * 3];
        hu[2 * 4 + 3] = bad; // column 3, row 2
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Slice.of(4, 3, hu, SP));
        assertMessage(e, "(3, 2)", String.valueOf(bad));
    }

    @Test
    void sliceRejectsLengthMismatchAndBadSize() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Slice.of(4, 3, new float[11], SP)),
                "4x3", "12", "11");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Slice.of(0, 3, new float[0], SP)), "0x3");
    }

    @Test
    void sliceIsACopy() {
        float[] hu = {1, 2, 3, 4};
        Slice s = Slice.of(2, 2, hu, SP);
        hu[0] = 99;
        assertEquals(1f, s.get(0, 0));
        float[] out = s.toArray();
        out[1] = 99;
        assertEquals(2f, s.get(1, 0));
        assertEquals(4f, s.crop(new Roi(1, 1, 1, 1)).get(0, 0));
        assertThrows(IllegalArgumentException.class, () -> s.crop(new Roi(1, 1, 2, 1)));
    }

    @Test
    void maskOpsRejectMismatchedShapes() {
        Mask a = Mask.empty(4, 3), b = Mask.empty(3, 4);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.and(b)), "4x3", "3x4");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.or(b)), "4x3", "3x4");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.intersectionCount(b)), "4x3", "3x4");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Mask.of(4, 3, new boolean[11])), "12", "11");
    }

    @Test
    void mask3dRejectsMismatchedShapes() {
        Mask3D a = Mask3D.empty(4, 3, 2, SP), b = Mask3D.empty(4, 3, 3, SP);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.intersectionCount(b)), "4x3x2", "4x3x3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mask3D.stack(List.of(Mask.empty(4, 3), Mask.empty(4, 3), Mask.empty(3, 4)), SP));
        assertMessage(e, "slice 2", "4x3", "3x4");
        assertThrows(IllegalArgumentException.class, () -> Mask3D.stack(List.of(), SP));
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Mask3D.builder(4, 3, 2, SP).setSlice(1, Mask.empty(3, 3))), "slice 1", "3x3");
    }

    @Test
    void weakLabelRejectsMismatchedShapes() {
        Mask ok = Mask.empty(5, 5), bad = Mask.empty(5, 6);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> WeakLabel.of(ok, bad, ok)), "5x5", "5x6");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> WeakLabel.of(ok, ok, bad)), "5x5", "5x6");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> WeakLabel.of(bad, ok, ok)), "5x6", "5x5");
    }

    @Test
    void weakLabelRejectsOverlapNamingThePixel() {
        Mask r = Mask.builder(6, 5).set(2, 2).build();
        Mask f = Mask.builder(6, 5).set(1, 1).set(4, 3).build();
        Mask bFromF = Mask.builder(6, 5).set(0, 0).set(4, 3).build();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> WeakLabel.of(r, f, bFromF)),
                "F and B", "(4, 3)");
        Mask fFromR = Mask.builder(6, 5).set(2, 2).build();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> WeakLabel.of(r, fFromR, Mask.empty(6, 5))),
                "R and F", "(2, 2)");
        Mask bFromR = Mask.builder(6, 5).set(5, 4).set(2, 2).build();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> WeakLabel.of(r, f, bFromR)),
                "R and B", "(2, 2)");
    }

    @Test
    void weakLabelHoldsSortedDisjointSets() {
        Mask r = Mask.builder(6, 5).set(2, 2).set(0, 1).build();
        Mask f = Mask.builder(6, 5).set(1, 1).build();
        Mask b = Mask.builder(6, 5).set(5, 4).set(0, 0).build();
        WeakLabel l = WeakLabel.of(r, f, b);
        assertEquals(List.of(6, 14), toList(l.recistIndices()));
        assertEquals(List.of(7), toList(l.foregroundIndices()));
        assertEquals(List.of(0, 29), toList(l.backgroundIndices()));
        assertEquals(2, l.recistCount());
        assertEquals(1, l.foregroundCount());
        assertEquals(2, l.backgroundCount());
        l.recistIndices()[0] = 99;
        assertEquals(6, l.recistIndices()[0]);
    }

    @Test
    void volumeRejectsMismatchedSlicesNamingThem() {
        Slice a = Slice.of(4, 3, new float[12], SP), b = Slice.of(3, 4, new float[12], SP);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Volume.of(List.of(a, a, b), SP));
        assertMessage(e, "slice 2", "3x4", "4x3");
        assertThrows(IllegalArgumentException.class, () -> Volume.of(List.of(), SP));
        Volume v = Volume.of(List.of(a, a), SP);
        assertEquals(2, v.depth());
        assertEquals(4, v.width());
        assertEquals(3, v.height());
        assertThrows(IndexOutOfBoundsException.class, () -> v.slice(2));
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
