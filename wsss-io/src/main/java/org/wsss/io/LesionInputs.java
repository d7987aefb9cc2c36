package org.wsss.io;

import java.nio.file.Path;
import java.util.Objects;
import org.wsss.api.ReadLimits;

/**
 * Opens the lesion inputs the SDK reads: the entry point for {@link LesionInput}s.
 *
 * <pre>{@code
 * LesionInput in = LesionInputs.niftiCsv(Path.of("marks.csv"));
 * for (LesionCase c : in.dataset()) {
 *     Mask3D m = segmenter.segment(c);
 *     in.writeMask(c, m, in.maskFile(out, c));      // on the NIfTI's own grid and affine
 * }
 * in.dataset().problems().forEach(System.err::println);  // bad rows, unreadable volumes
 * }</pre>
 */
public final class LesionInputs {

    /** Volumes kept in memory at once by default (per input). */
    public static final int DEFAULT_CACHE = 2;

    private LesionInputs() {
    }

    /** The DeepLesion layout in {@code dir} ({@link DeepLesion#open(Path)}). */
    public static LesionInput deepLesion(Path dir) {
        return new DeepLesionInput(DeepLesion.open(Objects.requireNonNull(dir, "dir")));
    }

    /** The DeepLesion layout in {@code dir}, read within {@code limits} ({@link DeepLesion#open(Path, ReadLimits)}). */
    public static LesionInput deepLesion(Path dir, ReadLimits limits) {
        return new DeepLesionInput(DeepLesion.open(Objects.requireNonNull(dir, "dir"), limits));
    }

    /** NIfTI volumes listed with their marks in {@code csv} (see {@code docs/nifti-csv.md}). */
    public static LesionInput niftiCsv(Path csv) {
        return niftiCsv(csv, DEFAULT_CACHE);
    }

    /** As {@link #niftiCsv(Path)}, holding up to {@code cacheSize} volumes in memory. */
    public static LesionInput niftiCsv(Path csv, int cacheSize) {
        return NiftiCsvInput.open(Objects.requireNonNull(csv, "csv"), cacheSize);
    }

    /** A folder of FLARE25 RECIST-to-3D {@code .npz} cases. */
    public static LesionInput flareNpz(Path dir) {
        return flareNpz(dir, DEFAULT_CACHE);
    }

    /** As {@link #flareNpz(Path)}, holding up to {@code cacheSize} volumes in memory. */
    public static LesionInput flareNpz(Path dir, int cacheSize) {
        return FlareNpzInput.open(Objects.requireNonNull(dir, "dir"), cacheSize);
    }
}
