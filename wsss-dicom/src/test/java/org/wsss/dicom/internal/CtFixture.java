package org.wsss.dicom.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.dicom.CtSeriesSpec;

/** Small CT series on disk, optionally with per-slice faults, for the reader's tests. */
final class CtFixture {

    static final int W = 12;
    static final int H = 10;
    static final VoxelSpacing SPACING = new VoxelSpacing(0.8, 0.7, 2.5);

    private CtFixture() {
    }

    /** A volume whose voxel (x, y, z) is {@code 10 z + x - y} HU. */
    static Volume volume(int depth) {
        List<Slice> slices = new ArrayList<>();
        for (int z = 0; z < depth; z++) {
            float[] hu = new float[W * H];
            for (int i = 0; i < hu.length; i++) {
                hu[i] = 10 * z + i % W - i / W;
            }
            slices.add(Slice.of(W, H, hu, SPACING));
        }
        return Volume.of(slices, SPACING);
    }

    /**
     * Writes {@code depth} slices of series {@code name} to {@code dir}, slice z in
     * {@code dir/<name>-<z>.dcm}, after {@code tweak} has changed slice z's elements.
     */
    static List<Path> write(Path dir, String name, int depth, BiConsumer<Integer, DicomWriter> tweak) {
        CtSeriesSpec spec = CtSeriesSpec.named(name);
        Volume v = volume(depth);
        double[] o = {1, 0, 0, 0, 1, 0};
        List<Path> files = new ArrayList<>();
        for (int z = 0; z < depth; z++) {
            String sop = spec.sopInstanceUid(z);
            DicomWriter d = CtWriter.header(spec, v, Window.DEFAULT, z, sop, new double[] {0, 0, z * SPACING.z()}, o);
            byte[] px = new byte[2 * W * H];
            float[] hu = v.slice(z).toArray();
            for (int i = 0; i < hu.length; i++) {
                int s = (int) hu[i];
                px[2 * i] = (byte) s;
                px[2 * i + 1] = (byte) (s >>> 8);
            }
            d.putBytes(Tags.PIXEL_DATA, "OW", px);
            tweak.accept(z, d);
            Path f = dir.resolve(name + "-" + z + ".dcm");
            CtWriter.write(d, sop, f);
            files.add(f);
        }
        return files;
    }

    static List<Path> write(Path dir, String name, int depth) {
        return write(dir, name, depth, (z, d) -> { });
    }
}
