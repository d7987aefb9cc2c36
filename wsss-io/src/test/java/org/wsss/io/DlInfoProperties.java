package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.wsss.api.Axis;
import org.wsss.api.LesionCategory;
import org.wsss.api.Recist;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

class DlInfoProperties {

    /** Any valid row survives format → CSV line → parse unchanged, whatever the axis order. */
    @Property(tries = 300)
    void rowsRoundTripThroughTheCsvLine(
            @ForAll @DoubleRange(min = 70, max = 450) double cx, @ForAll @DoubleRange(min = 70, max = 450) double cy,
            @ForAll @DoubleRange(min = 0, max = 3.14) @Scale(4) double angle,
            @ForAll @DoubleRange(min = 1, max = 19) double halfA, @ForAll @DoubleRange(min = 1, max = 19) double halfB,
            @ForAll @DoubleRange(min = 0.3, max = 1.2) double sx, @ForAll @DoubleRange(min = 0.3, max = 1.2) double sy,
            @ForAll @IntRange(min = 0, max = 40) int key, @ForAll @IntRange(min = 0, max = 8) int cat,
            @ForAll @IntRange(min = 1, max = 3) int split, @ForAll boolean noisy) {
        // Half-lengths up to 19 mm at >= 0.3 mm/px stay within 64 px of the centre, inside the image.
        // Axes perpendicular in mm: direction (cos, sin) in mm, the other (-sin, cos), mapped to pixels.
        double ux = Math.cos(angle) / sx, uy = Math.sin(angle) / sy;
        double vx = -Math.sin(angle) / sx, vy = Math.cos(angle) / sy;
        VoxelSpacing sp = new VoxelSpacing(sx, sy, 2.5);
        Axis a = Axis.of(cx - halfA * ux, cy - halfA * uy, cx + halfA * ux, cy + halfA * uy);
        Axis b = Axis.of(cx - halfB * vx, cy - halfB * vy, cx + halfB * vx, cy + halfB * vy);
        Recist r = Recist.fromAxes(a, b, key, sp);
        DeepLesionRecord rec = new DeepLesionRecord(String.format("000042_01_03_%03d.png", key), 42, 1, 3, r, noisy,
                0, key + 5, sp, 520, 520, Window.ofLevelWidth(50, 350),
                cat == 0 ? LesionCategory.UNKNOWN : LesionCategory.ofCode(cat), "M", 57, Split.ofCode(split));
        assertEquals(rec, DlInfo.parse(CsvLine.split(CsvLine.join(DlInfo.format(rec)))));
    }
}
