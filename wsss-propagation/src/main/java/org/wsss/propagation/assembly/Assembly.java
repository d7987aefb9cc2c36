package org.wsss.propagation.assembly;

import java.util.Objects;
import org.wsss.api.ComponentLabels;
import org.wsss.api.Connectivity2D;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.grabcut.seeds.DistanceTransform;

/**
 * Entry point of the 3D assembly helpers (paper Sec. 2.3 / 3.3, "3D inference"): connected
 * components in 2D and 3D, and measuring a 3D lesion mask back as volume and RECIST.
 * Stateless; every method is thread-safe and allocates only per call.
 *
 * <pre>{@code
 * // Keep what is connected to the RECIST-slice mask, then measure it.
 * Mask3D lesion = Assembly.keepConnectedTo(stacked, r, recistSliceMask, Connectivity3D.SIX);
 * LesionMeasurement m = Assembly.measure(lesion);
 * }</pre>
 *
 * <p>Deviations from the paper: the paper stacks slice masks into a volume without saying how
 * spurious pieces are removed or which connectivity applies; here the caller chooses
 * {@link Connectivity3D}, and the volume's RECIST is re-measured on the largest axial
 * cross-section, which the paper does not do.
 */
public final class Assembly {

    private Assembly() {
    }

    /**
     * Labels the connected components of {@code mask}: {@link ComponentLabels#of}, which lives in
     * wsss-api so that the seeders of wsss-grabcut share the one implementation.
     */
    public static ComponentLabels label(Mask mask, Connectivity2D connectivity) {
        return ComponentLabels.of(mask, connectivity);
    }

    /**
     * The foreground of {@code current} connected to {@code previous}, the mask of the adjacent
     * slice: the components of {@code current} (in-plane connectivity
     * {@link Connectivity3D#inPlane()}) with a pixel that touches a pixel of {@code previous}
     * across the slice gap — the same pixel for {@link Connectivity3D#SIX}, one within the 3×3
     * window for {@link Connectivity3D#TWENTY_SIX}. Empty when nothing is connected: the lesion
     * has ended.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Mask connectedToPrevious(Mask current, Mask previous, Connectivity3D connectivity) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(connectivity, "connectivity");
        current.requireSameShape(previous);
        return Flood.connectedToPrevious(current, previous, connectivity);
    }

    /**
     * The pixels of {@code current} within {@code reachMm} millimetres (in-plane, physical
     * distance) of a pixel of {@code previous}: {@code current ∧ dilate(previous, reachMm)}.
     * Moving away from the RECIST slice — by definition the lesion's largest cross-section — a
     * cross-section can only grow a little, so this stops a network's leak into neighbouring
     * tissue from spreading slice by slice. An infinite reach returns {@code current}.
     *
     * @throws IllegalArgumentException if the shapes differ or {@code reachMm} is negative or NaN
     */
    public static Mask withinReach(Mask current, Mask previous, double reachMm, double spacingXMm, double spacingYMm) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        current.requireSameShape(previous);
        if (!(reachMm >= 0)) {
            throw new IllegalArgumentException("reachMm must be >= 0, got " + reachMm);
        }
        if (reachMm == Double.POSITIVE_INFINITY || current.isEmpty()) {
            return current;
        }
        int w = current.width(), h = current.height();
        boolean[] seed = new boolean[w * h];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = previous.getIndex(i);
        }
        double[] d2 = DistanceTransform.squaredMm(seed, w, h, spacingXMm, spacingYMm);
        double r2 = reachMm * reachMm;
        Mask.Builder out = Mask.builder(w, h);
        for (int i = 0; i < seed.length; i++) {
            if (current.getIndex(i) && d2[i] <= r2) {
                out.set(i % w, i / w);
            }
        }
        return out.build();
    }

    /**
     * The voxels of {@code mask} connected to the seed pixels {@code seed} on slice
     * {@code slice} (only seed pixels that are in {@code mask} count). Every seed pixel inside
     * {@code mask} is kept, so a lesion whose RECIST slice was segmented never comes back
     * empty; the result is empty only when no seed pixel is in {@code mask}. The provenance is
     * {@code mask}'s with a note on what was kept.
     *
     * @throws IllegalArgumentException if {@code seed}'s shape is not the mask's slice shape
     * @throws IndexOutOfBoundsException if {@code slice} is outside the mask
     */
    public static Mask3D keepConnectedTo(Mask3D mask, int slice, Mask seed, Connectivity3D connectivity) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(connectivity, "connectivity");
        if (slice < 0 || slice >= mask.depth()) {
            throw new IndexOutOfBoundsException("slice " + slice + " outside 0.." + (mask.depth() - 1));
        }
        if (seed.width() != mask.width() || seed.height() != mask.height()) {
            throw new IllegalArgumentException("keepConnectedTo: seed is " + seed.width() + "x" + seed.height()
                    + ", mask slices are " + mask.width() + "x" + mask.height());
        }
        return Flood.keepConnected(mask, slice, seed, connectivity)
                .withProvenance(mask.provenance().withNote("kept the " + connectivity
                        + "-connected 3D component(s) of the seed on slice " + slice));
    }

    /** {@link #keepConnectedTo(Mask3D, int, Mask, Connectivity3D)} seeded by all of slice {@code slice}. */
    public static Mask3D keepConnectedTo(Mask3D mask, int slice, Connectivity3D connectivity) {
        Objects.requireNonNull(mask, "mask");
        if (slice < 0 || slice >= mask.depth()) {
            throw new IndexOutOfBoundsException("slice " + slice + " outside 0.." + (mask.depth() - 1));
        }
        return keepConnectedTo(mask, slice, mask.slice(slice), connectivity);
    }

    /**
     * Index of the largest axial cross-section (most voxels; ties go to the lowest index).
     *
     * @throws IllegalArgumentException if the mask is empty
     */
    public static int largestCrossSection(Mask3D mask) {
        Objects.requireNonNull(mask, "mask");
        int best = -1, bestCount = 0;
        for (int z = 0; z < mask.depth(); z++) {
            int n = mask.sliceCount(z);
            if (n > bestCount) {
                best = z;
                bestCount = n;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("largestCrossSection: " + mask + " is empty");
        }
        return best;
    }

    /**
     * The RECIST a radiologist would draw on the mask's largest axial cross-section
     * ({@link #largestCrossSection}), measured by {@link Recist#fromMask} with the mask's spacing.
     *
     * @throws IllegalArgumentException if the mask is empty or that cross-section cannot be
     *     measured (a single pixel or a line)
     */
    public static Recist recistOf(Mask3D mask) {
        int z = largestCrossSection(mask);
        Mask section = mask.slice(z);
        try {
            return Recist.fromMask(section, mask.spacing(), z);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recistOf: largest cross-section (slice " + z + ", " + section.count()
                    + " pixels) cannot be measured: " + e.getMessage(), e);
        }
    }

    /**
     * Volume in mL and the RECIST diameters (mm) of the largest axial cross-section.
     *
     * @throws IllegalArgumentException as {@link #recistOf} does
     */
    public static LesionMeasurement measure(Mask3D mask) {
        Recist r = recistOf(mask);
        return new LesionMeasurement(mask.volumeMl(), r.longLengthMm(mask.spacing()), r.shortLengthMm(mask.spacing()),
                r.sliceIndex());
    }
}
