package org.wsss.dicom.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wsss.api.Mask3D;
import org.wsss.api.WsssIoException;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.DicomSegmentation;

/**
 * Reads a binary DICOM Segmentation onto the grid of its source CT series: each frame is
 * placed on the slice of its Referenced SOP Instance UID (Derivation Image Sequence), or, where
 * a frame names none, on the slice at its Image Position (Patient).
 */
public final class SegReader {

    private SegReader() {
    }

    /**
     * Reads {@code file} against {@code series}.
     *
     * @throws WsssIoException naming the file if it is not a binary SEG of {@code series}'s grid
     */
    public static DicomSegmentation read(Path file, CtSeries series) {
        DicomParser.Part10 p = DicomParser.read(file);
        DicomObject ds = p.dataset();
        if (!SegWriter.SEGMENTATION_STORAGE.equals(ds.string(Tags.SOP_CLASS_UID))) {
            throw new WsssIoException(file, "SOP Class " + ds.string(Tags.SOP_CLASS_UID) + " is not Segmentation Storage",
                    null);
        }
        if (!"BINARY".equals(ds.string(Tags.SEGMENTATION_TYPE)) || ds.us(Tags.BITS_ALLOCATED, -1) != 1) {
            throw new WsssIoException(file, "only BINARY segmentations (1 bit) are read, this one is "
                    + ds.string(Tags.SEGMENTATION_TYPE), null);
        }
        int w = ds.us(Tags.COLUMNS, -1), h = ds.us(Tags.ROWS, -1);
        int depth = series.volume().depth();
        if (w != series.volume().width() || h != series.volume().height()) {
            throw new WsssIoException(file, "frames of " + w + "x" + h + " do not match series "
                    + series.seriesInstanceUid() + " (" + series.volume().width() + "x" + series.volume().height() + ")",
                    null);
        }
        String referenced = null;
        for (DicomObject s : ds.items(Tags.REFERENCED_SERIES_SEQUENCE)) {
            referenced = s.string(Tags.SERIES_INSTANCE_UID);
        }
        Map<Integer, String[]> info = new TreeMap<>();
        for (DicomObject s : ds.items(Tags.SEGMENT_SEQUENCE)) {
            info.put(s.us(Tags.SEGMENT_NUMBER, -1), new String[] {s.string(Tags.SEGMENT_LABEL),
                s.string(Tags.SEGMENT_DESCRIPTION), s.string(Tags.SEGMENT_ALGORITHM_NAME)});
        }
        Map<Integer, Mask3D.Builder> masks = new TreeMap<>();
        for (int n : info.keySet()) {
            masks.put(n, Mask3D.builder(w, h, depth, series.volume().spacing()));
        }
        List<DicomObject> frames = ds.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        double[] count = ds.numbers(Tags.NUMBER_OF_FRAMES);
        if (count == null || count[0] != frames.size()) {
            throw new WsssIoException(file, "Number of Frames " + (count == null ? "missing" : (long) count[0])
                    + " but " + frames.size() + " per-frame items", null);
        }
        long need = ((long) frames.size() * w * h + 7) / 8;
        if (ds.length(Tags.PIXEL_DATA) < need) {
            throw new WsssIoException(file, "Pixel Data holds " + ds.length(Tags.PIXEL_DATA) + " bytes, " + frames.size()
                    + " frames of " + w + "x" + h + " bits need " + need, null);
        }
        byte[] d = ds.bytes();
        int off = ds.offset(Tags.PIXEL_DATA);
        long bit = 0;
        for (int f = 0; f < frames.size(); f++) {
            DicomObject item = frames.get(f);
            int segment = -1;
            for (DicomObject s : item.items(Tags.SEGMENT_IDENTIFICATION_SEQUENCE)) {
                segment = s.us(Tags.REFERENCED_SEGMENT_NUMBER, -1);
            }
            Mask3D.Builder b = masks.get(segment);
            if (b == null) {
                throw new WsssIoException(file, "frame " + (f + 1) + " names segment " + segment
                        + ", which the Segment Sequence does not list", null);
            }
            int z = slice(item, series, file, f);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++, bit++) {
                    if ((d[off + (int) (bit >>> 3)] >> (bit & 7) & 1) != 0) {
                        b.set(x, y, z);
                    }
                }
            }
        }
        List<DicomSegmentation.Segment> segments = new ArrayList<>();
        for (Map.Entry<Integer, String[]> e : info.entrySet()) {
            String[] i = e.getValue();
            segments.add(new DicomSegmentation.Segment(e.getKey(), i[0], i[1], i[2], masks.get(e.getKey()).build()));
        }
        return new DicomSegmentation(ds.string(Tags.SOP_INSTANCE_UID), referenced, segments);
    }

    private static int slice(DicomObject frame, CtSeries series, Path file, int f) {
        for (DicomObject derivation : frame.items(Tags.DERIVATION_IMAGE_SEQUENCE)) {
            for (DicomObject source : derivation.items(Tags.SOURCE_IMAGE_SEQUENCE)) {
                String uid = source.string(Tags.REFERENCED_SOP_INSTANCE_UID);
                int z = uid == null ? -1 : series.zOf(uid);
                if (z >= 0) {
                    return z;
                }
            }
        }
        for (DicomObject plane : frame.items(Tags.PLANE_POSITION_SEQUENCE)) {
            double[] pos = plane.numbers(Tags.IMAGE_POSITION_PATIENT);
            if (pos != null && pos.length == 3) {
                for (int z = 0; z < series.volume().depth(); z++) {
                    if (Math.abs(series.distanceFromSlice(pos, z)) < 0.01 * series.volume().spacing().z()) {
                        return z;
                    }
                }
            }
        }
        throw new WsssIoException(file, "frame " + (f + 1) + " lies on no slice of series " + series.seriesInstanceUid(),
                null);
    }
}
