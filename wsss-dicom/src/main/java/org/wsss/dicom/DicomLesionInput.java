package org.wsss.dicom;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.io.LesionInput;
import org.wsss.io.Nifti;
import org.wsss.io.NiftiImage;
import org.wsss.io.VolumeGeometry;

/**
 * DICOM CT series with a marks CSV as a {@link LesionInput} ({@code dicom}), opened by
 * {@link Dicom#lesionInput}: each lesion's NIfTI mask lies on its series' grid (x = column,
 * y = row, z = slice in the sorted order) with the series' affine (Image Orientation and Position
 * and the spacing, LPS turned to RAS) as its sform, so a viewer lays it over the series; the
 * per-volume output ({@link #labelsFile}, {@link #writeLabels}) is the series' DICOM
 * Segmentation, {@code OUT/<SeriesInstanceUID>.seg.dcm}, one segment per lesion. Volumes are
 * keyed by Series Instance UID. Thread-safe: immutable after opening.
 */
final class DicomLesionInput implements LesionInput {

    private final Path source;
    private final DicomCases cases;
    private final Map<String, DicomRecistMark> marks = new HashMap<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private final Map<String, CtSeries> seriesByUid = new HashMap<>();
    private final Map<String, VolumeGeometry> geometries = new HashMap<>();
    private final List<String> volumes = new ArrayList<>();

    DicomLesionInput(Path source, DicomCases cases, List<DicomRecistMark> marks) {
        this.source = source;
        this.cases = cases;
        for (DicomRecistMark m : marks) {
            this.marks.putIfAbsent(m.lesion(), m);
        }
        Map<String, Integer> perSeries = new HashMap<>();
        for (LesionCase c : cases.dataset()) {
            CtSeries s = cases.seriesOf(c.id());
            String uid = s.seriesInstanceUid();
            if (seriesByUid.putIfAbsent(uid, s) == null) {
                volumes.add(uid);
                geometries.put(uid, VolumeGeometry.ofAffine(s.volume().width(), s.volume().height(),
                        s.volume().depth(), s.volume().spacing(), rasAffine(s)));
            }
            labels.put(c.id(), perSeries.merge(uid, 1, Integer::sum));
        }
    }

    /**
     * Voxel (column, row, sorted slice) to RAS+ mm: the DICOM patient system is LPS, so the x and
     * y rows of the LPS matrix change sign. Columns: row direction × column spacing, column
     * direction × row spacing, normal × slice interval; origin: the first sorted slice's position.
     */
    static double[][] rasAffine(CtSeries s) {
        List<Double> o = s.orientation();
        double[] n = s.normal();
        double[] p = s.position(0);
        double sx = s.volume().spacing().x(), sy = s.volume().spacing().y(), sz = s.volume().spacing().z();
        double[][] a = new double[4][4];
        for (int r = 0; r < 3; r++) {
            double sign = r < 2 ? -1 : 1;
            a[r][0] = sign * o.get(r) * sx;
            a[r][1] = sign * o.get(3 + r) * sy;
            a[r][2] = sign * n[r] * sz;
            a[r][3] = sign * p[r];
        }
        a[3][3] = 1;
        return a;
    }

    @Override
    public String format() {
        return "dicom";
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public LesionDataset dataset() {
        return cases.dataset();
    }

    /** The cases with their series (for the SEG writer and callers that want the DICOM side). */
    DicomCases cases() {
        return cases;
    }

    @Override
    public String volumeOf(LesionCase lesion) {
        return cases.seriesOf(lesion.id()).seriesInstanceUid();
    }

    @Override
    public int labelOf(LesionCase lesion) {
        Integer l = labels.get(lesion.id());
        if (l == null) {
            throw new IllegalArgumentException("lesion " + lesion.id() + " is not from this input");
        }
        return l;
    }

    @Override
    public String markOf(LesionCase lesion) {
        DicomRecistMark m = marks.get(lesion.id());
        if (m == null) {
            throw new IllegalArgumentException("lesion " + lesion.id() + " is not from this input");
        }
        StringBuilder sb = new StringBuilder(m.patientSpace() ? "patient" : "pixel").append(" instance ")
                .append(m.sopInstanceUid());
        List<Double> c = m.coordinates();
        for (int i = 0; i < 4; i++) {
            sb.append(" (").append(num(c.get(3 * i))).append(' ').append(num(c.get(3 * i + 1)));
            if (m.patientSpace()) {
                sb.append(' ').append(num(c.get(3 * i + 2)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private VolumeGeometry geometry(LesionCase lesion) {
        return geometries.get(volumeOf(lesion));
    }

    @Override
    public void writeMask(LesionCase lesion, Mask3D mask, Path file) {
        createParent(file);
        Nifti.write(geometry(lesion).toFileGrid(mask), file);
    }

    @Override
    public Mask3D readMask(LesionCase lesion, Path file) {
        return withMethod(Nifti.read(file));
    }

    /** The mask with the method its NIfTI description names ({@code wsss mask <method>}), for the SEG's algorithm. */
    private static Mask3D withMethod(NiftiImage img) {
        Mask3D m = Nifti.toMask3D(img);
        String d = img.descrip();
        if (d != null && d.startsWith("wsss mask ") && d.length() > "wsss mask ".length()) {
            m = m.withProvenance(Provenance.of(d.substring("wsss mask ".length()).strip(), Map.of()));
        }
        return m;
    }

    @Override
    public Path labelsFile(Path out, String volume) {
        CtSeries s = seriesByUid.get(volume);
        if (s == null) {
            throw new IllegalArgumentException("unknown series " + volume);
        }
        return Dicom.segmentationFile(out, s);
    }

    @Override
    public List<String> volumes() {
        return List.copyOf(volumes);
    }

    /**
     * Writes the series' DICOM Segmentation: one segment per lesion whose mask is in {@code masks}
     * (label = the lesion's {@link #labelOf}; segments in label order). A series none of whose
     * lesions has a mask gets no file (a SEG needs a segment).
     */
    @Override
    public void writeLabels(String volume, Map<Integer, Path> masks, Path file) {
        CtSeries s = seriesByUid.get(volume);
        if (s == null) {
            throw new IllegalArgumentException("unknown series " + volume);
        }
        Map<Integer, String> idOfLabel = new HashMap<>();
        for (Map.Entry<String, Integer> e : labels.entrySet()) {
            if (cases.seriesOf(e.getKey()) == s) {
                idOfLabel.put(e.getValue(), e.getKey());
            }
        }
        List<LabeledMask> lesions = new ArrayList<>();
        for (Map.Entry<Integer, Path> e : new TreeMap<>(masks).entrySet()) {
            String id = idOfLabel.get(e.getKey());
            if (id == null) {
                throw new IllegalArgumentException("series " + volume + " has no lesion with label " + e.getKey());
            }
            lesions.add(new LabeledMask(id, withMethod(Nifti.read(e.getValue()))));
        }
        if (!lesions.isEmpty()) {
            createParent(file);
            Dicom.writeSegmentation(s, lesions, ZonedDateTime.now(), file);
        }
    }

    private static void createParent(Path file) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new org.wsss.api.WsssIoException(file, "cannot create its folder: " + e, e);
        }
    }
}
