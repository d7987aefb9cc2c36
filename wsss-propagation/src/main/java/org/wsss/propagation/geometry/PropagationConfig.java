package org.wsss.propagation.geometry;

import java.util.Objects;

/**
 * Configuration of the Pythagorean RECIST propagation ({@link Propagation#pythagorean(PropagationConfig)}):
 * how far along z the lesion is assumed to reach from its RECIST slice.
 *
 * <p>The lesion is modelled as an ellipsoid whose axial cross-section through the RECIST slice
 * is spanned by the RECIST half-axes and whose semi-axis along z is
 * {@code zRadiusMm = zRadiusScale × base}, {@code base} chosen by {@link #zRadius()} from the
 * mark's mm lengths.
 *
 * <p>Deviations from the paper: Sec. 2.3 says only that the RECIST slice is the lesion's largest
 * cross-section and that endpoints are projected "by the Pythagorean theorem"; it gives no
 * formula for the lesion's extent along z. The z radius here is an explicit, configurable
 * assumption; the default ({@link ZRadius#HALF_LONG}, scale 1) is the sphere on the long axis,
 * under which a centred long half-axis shrinks exactly as {@code sqrt(l0² − d²)}.
 *
 * @param zRadius which in-plane size the z semi-axis is derived from
 * @param zRadiusScale factor applied to that size, finite, in (0, 10]
 */
public record PropagationConfig(ZRadius zRadius, double zRadiusScale) {

    /** Largest accepted {@link #zRadiusScale()}: beyond it the "lesion" is a rod, not a lesion. */
    public static final double MAX_Z_RADIUS_SCALE = 10.0;

    /** The in-plane size the z semi-axis is derived from. */
    public enum ZRadius {
        /** Half the long axis: with scale 1 the lesion is a sphere on the long axis. */
        HALF_LONG,
        /** Half the short axis: the most conservative extent. */
        HALF_SHORT,
        /** Mean of half the long and half the short axis. */
        MEAN_HALF_AXES;

        /** The base z radius in mm for a mark with the given axis lengths in mm. */
        double baseMm(double longMm, double shortMm) {
            return switch (this) {
                case HALF_LONG -> longMm / 2;
                case HALF_SHORT -> shortMm / 2;
                case MEAN_HALF_AXES -> (longMm + shortMm) / 4;
            };
        }
    }

    /** Validates both fields. */
    public PropagationConfig {
        Objects.requireNonNull(zRadius, "PropagationConfig.zRadius");
        if (!Double.isFinite(zRadiusScale) || !(zRadiusScale > 0) || zRadiusScale > MAX_Z_RADIUS_SCALE) {
            throw new IllegalArgumentException("PropagationConfig.zRadiusScale must be finite and in (0, "
                    + MAX_Z_RADIUS_SCALE + "], got " + zRadiusScale);
        }
    }

    /** The sphere on the long axis: {@code HALF_LONG}, scale 1. */
    public static PropagationConfig defaults() {
        return new PropagationConfig(ZRadius.HALF_LONG, 1.0);
    }

    /**
     * The extent the 3D segmenters and WSSS training assume unless told otherwise
     * ({@code InferenceConfig.defaults()}, {@code GrabCut3deConfig.defaults()},
     * {@code WsssConfig.defaults()}): {@code MEAN_HALF_AXES}, scale 1, a z semi-axis between
     * the two in-plane ones. The sphere on the long axis ({@link #defaults()}) makes a lesion as deep as it is long, and a 3D walk bounded by it goes on past
     * the end of most lesions, which are flatter; the mean of the half-axes shortens the extent
     * more for lesions that are elongated in-plane, and needs no fitted factor. The measurements
     * behind this choice are in the module README.
     */
    public static PropagationConfig segmentationDefaults() {
        return new PropagationConfig(ZRadius.MEAN_HALF_AXES, 1.0);
    }

    /** The z semi-axis in mm for a mark with the given axis lengths in mm. */
    public double zRadiusMm(double longMm, double shortMm) {
        return zRadiusScale * zRadius.baseMm(longMm, shortMm);
    }
}
