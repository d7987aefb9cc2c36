package org.wsss.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.dicom.Dicom;
import org.wsss.dicom.DicomCases;
import org.wsss.dicom.DicomRecistMark;
import org.wsss.io.Nifti;
import picocli.CommandLine.Option;

/**
 * The DICOM input of {@code wsss segment}: {@code --dicom DIR --recist marks.csv} builds one case
 * per mark from the CT series under DIR ({@link Dicom#cases}), and after segmentation
 * {@link #writeSegmentations} writes one DICOM Segmentation per series,
 * {@code OUT/<SeriesInstanceUID>.seg.dcm}, beside the NIfTI masks and {@code lesions.csv}.
 * A refused series or a bad mark row is a failure of its lesions (listed in
 * {@code failures.csv}); the other lesions are segmented.
 */
final class DicomInput {

    @Option(names = "--dicom", paramLabel = "DIR", description = "Folder of DICOM CT series (searched recursively;"
            + " implicit or explicit VR little endian). Needs --recist. Writes OUT/<SeriesInstanceUID>.seg.dcm too.")
    Path dir;

    @Option(names = "--recist", paramLabel = "CSV", description = "With --dicom: the RECIST marks CSV, one row per lesion with its SOP Instance UID and"
            + " the four endpoints, in pixels (column, row) or in patient mm; its columns are in the wsss-dicom README.")
    Path marks;

    /** Whether --dicom or --recist was given. */
    boolean given() {
        return dir != null || marks != null;
    }

    /**
     * The cases of the study.
     *
     * @throws IllegalArgumentException if only one of --dicom and --recist is given
     */
    DicomCases open() {
        if (dir == null || marks == null) {
            throw new IllegalArgumentException("--dicom and --recist go together");
        }
        return Dicom.cases(Dicom.read(dir), DicomRecistMark.read(marks));
    }

    /**
     * One Segmentation per series from the masks on disk (so a resumed run includes the lesions
     * an earlier run did), the algorithm named {@code method}.
     *
     * @return the files written
     */
    static List<Path> writeSegmentations(DicomCases cases, Path out, String method,
                                         Function<LesionCase, Path> maskFile) {
        Map<String, Mask3D> masks = new LinkedHashMap<>();
        for (LesionCase c : cases.dataset()) {
            Path f = maskFile.apply(c);
            if (Files.isRegularFile(f)) {
                masks.put(c.id(), Nifti.readMask(f).withProvenance(Provenance.of(method, Map.of())));
            }
        }
        return Dicom.writeSegmentations(cases, masks, out);
    }
}
