package org.wsss.propagation.geometry;

import org.wsss.api.Recist;
import org.wsss.api.RecistPropagator;

/**
 * Entry point of the RECIST propagation geometry (paper Sec. 2.3, "RECIST Propagation"):
 * estimates the RECIST R̂ on slices off the RECIST slice.
 *
 * <pre>{@code
 * RecistPropagator p = Propagation.pythagorean();
 * Optional<Recist> rHat = p.propagate(recist, recist.sliceIndex() + 1, spacing);
 * }</pre>
 */
public final class Propagation {

    private Propagation() {
    }

    /** {@link #pythagorean(PropagationConfig)} with {@link PropagationConfig#defaults()}. */
    public static RecistPropagator pythagorean() {
        return pythagorean(PropagationConfig.defaults());
    }

    /**
     * Pythagorean propagation on an ellipsoid lesion model.
     *
     * <p>Model. The RECIST slice r holds the lesion's largest axial cross-section. The lesion is
     * an ellipsoid centred on the RECIST centre c, with in-plane semi-axes along the RECIST
     * directions and a z semi-axis {@code Z = config.zRadiusMm(longMm, shortMm)}. On slice
     * {@code target} at physical offset {@code d = (target − r) × spacing.z} mm its cross-section
     * is the RECIST cross-section scaled about c by {@code f(d) = sqrt(1 − (d/Z)²)}, so every
     * half-axis (c to an endpoint, in mm) becomes {@code l(d) = l0 · sqrt(1 − (d/Z)²)
     * = (l0/Z) · sqrt(Z² − d²)} — the Pythagorean theorem on the ellipsoid's meridian, exactly
     * {@code sqrt(l0² − d²)} for a half-axis of length Z (e.g. a centred long axis under the
     * default sphere). Uniform scaling keeps the directions, the perpendicularity in mm and
     * the endpoints on the original axis lines.
     *
     * <p>Centre. c is the intersection of the two axis lines, which on a radiologist's mark
     * lies on both segments. Should it lie off a segment (a "T" whose axes do not cross), that
     * axis shrinks about its endpoint nearest to the intersection: the pivot is the intersection
     * clamped to each segment, so the result moves continuously with the endpoints and stays
     * within the original segments. ({@link Recist#center()}, the mean of the endpoints, is not
     * used: it lies on neither axis line unless both axes are bisected.)
     *
     * <p>Result. {@code target == r} returns R itself. Empty when {@code |d| ≥ Z} or when a
     * shrunk axis is shorter than {@link Recist#MIN_AXIS_LENGTH_PX}. Otherwise a mark on slice
     * {@code target}. Never NaN: Z &gt; 0 because axes are at least
     * {@link Recist#MIN_AXIS_LENGTH_PX} long and spacing is positive.
     *
     * <p>Bad input: a negative target slice, or axes further than
     * {@link Recist#PERPENDICULAR_TOLERANCE_DEGREES} from perpendicular in mm, throw an
     * {@link IllegalArgumentException}.
     *
     * <p>Deviations from the paper: the paper projects endpoints "by the Pythagorean theorem"
     * without a formula and without a lesion extent along z. Read per endpoint
     * ({@code sqrt(l0² − d²)} with each endpoint's own l0), the short axis would vanish first
     * and an elongated lesion would degenerate to a line; the ellipsoid keeps the cross-section's
     * shape and shrinks all half-axes by one factor. The z extent is an explicit assumption,
     * set by {@link PropagationConfig}.
     */
    public static RecistPropagator pythagorean(PropagationConfig config) {
        return new PythagoreanPropagator(config);
    }
}
