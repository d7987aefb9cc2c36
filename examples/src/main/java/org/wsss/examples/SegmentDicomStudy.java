package org.wsss.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask3D;
import org.wsss.api.WsssIoException;
import org.wsss.dicom.Dicom;
import org.wsss.dicom.DicomCases;
import org.wsss.dicom.DicomRecistMark;
import org.wsss.propagation.LesionSegmenters;

/**
 * Every RECIST-marked lesion of a DICOM study in 3D, written back as one DICOM Segmentation per
 * CT series ({@code OUT/<SeriesInstanceUID>.seg.dcm}, one segment per lesion, its volume in the
 * segment description). The marks CSV keys each mark by the SOP Instance UID of its slice (see
 * {@link DicomRecistMark}). Series the reader refuses (a missing slice, gantry tilt, a compressed
 * transfer syntax…) and marks that do not fit are reported; the rest are segmented. GrabCut-3DE
 * needs no model; with a trained one use {@code LesionSegmenters.hnnGc(model)}.
 *
 * <p>Usage: {@code SegmentDicomStudy STUDY_DIR MARKS_CSV OUT}
 */
public final class SegmentDicomStudy {

    private SegmentDicomStudy() {
    }

    /** Runs the example; returns the SEG files written. */
    public static List<Path> run(Path study, Path marks, Path out) {
        DicomCases cases = Dicom.cases(Dicom.read(study), DicomRecistMark.read(marks));
        for (WsssIoException problem : cases.dataset().problems()) {
            System.out.println("skipped: " + problem.getMessage());
        }
        LesionSegmenter segmenter = LesionSegmenters.grabCut3de();
        Map<String, Mask3D> masks = new LinkedHashMap<>();
        for (LesionCase c : cases.dataset()) {
            Mask3D m = segmenter.segment(c);
            masks.put(c.id(), m);
            System.out.printf("%s: %.2f mL%n", c.id(), m.volumeMl());
        }
        List<Path> segs = Dicom.writeSegmentations(cases, masks, out);
        System.out.println(segs.size() + " DICOM SEG file(s) written to " + out);
        return segs;
    }

    public static void main(String[] args) {
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }
}
