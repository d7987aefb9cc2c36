package org.wsss.dicom;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.VolumeLesionCase;
import org.wsss.api.Volume;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;
import org.wsss.dicom.internal.CtWriter;
import org.wsss.dicom.internal.SegReader;
import org.wsss.dicom.internal.SegWriter;
import org.wsss.dicom.internal.SeriesReader;
import org.wsss.dicom.internal.SrReader;
import org.wsss.dicom.internal.DicomParser;
import org.wsss.io.LesionInput;

/**
 * DICOM in and out for the SDK, the module's entry point: CT series in, lesion cases from
 * RECIST marks keyed by SOP Instance UID, binary DICOM Segmentations out (and back in), CT
 * series out (to export a dataset such as the phantom).
 *
 * <pre>{@code
 * DicomStudy study = Dicom.read(Path.of("study/"));              // every CT series, sorted, in HU
 * DicomCases cases = Dicom.cases(study, DicomRecistMark.read(Path.of("marks.csv")));
 * Map<String, Mask3D> masks = new LinkedHashMap<>();
 * for (LesionCase c : cases.dataset()) {
 *     masks.put(c.id(), segmenter.segment(c));
 * }
 * List<Path> segs = Dicom.writeSegmentations(cases, masks, Path.of("out/"));  // one SEG per series
 * }</pre>
 *
 * <p>As a {@link LesionInput} beside the SDK's other inputs (the command line's {@code --dicom DIR
 * --recist CSV}): {@link #lesionInput}.
 *
 * <p>Transfer syntaxes: implicit and explicit VR little endian, uncompressed; others are refused
 * by name (decompress first, e.g. with dcmtk's {@code dcmdjpeg}). Written files are explicit VR
 * little endian, through {@link org.wsss.io.AtomicFiles}.
 *
 * <p>Not from the paper (Cai et al., MICCAI 2018 works on DeepLesion's PNG slices): this module
 * brings the method to data as hospitals store it.
 */
public final class Dicom {

    private Dicom() {
    }

    /**
     * Reads every CT series under {@code dir} (recursively). A series with any fault (gantry tilt,
     * a missing or duplicated slice, non-uniform spacing, mixed sizes or orientations, missing
     * Pixel Spacing, a compressed transfer syntax, a truncated file, a modality other than CT) is
     * refused whole with one problem naming it and the file at fault; the others are read.
     *
     * <p>Every check is made at open; the pixels are not: a series' volume reads and rescales a
     * slice from its file the first time the slice is asked for, and keeps it, so a lesion pays
     * for the slices it touches. The files must stay in place and unchanged while the series is
     * used; one removed or resized since is a {@link WsssIoException} naming it when its slice
     * is first read.
     *
     * @throws WsssIoException if {@code dir} is not a readable folder
     */
    public static DicomStudy read(Path dir) {
        return SeriesReader.read(dir);
    }

    /**
     * The CT series under {@code dir} with the marks of {@code marksCsv} as a {@link LesionInput}
     * (format {@code dicom}): its {@link LesionInput#dataset()} is {@link #cases}'s, each
     * lesion's NIfTI mask carries its series' affine (Image Orientation and Position, LPS turned to
     * RAS), and the per-volume output is the series' Segmentation ({@link #segmentationFile}).
     * Refused series and bad rows are problems of the dataset.
     *
     * @throws WsssIoException if {@code dir} is not a folder or the CSV cannot be read at all
     */
    public static LesionInput lesionInput(Path dir, Path marksCsv) {
        DicomRecistMark.Marks marks = marks(marksCsv);
        return new DicomLesionInput(marksCsv, cases(read(dir), marks), marks.marks());
    }

