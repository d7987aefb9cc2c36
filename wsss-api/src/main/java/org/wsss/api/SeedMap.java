package org.wsss.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link SeedLabel} per pixel of a region of interest of a slice, immutable. The map covers
 * {@link #roi()} in slice pixel coordinates; pixels outside it count as
 * {@link SeedLabel#BACKGROUND}. Produced by a {@link SeedGenerator}, read by a {@link MaskRefiner}.
 */
public final class SeedMap {

    private final Roi roi;
    private final byte[] labels;
    private final Provenance provenance;

    private SeedMap(Roi roi, byte[] labels, Provenance provenance) {
        this.roi = roi;
        this.labels = labels;
        this.provenance = provenance;
    }

    /** A mutable builder over {@code roi}, every pixel {@link SeedLabel#BACKGROUND}. */
    public static Builder builder(Roi roi) {
        return new Builder(roi);
    }

    /** Region covered, in slice pixel coordinates. */
    public Roi roi() {
        return roi;
    }

    /** What produced the seeds. */
    public Provenance provenance() {
        return provenance;
    }

    /** Label at slice pixel (x, y); {@link SeedLabel#BACKGROUND} outside the ROI. */
    public SeedLabel get(int x, int y) {
        if (!roi.contains(x, y)) {
            return SeedLabel.BACKGROUND;
        }
        return SeedLabel.ofOrdinal(labels[(y - roi.y()) * roi.width() + (x - roi.x())]);
    }

    /** Number of ROI pixels with label {@code l}. */
    public int count(SeedLabel l) {
        int n = 0;
        byte b = (byte) l.ordinal();
        for (byte v : labels) {
            if (v == b) {
                n++;
            }
        }
        return n;
    }

    /** Row-major copy of the label ordinals over the ROI. */
    public byte[] toOrdinals() {
        return labels.clone();
    }

    /** Mask over a {@code width × height} slice of the pixels whose label is one of {@code ls}. */
    public Mask mask(int sliceWidth, int sliceHeight, SeedLabel... ls) {
        boolean[] want = new boolean[SeedLabel.values().length];
        for (SeedLabel l : ls) {
            want[l.ordinal()] = true;
        }
        Mask.Builder b = Mask.builder(sliceWidth, sliceHeight).provenance(provenance);
        for (int r = 0; r < roi.height(); r++) {
            for (int c = 0; c < roi.width(); c++) {
                int x = roi.x() + c, y = roi.y() + r;
                if (want[labels[r * roi.width() + c]] && x >= 0 && y >= 0 && x < sliceWidth && y < sliceHeight) {
                    b.set(x, y);
                }
            }
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedMap m && m.roi.equals(roi) && Arrays.equals(m.labels, labels);
    }

    @Override
    public int hashCode() {
        return roi.hashCode() * 31 + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "SeedMap[" + roi + ", BG=" + count(SeedLabel.BACKGROUND) + ", PBG="
                + count(SeedLabel.PROBABLE_BACKGROUND) + ", PFG=" + count(SeedLabel.PROBABLE_FOREGROUND) + ", FG="
                + count(SeedLabel.FOREGROUND) + "]";
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final Roi roi;
        private final byte[] labels;
        private Provenance provenance = Provenance.NONE;

        private Builder(Roi roi) {
            this.roi = Objects.requireNonNull(roi, "roi");
            this.labels = new byte[roi.area()];
        }

        /** Sets slice pixel (x, y), which must lie in the ROI, to {@code l}. */
        public Builder set(int x, int y, SeedLabel l) {
            if (!roi.contains(x, y)) {
                throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + roi);
            }
            labels[(y - roi.y()) * roi.width() + (x - roi.x())] = (byte) l.ordinal();
            return this;
        }

        /** Label currently at slice pixel (x, y) (inside the ROI). */
        public SeedLabel get(int x, int y) {
            if (!roi.contains(x, y)) {
                throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + roi);
            }
            return SeedLabel.ofOrdinal(labels[(y - roi.y()) * roi.width() + (x - roi.x())]);
        }

        /** Fills the whole ROI with {@code l}. */
        public Builder fill(SeedLabel l) {
            Arrays.fill(labels, (byte) l.ordinal());
            return this;
        }

        /** Provenance of the seeds. */
        public Builder provenance(Provenance p) {
            this.provenance = Objects.requireNonNull(p, "provenance");
            return this;
        }

        /** The seed map; later builder changes do not reach it. */
        public SeedMap build() {
            return new SeedMap(roi, labels.clone(), provenance);
        }
    }
}
