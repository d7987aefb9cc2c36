package org.wsss.grabcut.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.wsss.api.Axis;
import org.wsss.api.Point2;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;

/**
 * The GrabCut-R layout of Sec. 2.1 on random marks (any angle, anisotropic spacing, ROI sides
 * of at least 24 px, not clipped). Tolerances: BG fraction 0.50 ± 0.03 (the rounding of the
 * central rectangle's sides, at most half a pixel per side, is ≤ 0.03 of the area for sides
 * ≥ 24 px); FG fraction exactly round(0.10 · area) pixels; the rest (PFG + PBG) 0.40 ± 0.03.
 */
class GrabCutRSeedsProperties {

    static final int SIZE = 400;

    static Slice flat(VoxelSpacing sp) {
        return Slice.of(SIZE, SIZE, new float[SIZE * SIZE], sp);
    }

    @Property(tries = 60)
    void layoutHasThePapersFractionsAndShape(@ForAll @IntRange(min = 150, max = 250) int cx,
                                             @ForAll @IntRange(min = 150, max = 250) int cy,
                                             @ForAll @DoubleRange(min = 12, max = 40) double halfLong,
                                             @ForAll @DoubleRange(min = 0.5, max = 1.0) double ratio,
                                             @ForAll @DoubleRange(min = 0, max = 3.14) double angle,
                                             @ForAll @DoubleRange(min = 0.6, max = 1.0) double sx) {
        VoxelSpacing sp = new VoxelSpacing(sx, 0.8, 5);
        // Long axis at `angle` in mm space, short axis perpendicular in mm space.
        double ux = Math.cos(angle) / sx, uy = Math.sin(angle) / sp.y();
        double vx = -Math.sin(angle) / sx, vy = Math.cos(angle) / sp.y();
        double lmm = halfLong, smm = halfLong * ratio;
        Recist r = new Recist(
                new Axis(new Point2(cx - ux * lmm, cy - uy * lmm), new Point2(cx + ux * lmm, cy + uy * lmm)),
                new Axis(new Point2(cx - vx * smm, cy - vy * smm), new Point2(cx + vx * smm, cy + vy * smm)), 0);
        Roi full = SeedGeometry.contextRoi(r.boundingBox(), 2.0);
        if (full.width() < 24 || full.height() < 24) {
            return;
        }
        SeedMap m = new GrabCutRSeeds(GrabCutRConfig.defaults()).generate(SeedInput.of(flat(sp), r));
        Roi roi = m.roi();
        assertEquals(full, roi, "ROI is 2x the tight box, not clipped here");
        double area = roi.area();
        double bg = m.count(SeedLabel.BACKGROUND) / area;
        int fg = m.count(SeedLabel.FOREGROUND);
        double rest = (m.count(SeedLabel.PROBABLE_FOREGROUND) + m.count(SeedLabel.PROBABLE_BACKGROUND)) / area;
        assertEquals(0.5, bg, 0.03, "BG fraction");
        assertEquals(Math.round(0.1 * area), fg, "FG pixels");
        assertEquals(0.4, rest, 0.03, "PFG + PBG fraction");
        // FG holds the RECIST: every endpoint's and midpoint's pixel, and the axes' raster.
        for (Axis a : List.of(r.longAxis(), r.shortAxis())) {
            for (Point2 p : List.of(a.start(), a.end(), a.midpoint())) {
                assertEquals(SeedLabel.FOREGROUND, m.get(p.pixelX(), p.pixelY()), "RECIST point " + p);
            }
        }
        // BG is the ROI border.
        for (int x = roi.x(); x < roi.endX(); x++) {
            assertEquals(SeedLabel.BACKGROUND, m.get(x, roi.y()));
            assertEquals(SeedLabel.BACKGROUND, m.get(x, roi.endY() - 1));
        }
        for (int y = roi.y(); y < roi.endY(); y++) {
            assertEquals(SeedLabel.BACKGROUND, m.get(roi.x(), y));
            assertEquals(SeedLabel.BACKGROUND, m.get(roi.endX() - 1, y));
        }
    }

    @Test
    void clippedRoiKeepsTheLayoutAndABackgroundRing() {
        VoxelSpacing sp = new VoxelSpacing(0.7, 0.7, 5);
        Recist r = new Recist(Axis.of(2, 20, 30, 20), Axis.of(16, 10, 16, 30), 0);
        SeedMap m = new GrabCutRSeeds(GrabCutRConfig.defaults()).generate(SeedInput.of(flat(sp), r));
        Roi full = SeedGeometry.contextRoi(r.boundingBox(), 2.0);
        assertEquals(full.clip(SIZE, SIZE), m.roi());
        assertTrue(m.roi().x() == 0 && m.roi().y() == 0, "clipped at the top-left corner: " + m.roi());
        assertTrue(m.provenance().notes().stream().anyMatch(s -> s.contains("clipped")), m.provenance().notes().toString());
        // Same labels as the unclipped layout wherever the cut did not force BG.
        byte[] layout = GrabCutRSeeds.layout(r, full, sp, GrabCutRConfig.defaults());
        Roi roi = m.roi();
        for (int y = roi.y() + 1; y < roi.endY(); y++) {
            for (int x = roi.x() + 1; x < roi.endX(); x++) {
                assertEquals(SeedLabel.ofOrdinal(layout[(y - full.y()) * full.width() + x - full.x()]), m.get(x, y));
            }
        }
        for (int x = roi.x(); x < roi.endX(); x++) {
            SeedLabel l = m.get(x, roi.y());
            assertTrue(l == SeedLabel.BACKGROUND || l == SeedLabel.FOREGROUND, "cut side pixel " + x + " is " + l);
        }
        // The RECIST endpoint at x = 2 is FG; the left cut side keeps it.
        assertEquals(SeedLabel.FOREGROUND, m.get(2, 20));
    }
}
