package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SeedMap, ProbabilityMap, Window, Roi, Provenance and VoxelSpacing. */
class SmallTypesTest {

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void seedMapOutsideRoiIsBackgroundAndCounts() {
        Roi roi = new Roi(2, 3, 4, 2);
        SeedMap m = SeedMap.builder(roi).fill(SeedLabel.PROBABLE_BACKGROUND)
                .set(3, 3, SeedLabel.FOREGROUND).set(4, 4, SeedLabel.PROBABLE_FOREGROUND).build();
        assertEquals(SeedLabel.BACKGROUND, m.get(0, 0));
        assertEquals(SeedLabel.BACKGROUND, m.get(6, 3));
        assertEquals(SeedLabel.BACKGROUND, m.get(-5, 100));
        assertEquals(SeedLabel.FOREGROUND, m.get(3, 3));
        assertEquals(SeedLabel.PROBABLE_BACKGROUND, m.get(2, 3));
        assertEquals(6, m.count(SeedLabel.PROBABLE_BACKGROUND));
        assertEquals(1, m.count(SeedLabel.FOREGROUND));
        assertEquals(1, m.count(SeedLabel.PROBABLE_FOREGROUND));
        assertEquals(0, m.count(SeedLabel.BACKGROUND));
        assertThrows(IndexOutOfBoundsException.class, () -> SeedMap.builder(roi).set(6, 3, SeedLabel.FOREGROUND));
    }

    @Test
    void seedMapMaskSelectsLabelsAndClipsToTheSlice() {
        // ROI reaching past the right edge of an 8 x 8 slice.
        Roi roi = new Roi(6, 1, 4, 2);
        SeedMap.Builder b = SeedMap.builder(roi).fill(SeedLabel.FOREGROUND);
        b.set(7, 2, SeedLabel.PROBABLE_FOREGROUND);
        SeedMap m = b.build();
        Mask fg = m.mask(8, 8, SeedLabel.FOREGROUND);
        assertEquals(3, fg.count()); // (6,1), (7,1), (6,2); columns 8, 9 lie outside
        assertTrue(fg.get(6, 1) && fg.get(7, 1) && fg.get(6, 2));
        assertEquals(4, m.mask(8, 8, SeedLabel.FOREGROUND, SeedLabel.PROBABLE_FOREGROUND).count());
        assertEquals(0, m.mask(8, 8, SeedLabel.BACKGROUND).count());
        byte[] ord = m.toOrdinals();
        ord[0] = 0;
        assertEquals(SeedLabel.FOREGROUND, m.get(6, 1));
        assertTrue(SeedLabel.PROBABLE_FOREGROUND.isForeground() && !SeedLabel.PROBABLE_FOREGROUND.isHard());
        assertTrue(SeedLabel.BACKGROUND.isHard() && !SeedLabel.BACKGROUND.isForeground());
    }

    @Test
    void probabilityMapRangeCheckNamesThePixel() {
        Roi roi = new Roi(10, 20, 3, 2);
        float[] v = {0, 0.5f, 1, 0.2f, Float.NaN, 0.3f};
        assertMessage(assertThrows(IllegalArgumentException.class, () -> ProbabilityMap.of(roi, v, Provenance.NONE)),
                "(11, 21)", "NaN");
        v[4] = 1.0001f;
        assertMessage(assertThrows(IllegalArgumentException.class, () -> ProbabilityMap.of(roi, v, Provenance.NONE)),
                "(11, 21)");
        v[4] = -0.01f;
        assertThrows(IllegalArgumentException.class, () -> ProbabilityMap.of(roi, v, Provenance.NONE));
        assertThrows(IllegalArgumentException.class, () -> ProbabilityMap.of(roi, new float[5], Provenance.NONE));
    }

    @Test
    void probabilityMapThreshold() {
        Roi roi = new Roi(1, 1, 3, 2);
        ProbabilityMap p = ProbabilityMap.of(roi, new float[] {0.1f, 0.5f, 0.9f, 0.49f, 0.51f, 1f}, Provenance.NONE);
        assertEquals(0f, p.get(0, 0));
        assertEquals(0.9f, p.get(3, 1));
        Mask m = p.threshold(4, 4, 0.5);
        assertEquals(4, m.count()); // 0.5 (>= threshold), 0.9, 0.51, 1
        assertTrue(m.get(2, 1) && m.get(3, 1) && m.get(2, 2) && m.get(3, 2));
        // Clipped to a smaller slice: column 3 and row 2 fall outside a 3 x 2 slice.
        assertEquals(1, p.threshold(3, 2, 0.5).count());
        assertEquals(6, ProbabilityMap.of(3, 2, new float[6]).threshold(3, 2, 0).count());
    }

