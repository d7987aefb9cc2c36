package org.wsss.dicom.internal;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.api.SdkVersion;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.LabeledMask;
import org.wsss.io.AtomicFiles;

/**
 * Writes a binary DICOM Segmentation (Segmentation Storage, PS3.3 A.51) of one CT series: one
 * segment per lesion, one frame per (segment, slice that holds a voxel of it), each frame
 * referencing its source CT instance, the series referenced as a whole in the Common Instance
 * Reference module, and the shared geometry of the source series.
 */
public final class SegWriter {

    /** Segmentation Storage. */
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    /** CIELab colours (DICOM scaling) cycled over segments so neighbours differ on screen. */
    private static final int[][] COLOURS = {
        {53884, 53076, 24574}, {34716, 12288, 53456}, {59186, 39584, 12336}, {37265, 20047, 29658},
        {45932, 26733, 51773}, {58981, 36922, 44450},
    };

    private SegWriter() {
    }

    /**
     * Writes the SEG to {@code file}.
     *
     * @param created content date and time written into the object
     * @return the SOP Instance UID written
     * @throws IllegalArgumentException if a mask is not on the series' grid or there is no lesion
     */
    public static String write(CtSeries series, List<LabeledMask> lesions, ZonedDateTime created, Path file) {
        if (lesions.isEmpty()) {
            throw new IllegalArgumentException("a segmentation needs at least one lesion");
        }
        int w = series.volume().width(), h = series.volume().height(), depth = series.volume().depth();
        StringBuilder key = new StringBuilder(series.seriesInstanceUid());
        for (LabeledMask l : lesions) {
            Mask3D m = l.mask();
            if (m.width() != w || m.height() != h || m.depth() != depth) {
                throw new IllegalArgumentException("lesion " + l.label() + ": mask " + m.width() + "x" + m.height()
                        + "x" + m.depth() + " is not on the grid of series " + series.seriesInstanceUid() + " (" + w
                        + "x" + h + "x" + depth + ")");
            }
            key.append('/').append(l.label()).append('/').append(m.hashCode()).append('/').append(m.count());
        }
        String seriesUid = Uids.fromName("wsss-seg/" + series.seriesInstanceUid() + "/series");
        String sop = Uids.fromName("wsss-seg/" + key);
        String frameOfReference = series.frameOfReferenceUid() != null ? series.frameOfReferenceUid()
                : Uids.fromName("wsss-seg/" + series.seriesInstanceUid() + "/frame-of-reference");
        String dimensionOrganization = Uids.fromName("wsss-seg/" + key + "/dimensions");
        ZonedDateTime t = created.withZoneSameInstant(ZoneOffset.UTC);

        // Frames: per segment, the slices that hold a voxel of it (at least one, so an empty
        // lesion still has its segment); bits packed across frames without padding (PS3.5 8.1.1).
        List<int[]> frames = new ArrayList<>();
        List<Mask> frameMasks = new ArrayList<>();
        for (int s = 0; s < lesions.size(); s++) {
            Mask3D m = lesions.get(s).mask();
            boolean any = false;
            for (int z = 0; z < depth; z++) {
                if (m.sliceCount(z) > 0) { // counted on the bit set: no slice copy for the many empty ones
                    frames.add(new int[] {s, z});
                    frameMasks.add(m.slice(z));
                    any = true;
                }
            }
            if (!any) {
                frames.add(new int[] {s, depth / 2});
                frameMasks.add(Mask.empty(w, h));
            }
        }
        int perFrame = w * h;
        long bits = (long) frames.size() * perFrame;
        if ((bits + 7) / 8 > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("segmentation of " + frames.size() + " frames of " + w + "x" + h
                    + " is larger than one DICOM object holds");
        }
        byte[] pixels = new byte[(int) ((bits + 7) / 8)];
        long bit = 0;
        for (Mask f : frameMasks) {
            for (int i = 0; i < perFrame; i++, bit++) {
                if (f.getIndex(i)) {
                    pixels[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
        }

        CtSeries.Study st = series.study();
        double[] o = series.orientation().stream().mapToDouble(Double::doubleValue).toArray();
        DicomWriter d = new DicomWriter()
                .put(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .put(Tags.IMAGE_TYPE, "CS", "DERIVED\\PRIMARY")
                .put(Tags.SOP_CLASS_UID, "UI", SEGMENTATION_STORAGE)
                .put(Tags.SOP_INSTANCE_UID, "UI", sop)
                .put(Tags.STUDY_DATE, "DA", st.studyDate())
                .put(Tags.SERIES_DATE, "DA", DA.format(t))
                .put(Tags.CONTENT_DATE, "DA", DA.format(t))
                .put(Tags.STUDY_TIME, "TM", st.studyTime())
                .put(Tags.SERIES_TIME, "TM", TM.format(t))
                .put(Tags.CONTENT_TIME, "TM", TM.format(t))
                .put(Tags.ACCESSION_NUMBER, "SH", st.accessionNumber())
                .put(Tags.MODALITY, "CS", "SEG")
                .put(Tags.MANUFACTURER, "LO", "WSSS SDK")
                .put(Tags.REFERRING_PHYSICIAN_NAME, "PN", st.referringPhysicianName())
                .put(Tags.SERIES_DESCRIPTION, "LO", "WSSS lesion segmentation")
                .put(Tags.MANUFACTURER_MODEL_NAME, "LO", "wsss")
                .putSequence(Tags.REFERENCED_SERIES_SEQUENCE, referencedSeries(series))
                .put(Tags.PATIENT_NAME, "PN", st.patientName())
                .put(Tags.PATIENT_ID, "LO", st.patientId())
                .put(Tags.PATIENT_BIRTH_DATE, "DA", st.patientBirthDate())
                .put(Tags.PATIENT_SEX, "CS", st.patientSex())
                .put(Tags.DEVICE_SERIAL_NUMBER, "LO", "1")
                .put(Tags.SOFTWARE_VERSIONS, "LO", SdkVersion.get())
                .put(Tags.STUDY_INSTANCE_UID, "UI", st.studyInstanceUid())
                .put(Tags.SERIES_INSTANCE_UID, "UI", seriesUid)
                .put(Tags.STUDY_ID, "SH", st.studyId())
                .putIs(Tags.SERIES_NUMBER, 9001)
                .putIs(Tags.INSTANCE_NUMBER, 1)
                .put(Tags.FRAME_OF_REFERENCE_UID, "UI", frameOfReference)
                .put(Tags.POSITION_REFERENCE_INDICATOR, "LO", "")
                .putSequence(Tags.DIMENSION_ORGANIZATION_SEQUENCE,
                        new DicomWriter().put(Tags.DIMENSION_ORGANIZATION_UID, "UI", dimensionOrganization))
                .putSequence(Tags.DIMENSION_INDEX_SEQUENCE, List.of(
                        dimension(dimensionOrganization, Tags.REFERENCED_SEGMENT_NUMBER,
                                Tags.SEGMENT_IDENTIFICATION_SEQUENCE, "Segment Number"),
                        dimension(dimensionOrganization, Tags.IMAGE_POSITION_PATIENT, Tags.PLANE_POSITION_SEQUENCE,
                                "Image Position Patient")))
                .putUs(Tags.SAMPLES_PER_PIXEL, 1)
                .put(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .putIs(Tags.NUMBER_OF_FRAMES, frames.size())
                .putUs(Tags.ROWS, h)
                .putUs(Tags.COLUMNS, w)
                .putUs(Tags.BITS_ALLOCATED, 1)
                .putUs(Tags.BITS_STORED, 1)
                .putUs(Tags.HIGH_BIT, 0)
                .putUs(Tags.PIXEL_REPRESENTATION, 0)
                .put(Tags.LOSSY_IMAGE_COMPRESSION, "CS", "00")
                .put(Tags.SEGMENTATION_TYPE, "CS", "BINARY")
                .putSequence(Tags.SEGMENT_SEQUENCE, segments(series, lesions))
                .put(Tags.CONTENT_LABEL, "CS", "LESIONS")
                .put(Tags.CONTENT_DESCRIPTION, "LO", "Lesion masks from RECIST marks")
                .put(Tags.CONTENT_CREATOR_NAME, "PN", "")
                .putSequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared(series, o))
                .putSequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame(series, frames))
                .putBytes(Tags.PIXEL_DATA, "OB", pixels);
        AtomicFiles.write(file, out -> d.writePart10(out, SEGMENTATION_STORAGE, sop));
        return sop;
    }

    private static DicomWriter referencedSeries(CtSeries series) {
        List<DicomWriter> instances = new ArrayList<>();
        for (String uid : series.sopInstanceUids()) {
            instances.add(new DicomWriter().put(Tags.REFERENCED_SOP_CLASS_UID, "UI", series.sopClassUid())
                    .put(Tags.REFERENCED_SOP_INSTANCE_UID, "UI", uid));
        }
        return new DicomWriter().putSequence(Tags.REFERENCED_INSTANCE_SEQUENCE, instances)
                .put(Tags.SERIES_INSTANCE_UID, "UI", series.seriesInstanceUid());
    }

    private static DicomWriter dimension(String organization, int pointer, int group, String label) {
        return new DicomWriter().put(Tags.DIMENSION_ORGANIZATION_UID, "UI", organization)
                .putAt(Tags.DIMENSION_INDEX_POINTER, pointer)
                .putAt(Tags.FUNCTIONAL_GROUP_POINTER, group)
                .put(Tags.DIMENSION_DESCRIPTION_LABEL, "LO", label);
    }

    private static List<DicomWriter> segments(CtSeries series, List<LabeledMask> lesions) {
        List<DicomWriter> items = new ArrayList<>();
        for (int s = 0; s < lesions.size(); s++) {
            LabeledMask l = lesions.get(s);
            Provenance p = l.mask().provenance();
            String algorithm = p.method().equals("none") ? "WSSS SDK" : "WSSS SDK " + p.method();
            String description = String.format(Locale.ROOT, "Volume %.3f mL", l.mask().volumeMl());
            int[] colour = COLOURS[s % COLOURS.length];
            items.add(new DicomWriter()
                    .putSequence(Tags.SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE,
                            DicomWriter.code("49755003", "SCT", "Morphologically abnormal structure"))
                    .putUs(Tags.SEGMENT_NUMBER, s + 1)
                    .put(Tags.SEGMENT_LABEL, "LO", l.label())
                    .put(Tags.SEGMENT_DESCRIPTION, "ST", description)
                    .put(Tags.SEGMENT_ALGORITHM_TYPE, "CS", "AUTOMATIC")
                    .put(Tags.SEGMENT_ALGORITHM_NAME, "LO", algorithm.length() > 64 ? algorithm.substring(0, 64)
                            : algorithm)
                    .putUs(Tags.RECOMMENDED_DISPLAY_CIELAB_VALUE, colour)
                    .putSequence(Tags.SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE,
                            DicomWriter.code("52988006", "SCT", "Lesion"))
                    .put(Tags.TRACKING_ID, "UT", l.label())
                    .put(Tags.TRACKING_UID, "UI", Uids.fromName("wsss-seg/" + series.seriesInstanceUid() + "/lesion/"
                            + l.label())));
        }
        return items;
    }

    private static DicomWriter shared(CtSeries series, double[] o) {
        double z = series.volume().spacing().z();
        return new DicomWriter()
                .putSequence(Tags.PLANE_ORIENTATION_SEQUENCE, new DicomWriter().putDs(Tags.IMAGE_ORIENTATION_PATIENT, o))
                .putSequence(Tags.PIXEL_MEASURES_SEQUENCE, new DicomWriter()
                        .putDs(Tags.SLICE_THICKNESS, z)
                        .putDs(Tags.SPACING_BETWEEN_SLICES, z)
                        .putDs(Tags.PIXEL_SPACING, series.volume().spacing().y(), series.volume().spacing().x()));
    }

    private static List<DicomWriter> perFrame(CtSeries series, List<int[]> frames) {
        List<DicomWriter> items = new ArrayList<>(frames.size());
        for (int[] f : frames) {
            int segment = f[0] + 1, z = f[1];
            DicomWriter source = new DicomWriter()
                    .put(Tags.REFERENCED_SOP_CLASS_UID, "UI", series.sopClassUid())
                    .put(Tags.REFERENCED_SOP_INSTANCE_UID, "UI", series.sopInstanceUids().get(z))
                    .putSequence(Tags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE,
                            DicomWriter.code("121322", "DCM", "Source image for image processing operation"));
            DicomWriter derivation = new DicomWriter()
                    .putSequence(Tags.SOURCE_IMAGE_SEQUENCE, source)
                    .putSequence(Tags.DERIVATION_CODE_SEQUENCE, DicomWriter.code("113076", "DCM", "Segmentation"));
            items.add(new DicomWriter()
                    .putSequence(Tags.DERIVATION_IMAGE_SEQUENCE, derivation)
                    .putSequence(Tags.FRAME_CONTENT_SEQUENCE, new DicomWriter()
                            .putUl(Tags.DIMENSION_INDEX_VALUES, segment, z + 1))
                    .putSequence(Tags.PLANE_POSITION_SEQUENCE, new DicomWriter()
                            .putDs(Tags.IMAGE_POSITION_PATIENT, series.position(z)))
                    .putSequence(Tags.SEGMENT_IDENTIFICATION_SEQUENCE, new DicomWriter()
                            .putUs(Tags.REFERENCED_SEGMENT_NUMBER, segment)));
        }
        return items;
    }
}