    /**
     * RECIST marks from where a hospital keeps them: a marks CSV ({@link DicomRecistMark#read}), a
     * DICOM Structured Report (TID 1500 measurement groups with SCOORD polylines, read by
     * {@link SrReader}), or a folder of such reports (every DICOM file under it whose modality is
     * SR, recursively, in name order). A report that cannot be read, or a group in it that is not a
     * mark, is a problem naming the file; the other marks are read.
     *
     * @throws WsssIoException if {@code source} does not exist or a CSV cannot be read at all
     */
    public static DicomRecistMark.Marks marks(Path source) {
        if (!java.nio.file.Files.isDirectory(source)) {
            byte[] head = java.nio.file.Files.isRegularFile(source) ? DicomParser.bytesIfPart10(source) : null;
            return head == null ? DicomRecistMark.read(source) : SrReader.read(source);
        }
        List<Path> files;
        try (java.util.stream.Stream<Path> st = java.nio.file.Files.walk(source)) {
            files = st.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        } catch (java.io.IOException e) {
            throw new WsssIoException(source, "cannot list: " + e, e);
        }
        List<DicomRecistMark> marks = new ArrayList<>();
        List<WsssIoException> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                if (DicomParser.bytesIfPart10(f) == null
                        || !"SR".equals(DicomParser.read(f).dataset().string(org.wsss.dicom.internal.Tags.MODALITY))) {
                    continue;
                }
                DicomRecistMark.Marks m = SrReader.read(f);
                marks.addAll(m.marks());
                problems.addAll(m.problems());
            } catch (WsssIoException e) {
                problems.add(e);
            }
        }
        return new DicomRecistMark.Marks(marks, problems);
    }

    /**
     * One lesion case per mark: the mark's SOP Instance UID picks the series and slice. Problems
     * (in {@link DicomCases#dataset()}): every series {@code study} refused, every bad CSV row,
     * every mark whose instance is in no readable series (naming the refused series when it is
     * in one), and every mark that does not fit its slice.
     */
    public static DicomCases cases(DicomStudy study, DicomRecistMark.Marks marks) {
        List<WsssIoException> problems = new ArrayList<>(study.problems());
        problems.addAll(marks.problems());
        List<LesionCase> cases = new ArrayList<>();
        Map<String, CtSeries> seriesOf = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (DicomRecistMark m : marks.marks()) {
            if (!ids.add(m.lesion())) {
                problems.add(new WsssIoException(null, "lesion " + m.lesion() + " appears twice in the marks", null));
                continue;
            }
            CtSeries s = study.seriesOf(m.sopInstanceUid()).orElse(null);
            if (s == null) {
                String why = "lesion " + m.lesion() + ": instance " + m.sopInstanceUid() + " is in no readable CT series";
                for (WsssIoException p : study.problems()) {
                    if (p.getMessage() != null && p.getMessage().contains(m.sopInstanceUid())) {
                        why += " (" + p.getMessage() + ")";
                    }
                }
                problems.add(new WsssIoException(null, why + (study.problems().isEmpty() ? ""
                        : "; " + study.problems().size() + " series or files could not be read"), null));
                continue;
            }
            try {
                // the split of the other inputs without a split column: drawn from the volume's name,
                // here its Series Instance UID, so a series never straddles splits
                VolumeLesionCase c = org.wsss.api.LesionCase.of(m.lesion(), s.volume(),
                        m.toRecist(s, s.zOf(m.sopInstanceUid())), s.window())
                        .withSplit(org.wsss.io.VolumeSplit.of(s.seriesInstanceUid()));
                cases.add(c);
                seriesOf.put(m.lesion(), s);
            } catch (IllegalArgumentException e) {
                problems.add(new WsssIoException(null, e.getMessage(), e));
            }
        }
        return new DicomCases(LesionDataset.of(cases, problems), seriesOf);
    }

    /**
     * Writes a binary DICOM Segmentation of {@code series}: one segment per lesion (label = the
     * lesion id, description = its volume in mL, algorithm = the mask's provenance method), each
     * frame referencing its source instance.
     *
     * @param created content date and time written into the object (pass a fixed value for
     *     byte-identical reruns)
     * @return {@code file}
     * @throws IllegalArgumentException if a mask is not on the series' grid or the list is empty
     * @throws WsssIoException if the file cannot be written
     */
    public static Path writeSegmentation(CtSeries series, List<LabeledMask> lesions, ZonedDateTime created,
                                         Path file) {
        SegWriter.write(series, lesions, created, file);
        return file;
    }

    /**
     * One Segmentation per series of {@code cases} that has a mask in {@code masks} (lesion id to
     * mask), written to {@code outDir/<SeriesInstanceUID>.seg.dcm}, dated now.
     *
     * @return the files written, in series order
     */
    public static List<Path> writeSegmentations(DicomCases cases, Map<String, Mask3D> masks, Path outDir) {
        ZonedDateTime now = ZonedDateTime.now();
        List<Path> written = new ArrayList<>();
        for (CtSeries s : cases.series()) {
            List<LabeledMask> lesions = new ArrayList<>();
            for (Map.Entry<String, CtSeries> e : cases.seriesOfLesion().entrySet()) {
                Mask3D m = masks.get(e.getKey());
                if (e.getValue() == s && m != null) {
                    lesions.add(new LabeledMask(e.getKey(), m));
                }
            }
            if (!lesions.isEmpty()) {
                written.add(writeSegmentation(s, lesions, now, segmentationFile(outDir, s)));
            }
        }
        return written;
    }

    /** {@code outDir/<SeriesInstanceUID>.seg.dcm}. */
    public static Path segmentationFile(Path outDir, CtSeries series) {
        return outDir.resolve(series.seriesInstanceUid() + ".seg.dcm");
    }

    /**
     * Reads a binary Segmentation onto the grid of its source series.
     *
     * @throws WsssIoException naming the file if it is not a binary SEG that fits {@code series}
     */
    public static DicomSegmentation readSegmentation(Path file, CtSeries series) {
        return SegReader.read(file, series);
    }

    /**
     * Writes a volume as a CT series, one file per slice ({@code dir/0001.dcm} …, slice 0 first),
     * HU rounded to integers.
     *
     * @return the series as {@link #read} would give it back
     */
    public static CtSeries writeCtSeries(Volume volume, Window window, CtSeriesSpec spec, Path dir) {
        return CtWriter.write(volume, window, spec, dir);
    }

    /**
     * Exports a dataset (the phantom's DeepLesion layout, say) as DICOM: each case's stored
     * slices as a CT series in {@code dir/<case id>/} (UIDs derived from the id, see
     * {@link CtSeriesSpec#named}) and its RECIST mark, in pixels, as a row of
     * {@code dir/marks.csv}.
     *
     * @return the marks file
     */
    public static Path export(LesionDataset data, Path dir) {
        List<DicomRecistMark> marks = new ArrayList<>();
        for (LesionCase c : data) {
            int[] idx = c.sliceIndices();
            List<Slice> slices = new ArrayList<>(idx.length);
            for (int i : idx) {
                slices.add(c.slice(i));
            }
            CtSeries s = writeCtSeries(Volume.of(slices, c.spacing()), c.window(), CtSeriesSpec.named(c.id()),
                    dir.resolve(c.id()));
            var r = c.recist();
            String sop = s.sopInstanceUids().get(c.zOf(r.sliceIndex()));
            marks.add(DicomRecistMark.ofPixels(c.id(), sop, r.longAxis().start().x(), r.longAxis().start().y(),
                    r.longAxis().end().x(), r.longAxis().end().y(), r.shortAxis().start().x(),
                    r.shortAxis().start().y(), r.shortAxis().end().x(), r.shortAxis().end().y()));
        }
        Path csv = dir.resolve("marks.csv");
        DicomRecistMark.write(marks, csv);
        return csv;
    }
}
