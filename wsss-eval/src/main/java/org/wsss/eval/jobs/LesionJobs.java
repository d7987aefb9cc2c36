package org.wsss.eval.jobs;

import java.nio.file.Path;
import java.util.Objects;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.WsssIoException;
import org.wsss.io.MaskPng;
import org.wsss.io.Nifti;

/**
 * The work done on one lesion by the batch jobs of the SDK — weak labels (Sec. 2.1, Table 1),
 * 3D segmentation (Sec. 2.3) and the output names — in one place, so that every runner (the
 * {@code wsss} tool's thread pool, the Apache Spark jobs of {@code wsss-spark}) writes the same
 * bytes under the same names. Stateless; every method is thread-safe as long as the method or
 * segmenter passed in is (the SDK's are).
 *
 * <pre>{@code
 * InitialMaskMethod m = InitialMasks.byName("grabcut-r");
 * LesionJobs.writeWeakLabel(m, lesion, out.resolve(LesionJobs.weakLabelFile(lesion.id())));
 * }</pre>
 */
public final class LesionJobs {

    /** Suffix of a weak-label mask: {@code <case id>.png}. */
    public static final String WEAK_LABEL_SUFFIX = ".png";

    /** Suffix of a 3D mask: {@code <case id>.nii.gz}. */
    public static final String MASK_SUFFIX = ".nii.gz";

    private LesionJobs() {
    }

    /** The weak-label file name of case {@code id}: {@code <id>.png}. */
    public static String weakLabelFile(String id) {
        return id + WEAK_LABEL_SUFFIX;
    }

    /** The 3D mask file name of case {@code id}: {@code <id>.nii.gz}. */
    public static String maskFile(String id) {
        return id + MASK_SUFFIX;
    }

    /**
     * The weak mask of {@code lesion}'s key slice by {@code m}.
     *
     * @throws IllegalStateException if the method returns a mask of another size than the slice
     */
    public static Mask weakLabel(InitialMaskMethod m, LesionCase lesion) {
        Slice key = lesion.keySlice();
        Mask mask = m.segment(key, lesion.recist(), lesion.window());
        if (mask.width() != key.width() || mask.height() != key.height()) {
            throw new IllegalStateException(m.name() + " returned a " + mask.width() + "x" + mask.height()
                    + " mask for a " + key.width() + "x" + key.height() + " slice");
        }
        return mask;
    }

    /** {@link #weakLabel} written atomically to {@code file} as an 8-bit PNG ({@link MaskPng}). */
    public static void writeWeakLabel(InitialMaskMethod m, LesionCase lesion, Path file) {
        MaskPng.write(weakLabel(m, lesion), file);
    }

    /**
     * The 3D mask of {@code lesion} by {@code segmenter}, checked to lie on the case's grid.
     *
     * @throws IllegalStateException if the mask is not width × height × stored slices of the case
     */
    public static Mask3D segment(LesionSegmenter segmenter, LesionCase lesion) {
        Mask3D m = segmenter.segment(lesion);
        if (m.width() != lesion.width() || m.height() != lesion.height()
                || m.depth() != lesion.sliceIndices().length) {
            throw new IllegalStateException("segmenter returned a " + m.width() + "x" + m.height() + "x" + m.depth()
                    + " mask for a case of " + lesion.width() + "x" + lesion.height() + "x"
                    + lesion.sliceIndices().length);
        }
        return m;
    }

    /** {@link #segment} written atomically to {@code file} as uint8 NIfTI ({@link Nifti#writeMask}). */
    public static void writeSegmentation(LesionSegmenter segmenter, LesionCase lesion, Path file) {
        Nifti.writeMask(segment(segmenter, lesion), file);
    }

    /**
     * One line saying why a lesion failed: the message alone for the SDK's own exceptions (they
     * name file and row), else the exception's type and message.
     */
    public static String failureReason(Throwable e) {
        Objects.requireNonNull(e, "e");
        String m = e.getMessage();
        if ((e instanceof WsssIoException || e instanceof IllegalArgumentException) && m != null && !m.isBlank()) {
            return oneLine(m);
        }
        return oneLine(m == null || m.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m);
    }

    /**
     * The name a dataset problem is listed under in a failures table: the lesion id where the
     * row's File_name was readable, else {@code row N}, else the file's name, else {@code dataset}
     * (the reason names them all).
     */
    public static String problemName(WsssIoException e) {
        Objects.requireNonNull(e, "e");
        return e.lesion().orElse(e.row() >= 0 ? "row " + e.row()
                : e.file().map(f -> f.getFileName().toString()).orElse("dataset"));
    }

    /** {@code s} with its line breaks (and the blanks around them) replaced by one space. */
    public static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
