package org.wsss.api.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.wsss.api.Axis;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.VolumeLesionCase;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

/**
 * The inputs every contract test uses: a slice with one bright ellipse (lesion 60 HU over a
 * 0 HU background, 10 HU noise) and its RECIST, and a lesion case holding an ellipsoid. Fixed
 * seeds, so every run sees the same pixels.
 */
public final class Fixtures {

    /** Slice size. */
    public static final int W = 96, H = 96;
    /** Ellipse centre and in-plane semi-axes, px. */
    public static final int CX = 46, CY = 49, A = 16, B = 11;
    /** Spacing of the fixtures. */
    public static final VoxelSpacing SPACING = new VoxelSpacing(0.8, 0.8, 2.5);
    /** The window of the fixtures. */
    public static final Window WINDOW = Window.ofLevelWidth(30, 200);
    /** Slices of the case and its RECIST slice. */
    public static final int DEPTH = 13, KEY = 6;
    /** z semi-axis of the ellipsoid, mm. */
    public static final double C_MM = 10;

    private Fixtures() {
    }

    /** Whether (x, y) lies in the ellipse scaled by {@code s} (s = 1 on the key slice). */
    static boolean inside(int x, int y, double s) {
        double dx = (x - CX) / (A * s), dy = (y - CY) / (B * s);
        return s > 0 && dx * dx + dy * dy <= 1;
    }

    /** Cross-section scale of the ellipsoid on slice z. */
    static double scale(int z) {
        double d = (z - KEY) * SPACING.z() / C_MM;
        return d * d >= 1 ? 0 : Math.sqrt(1 - d * d);
    }

    /** Slice z of the ellipsoid volume (the key slice for z = {@link #KEY}). */
    public static Slice slice(int z) {
        SplittableRandom rnd = new SplittableRandom(1000 + z);
        float[] hu = new float[W * H];
        double s = scale(z);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                hu[y * W + x] = (inside(x, y, s) ? 60f : 0f) + (float) (10 * rnd.nextGaussian());
            }
        }
        return Slice.of(W, H, hu, SPACING);
    }

    /** The key slice. */
    public static Slice keySlice() {
        return slice(KEY);
    }

    /** The lesion on slice z. */
    public static Mask truth(int z) {
        boolean[] m = new boolean[W * H];
        double s = scale(z);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                m[y * W + x] = inside(x, y, s);
            }
        }
        return Mask.of(W, H, m);
    }

    /** The RECIST of the ellipse on the key slice (axes along x and y). */
    public static Recist recist() {
        return Recist.fromAxes(Axis.of(CX - A + 0.5, CY, CX + A - 0.5, CY), Axis.of(CX, CY - B + 0.5, CX, CY + B - 0.5), KEY,
                SPACING);
    }

    /** The ellipsoid case with its ground truth. */
    public static VolumeLesionCase lesionCase() {
        List<Slice> slices = new ArrayList<>();
        Mask3D.Builder t = Mask3D.builder(W, H, DEPTH, SPACING);
        for (int z = 0; z < DEPTH; z++) {
            slices.add(slice(z));
            t.setSlice(z, truth(z));
        }
        return LesionCase.of("ellipsoid", Volume.of(slices, SPACING), recist(), WINDOW).withGroundTruth(t.build());
    }

    /** Dice of two masks (1 when both are empty). */
    public static double dice(Mask a, Mask b) {
        long s = a.count() + b.count();
        return s == 0 ? 1 : 2.0 * a.intersectionCount(b) / s;
    }
}