    @Test
    void windowMapsLinearlyAndClamps() {
        Window w = Window.ofLevelWidth(40, 400);
        assertEquals(-160, w.lower(), 0);
        assertEquals(240, w.upper(), 0);
        assertEquals(40, w.level(), 0);
        assertEquals(400, w.width(), 0);
        assertEquals(0f, w.apply(-1000));
        assertEquals(1f, w.apply(3000));
        assertEquals(0.5f, w.apply(40));
        assertEquals(0.25f, w.apply(-60));
        assertEquals(0, w.toByte(-160));
        assertEquals(255, w.toByte(240));
        assertEquals(128, w.toByte(40)); // 127.5 rounds up
        assertEquals(-175, Window.DEFAULT.lower(), 0);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Window(10, 10)), "[10.0, 10.0]");
        assertThrows(IllegalArgumentException.class, () -> new Window(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> Window.ofLevelWidth(0, -5));
    }

    @Test
    void roiClipContainsTranslate() {
        Roi r = new Roi(-3, 5, 10, 10);
        assertEquals(new Roi(0, 5, 7, 3), r.clip(20, 8));
        assertTrue(r.contains(-3, 5));
        assertTrue(r.contains(6, 14));
        assertFalse(r.contains(7, 14));
        assertFalse(r.contains(6, 15));
        assertTrue(r.contains(new Roi(0, 6, 7, 9)));
        assertFalse(r.contains(new Roi(0, 6, 7, 10)));
        assertEquals(new Roi(-1, 4, 10, 10), r.translate(2, -1));
        assertEquals(100, r.area());
        assertEquals(7, r.endX());
        assertMessage(assertThrows(IllegalArgumentException.class, () -> r.clip(20, 5)), "20x5");
        assertThrows(IllegalArgumentException.class, () -> new Roi(30, 0, 5, 5).clip(20, 20));
        assertThrows(IllegalArgumentException.class, () -> new Roi(0, 0, 0, 5));
    }

    @Test
    void provenanceIsImmutableAndChains() {
        Map<String, String> params = new HashMap<>(Map.of("b", "2", "a", "1"));
        Provenance p = Provenance.of("grabcut-r", params);
        params.put("c", "3");
        assertEquals(Map.of("a", "1", "b", "2"), p.parameters());
        assertEquals(List.of("a", "b"), new ArrayList<>(p.parameters().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.parameters().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> p.notes().add("x"));
        Provenance noted = p.withNote("fell back to seeds").withSeed(42);
        assertEquals(List.of(), p.notes());
        assertFalse(p.hasSeed());
        assertTrue(noted.hasSeed());
        assertEquals(42, noted.seed());
        assertEquals(List.of("fell back to seeds"), noted.notes());
        Provenance child = Provenance.of("wsss-3", Map.of()).withParent(noted);
        Provenance grandchild = Provenance.of("volume", Map.of()).withParent(child);
        assertSame(noted, grandchild.parent().parent());
        assertNull(noted.parent());
        assertEquals(SdkVersion.get(), p.sdkVersion());
        assertThrows(IllegalArgumentException.class, () -> Provenance.of(" ", Map.of()));
    }

    @Test
    void voxelSpacingValidatesEachComponentByName() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new VoxelSpacing(0, 1, 1)), "x", "0.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new VoxelSpacing(1, -2, 1)), "y", "-2.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new VoxelSpacing(1, 1, Double.NaN)),
                "z", "NaN");
        assertThrows(IllegalArgumentException.class, () -> new VoxelSpacing(Double.POSITIVE_INFINITY, 1, 1));
        VoxelSpacing s = new VoxelSpacing(0.5, 2, 4);
        assertEquals(4.0, s.voxelVolumeMm3(), 0);
        assertEquals(1.0, s.pixelAreaMm2(), 0);
        assertEquals(Math.hypot(1.5, 8), s.distanceMm(new Point2(1, 1), new Point2(4, 5)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Point2(Double.NaN, 0));
    }
}
