package org.wsss.api;

import java.util.List;
import java.util.Objects;

/**
 * A RECIST mark: the long axis (the lesion's longest diameter on its axial slice of largest
 * cross-section) and the short axis (the longest diameter perpendicular to it), drawn on
 * slice {@code sliceIndex}, in slice pixel coordinates. Lengths are available in pixels and,
 * given a {@link VoxelSpacing}, in mm.
 *
 * <p>Construction checks what needs no image: finite endpoints (by {@link Point2}), axes of at
 * least {@link #MIN_AXIS_LENGTH_PX} pixels and a non-negative slice index. What needs the image
 * — the endpoints inside the slice, the axes perpendicular in physical space within
 * {@link #PERPENDICULAR_TOLERANCE_DEGREES}, the long axis not shorter than the short one — is
 * checked by {@link #validate(int, int, VoxelSpacing)}, which every consumer of a mark calls.
 *
 * <p>Paper: Sec. 2 ("RECIST diameters that represent the longest lesion axis and its
 * perpendicular counterpart").
 *
 * @param longAxis the long diameter
 * @param shortAxis the short diameter
 * @param sliceIndex index of the slice the mark lies on, ≥ 0
 */
public record Recist(Axis longAxis, Axis shortAxis, int sliceIndex) {

    /** An axis shorter than this (in pixels) counts as coinciding endpoints. */
    public static final double MIN_AXIS_LENGTH_PX = 0.5;

    /** Largest accepted deviation of the angle between the axes from 90°, in degrees. */
    public static final double PERPENDICULAR_TOLERANCE_DEGREES = 15.0;

    /** Checks the image-free invariants. */
    public Recist {
        Objects.requireNonNull(longAxis, "longAxis");
        Objects.requireNonNull(shortAxis, "shortAxis");
        checkLength("long", longAxis);
        checkLength("short", shortAxis);
        if (sliceIndex < 0) {
            throw new IllegalArgumentException("RECIST slice index must be >= 0, got " + sliceIndex);
        }
    }

    /**
     * A mark from two diameters given in any order, as DeepLesion's
     * {@code Measurement_coordinates} store them: the longer one in mm becomes the long axis.
     */
    public static Recist fromAxes(Axis a, Axis b, int sliceIndex, VoxelSpacing spacing) {
        return a.lengthMm(spacing) >= b.lengthMm(spacing)
                ? new Recist(a, b, sliceIndex)
                : new Recist(b, a, sliceIndex);
    }

    /**
     * Measures a mask as a radiologist would: the long axis is the largest distance in mm
     * between two mask pixels, the short axis the longest chord inside the mask perpendicular
     * (in mm) to it. See {@link RecistMeasurement} for the exact procedure.
     *
     * @param mask a non-empty mask
     * @param spacing pixel spacing (x and y are used)
     * @param sliceIndex slice index to give the mark
     * @throws IllegalArgumentException if the mask has fewer than two pixels or no
     *     perpendicular chord of positive length
     */
    public static Recist fromMask(Mask mask, VoxelSpacing spacing, int sliceIndex) {
        return RecistMeasurement.measure(mask, spacing, sliceIndex);
    }

    /** Long axis length in pixels. */
    public double longLengthPx() {
        return longAxis.lengthPx();
    }

    /** Short axis length in pixels. */
    public double shortLengthPx() {
        return shortAxis.lengthPx();
    }

    /** Long axis length in mm. */
    public double longLengthMm(VoxelSpacing s) {
        return longAxis.lengthMm(s);
    }

    /** Short axis length in mm. */
    public double shortLengthMm(VoxelSpacing s) {
        return shortAxis.lengthMm(s);
    }

    /** The four endpoints: long start, long end, short start, short end. */
    public List<Point2> endpoints() {
        return List.of(longAxis.start(), longAxis.end(), shortAxis.start(), shortAxis.end());
    }

    /** Mean of the four endpoints. */
    public Point2 center() {
        double x = 0, y = 0;
        for (Point2 p : endpoints()) {
            x += p.x();
            y += p.y();
        }
        return new Point2(x / 4, y / 4);
    }

    /**
     * The smallest pixel box holding every endpoint (paper Sec. 2.1: "the lesion bounding box
     * tightly around the RECIST axes").
     */
    public Roi boundingBox() {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (Point2 p : endpoints()) {
            x0 = Math.min(x0, p.x());
            y0 = Math.min(y0, p.y());
            x1 = Math.max(x1, p.x());
            y1 = Math.max(y1, p.y());
        }
        int ix0 = (int) Math.round(x0), iy0 = (int) Math.round(y0);
        int ix1 = (int) Math.round(x1), iy1 = (int) Math.round(y1);
        return new Roi(ix0, iy0, ix1 - ix0 + 1, iy1 - iy0 + 1);
    }

    /** This mark translated by (dx, dy) pixels. */
    public Recist translate(double dx, double dy) {
        return new Recist(longAxis.translate(dx, dy), shortAxis.translate(dx, dy), sliceIndex);
    }

    /** This mark on another slice. */
    public Recist withSliceIndex(int index) {
        return new Recist(longAxis, shortAxis, index);
    }

    /**
     * Checks the mark against its image: every endpoint inside the {@code width × height}
     * slice (pixel centres span [−0.5, width − 0.5)), the axes perpendicular within
     * {@link #PERPENDICULAR_TOLERANCE_DEGREES} in mm, the long axis at least as long (in mm) as
     * the short one.
     *
     * @return this mark
     * @throws IllegalArgumentException naming the failed check and by how much it failed
     */
    public Recist validate(int width, int height, VoxelSpacing spacing) {
        String[] names = {"long-axis start", "long-axis end", "short-axis start", "short-axis end"};
        List<Point2> pts = endpoints();
        for (int i = 0; i < 4; i++) {
            Point2 p = pts.get(i);
            double out = Math.max(Math.max(-0.5 - p.x(), p.x() - (width - 0.5)),
                    Math.max(-0.5 - p.y(), p.y() - (height - 0.5)));
            if (out > 0) {
                throw new IllegalArgumentException(String.format(
                        "RECIST %s %s lies outside the %dx%d slice by %.2f px", names[i], p, width, height, out));
            }
        }
        double angle = longAxis.angleDegreesTo(shortAxis, spacing);
        // written so that a NaN angle (a degenerate or infinite length) fails the check
        if (!(90.0 - angle <= PERPENDICULAR_TOLERANCE_DEGREES)) {
            throw new IllegalArgumentException(String.format(
                    "RECIST axes meet at %.1f degrees, %.1f degrees from perpendicular (tolerance %.1f)",
                    angle, 90.0 - angle, PERPENDICULAR_TOLERANCE_DEGREES));
        }
        double l = longLengthMm(spacing), s = shortLengthMm(spacing);
        if (s > l * (1 + 1e-9)) {
            throw new IllegalArgumentException(String.format(
                    "RECIST short axis (%.2f mm) is longer than the long axis (%.2f mm) by %.2f mm", s, l, s - l));
        }
        return this;
    }

    private static void checkLength(String which, Axis a) {
        double len = a.lengthPx();
        if (len < MIN_AXIS_LENGTH_PX) {
            throw new IllegalArgumentException(String.format(
                    "RECIST %s-axis endpoints %s and %s coincide: length %.3f px < %.1f px",
                    which, a.start(), a.end(), len, MIN_AXIS_LENGTH_PX));
        }
    }
}
