package org.wsss.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Point2;
import org.wsss.api.Recist;

/**
 * The DeepLesion layout as a {@link LesionInput}: masks as {@link Nifti#writeMask} writes them
 * (the stored slices of the series, the plain grid transform), label maps per series folder.
 */
final class DeepLesionInput implements LesionInput {

    private final DeepLesionDataset data;
    private final Map<String, String> volumeOf = new HashMap<>();
    private final Map<String, Integer> labelOf = new HashMap<>();
    private final Map<String, int[]> dims = new LinkedHashMap<>();

    DeepLesionInput(DeepLesionDataset data) {
        this.data = data;
        Map<String, Integer> next = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            String v = data.record(i).seriesFolder();
            String id = data.get(i).id();
            volumeOf.put(id, v);
            labelOf.put(id, next.merge(v, 1, Integer::sum));
            dims.putIfAbsent(v, null);
        }
    }

    @Override
    public String format() {
        return "deeplesion";
    }

    @Override
    public Path source() {
        return data.directory();
    }

    @Override
    public LesionDataset dataset() {
        return data;
    }

    /** The underlying dataset (its CSV, records). */
    DeepLesionDataset deepLesion() {
        return data;
    }

    @Override
    public String volumeOf(LesionCase lesion) {
        String v = volumeOf.get(lesion.id());
        if (v == null) {
            throw new IllegalArgumentException("lesion " + lesion.id() + " is not from this input");
        }
        return v;
    }

    @Override
    public int labelOf(LesionCase lesion) {
        volumeOf(lesion);
        return labelOf.get(lesion.id());
    }

    @Override
    public String markOf(LesionCase lesion) {
        Recist r = lesion.recist();
        return String.format(Locale.ROOT, "slice %d axes %s %s", r.sliceIndex(), axis(r.longAxis().start(),
                r.longAxis().end()), axis(r.shortAxis().start(), r.shortAxis().end()));
    }

    private static String axis(Point2 a, Point2 b) {
        return "(" + CsvLine.format(a.x()) + " " + CsvLine.format(a.y()) + ") (" + CsvLine.format(b.x()) + " "
                + CsvLine.format(b.y()) + ")";
    }

    @Override
    public void writeMask(LesionCase lesion, Mask3D mask, Path file) {
        if (mask.width() != lesion.width() || mask.height() != lesion.height()
                || mask.depth() != lesion.sliceIndices().length) {
            throw new IllegalArgumentException("mask of " + mask.width() + "x" + mask.height() + "x" + mask.depth()
                    + " for lesion " + lesion.id() + " of " + lesion.width() + "x" + lesion.height() + "x"
                    + lesion.sliceIndices().length);
        }
        Nifti.writeMask(mask, file);
    }

    @Override
    public Mask3D readMask(LesionCase lesion, Path file) {
        return Nifti.readMask(file);
    }

    @Override
    public Path labelsFile(Path out, String volume) {
        return out.resolve("labels").resolve(volume + ".nii.gz");
    }

    @Override
    public List<String> volumes() {
        return new ArrayList<>(dims.keySet());
    }

    @Override
    public void writeLabels(String volume, Map<Integer, Path> masks, Path file) {
        if (masks.isEmpty()) {
            return; // the series' grid is known only from a mask; nothing succeeded, nothing to map
        }
        NiftiImage first = Nifti.read(masks.values().iterator().next());
        int[] d = {first.nx(), first.ny(), first.nz()};
        byte[] labels = Grids.combine(masks, d);
        NiftiImage.Builder b = first.toBuilder().descrip("wsss labels");
        for (int n = 0; n < labels.length; n++) {
            b.setRaw(n, labels[n] & 0xFF);
        }
        Grids.write(b.build(), file);
    }
}
