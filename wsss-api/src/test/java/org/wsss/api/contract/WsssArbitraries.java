package org.wsss.api.contract;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.wsss.api.Axis;
import org.wsss.api.Mask;
import org.wsss.api.Point2;
import org.wsss.api.Recist;
import org.wsss.api.VoxelSpacing;

/** jqwik arbitraries shared by the contract and property tests of every module. */
public final class WsssArbitraries {

    private WsssArbitraries() {
    }

    /** Clinical CT spacings: in-plane 0.4–1.5 mm (x and y may differ), slice interval 0.6–7.5 mm. */
    public static Arbitrary<VoxelSpacing> spacings() {
        return Combinators.combine(Arbitraries.doubles().between(0.4, 1.5), Arbitraries.doubles().between(0.4, 1.5),
                Arbitraries.doubles().between(0.6, 7.5)).as(VoxelSpacing::new);
    }

    /** Spacings with square pixels (0.4–1.5 mm), slice interval 0.6–7.5 mm. */
    public static Arbitrary<VoxelSpacing> squarePixelSpacings() {
        return Combinators.combine(Arbitraries.doubles().between(0.4, 1.5), Arbitraries.doubles().between(0.6, 7.5))
                .as((xy, z) -> new VoxelSpacing(xy, xy, z));
    }

    /**
     * RECIST marks inside a {@code width × height} slice: a long axis of 6 px or more at any
     * angle, a perpendicular short axis of 30–100 % of its length through a point of it, slice
     * index 50..250 (room for offsets of ±50 slices). The axes are perpendicular in pixels, so
     * the marks are valid under {@link #squarePixelSpacings()}.
     */
    public static Arbitrary<Recist> recists(int width, int height) {
        int margin = Math.min(width, height) / 4;
        return Combinators.combine(Arbitraries.doubles().between(margin, width - margin),
                Arbitraries.doubles().between(margin, height - margin), Arbitraries.doubles().between(3, margin - 1),
                Arbitraries.doubles().between(0, 3.14), Arbitraries.doubles().between(0.3, 1.0),
                Arbitraries.doubles().between(-0.3, 0.3), Arbitraries.integers().between(50, 250))
                .as((cx, cy, half, angle, ratio, along, slice) -> {
                    double ux = Math.cos(angle), uy = Math.sin(angle);
                    Axis longAxis = Axis.of(cx - half * ux, cy - half * uy, cx + half * ux, cy + half * uy);
                    double sx = cx + along * half * ux, sy = cy + along * half * uy, s = ratio * half;
                    Axis shortAxis = new Axis(new Point2(sx + s * uy, sy - s * ux), new Point2(sx - s * uy, sy + s * ux));
                    return new Recist(longAxis, shortAxis, slice);
                });
    }

    /** Binary masks of {@code width × height} with about {@code density} of their pixels set. */
    public static Arbitrary<Mask> masks(int width, int height, double density) {
        return Arbitraries.longs().map(seed -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            boolean[] m = new boolean[width * height];
            for (int i = 0; i < m.length; i++) {
                m[i] = r.nextDouble() < density;
            }
            return Mask.of(width, height, m);
        });
    }
}
