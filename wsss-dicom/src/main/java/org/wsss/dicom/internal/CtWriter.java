package org.wsss.dicom.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wsss.api.SdkVersion;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.Window;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.CtSeriesSpec;
import org.wsss.io.AtomicFiles;

/**
 * Writes a volume as a CT Image Storage series: one file per slice, signed 16-bit pixels with
 * Rescale Slope 1 and Intercept 0 (HU rounded to integers and clamped to the 16-bit range).
 */
public final class CtWriter {

    private CtWriter() {
    }

    /** Writes {@code dir/0001.dcm …} and returns the series as a reader would see it. */
    public static CtSeries write(Volume volume, Window window, CtSeriesSpec spec, Path dir) {
        double[] o = spec.orientation().stream().mapToDouble(Double::doubleValue).toArray();
        double[] n = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
        double dz = volume.spacing().z();
        List<String> sops = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<double[]> positions = new ArrayList<>();
        List<Slice> slices = new ArrayList<>();
        for (int z = 0; z < volume.depth(); z++) {
            double[] pos = new double[3];
            for (int k = 0; k < 3; k++) {
                pos[k] = spec.origin().get(k) + z * dz * n[k];
            }
            String sop = spec.sopInstanceUid(z);
            Path file = dir.resolve(String.format(Locale.ROOT, "%04d.dcm", z + 1));
            Slice s = volume.slice(z);
            byte[] pixels = new byte[2 * s.width() * s.height()];
            float[] hu = s.toArray();
            float[] stored = new float[hu.length];
            for (int i = 0; i < hu.length; i++) {
                int v = (int) Math.max(-32768, Math.min(32767, Math.rint(hu[i])));
                pixels[2 * i] = (byte) v;
                pixels[2 * i + 1] = (byte) (v >>> 8);
                stored[i] = v;
            }
            DicomWriter d = header(spec, volume, window, z, sop, pos, o);
            d.putBytes(Tags.PIXEL_DATA, "OW", pixels);
            write(d, sop, file);
            sops.add(sop);
            files.add(file);
            positions.add(pos);
            slices.add(Slice.of(s.width(), s.height(), stored, volume.spacing()));
        }
        CtSeries.Study study = new CtSeries.Study(spec.patientName(), spec.patientId(), null, null,
                spec.studyInstanceUid(), null, null, null, null, null);
        return new CtSeries(study, spec.seriesInstanceUid(), spec.frameOfReferenceUid(),
                Integer.toString(spec.seriesNumber()), spec.seriesDescription(), CtSeries.CT_IMAGE_STORAGE, sops, files,
                spec.orientation(), positions, Volume.of(slices, volume.spacing()), window);
    }

    /** Writes one CT slice file. */
    static void write(DicomWriter d, String sop, Path file) {
        AtomicFiles.write(file, out -> d.writePart10(out, CtSeries.CT_IMAGE_STORAGE, sop));
    }

    /** Every element of slice z but Pixel Data. */
    static DicomWriter header(CtSeriesSpec spec, Volume volume, Window window, int z, String sop,
                                      double[] pos, double[] o) {
        DicomWriter d = new DicomWriter()
                .put(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                // Not acquired by a scanner: derived, secondary.
                .put(Tags.IMAGE_TYPE, "CS", "DERIVED\\SECONDARY\\AXIAL")
                .put(Tags.SOP_CLASS_UID, "UI", CtSeries.CT_IMAGE_STORAGE)
                .put(Tags.SOP_INSTANCE_UID, "UI", sop)
                .put(Tags.STUDY_DATE, "DA", "")
                .put(Tags.STUDY_TIME, "TM", "")
                .put(Tags.ACCESSION_NUMBER, "SH", "")
                .put(Tags.MODALITY, "CS", "CT")
                .put(Tags.MANUFACTURER, "LO", "WSSS SDK")
                .put(Tags.REFERRING_PHYSICIAN_NAME, "PN", "")
                .put(Tags.SERIES_DESCRIPTION, "LO", spec.seriesDescription())
                .put(Tags.MANUFACTURER_MODEL_NAME, "LO", "wsss")
                .put(Tags.PATIENT_NAME, "PN", spec.patientName())
                .put(Tags.PATIENT_ID, "LO", spec.patientId())
                .put(Tags.PATIENT_BIRTH_DATE, "DA", "")
                .put(Tags.PATIENT_SEX, "CS", "")
                .putDs(Tags.SLICE_THICKNESS, volume.spacing().z())
                .put(Tags.KVP, "DS", "")
                .put(Tags.SOFTWARE_VERSIONS, "LO", SdkVersion.get())
                .put(Tags.PATIENT_POSITION, "CS", "HFS")
                .put(Tags.STUDY_INSTANCE_UID, "UI", spec.studyInstanceUid())
                .put(Tags.SERIES_INSTANCE_UID, "UI", spec.seriesInstanceUid())
                .put(Tags.STUDY_ID, "SH", "")
                .putIs(Tags.SERIES_NUMBER, spec.seriesNumber())
                .put(Tags.ACQUISITION_NUMBER, "IS", "")
                .putIs(Tags.INSTANCE_NUMBER, z + 1)
                .putDs(Tags.IMAGE_POSITION_PATIENT, pos)
                .putDs(Tags.IMAGE_ORIENTATION_PATIENT, o)
                .put(Tags.FRAME_OF_REFERENCE_UID, "UI", spec.frameOfReferenceUid())
                .put(Tags.LATERALITY, "CS", "")
                .put(Tags.POSITION_REFERENCE_INDICATOR, "LO", "")
                .putUs(Tags.SAMPLES_PER_PIXEL, 1)
                .put(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .putUs(Tags.ROWS, volume.height())
                .putUs(Tags.COLUMNS, volume.width())
                .putDs(Tags.PIXEL_SPACING, volume.spacing().y(), volume.spacing().x())
                .putUs(Tags.BITS_ALLOCATED, 16)
                .putUs(Tags.BITS_STORED, 16)
                .putUs(Tags.HIGH_BIT, 15)
                .putUs(Tags.PIXEL_REPRESENTATION, 1)
                .putDs(Tags.WINDOW_CENTER, window.level())
                .putDs(Tags.WINDOW_WIDTH, window.width())
                .putDs(Tags.RESCALE_INTERCEPT, 0)
                .putDs(Tags.RESCALE_SLOPE, 1);
        return d;
    }
}
