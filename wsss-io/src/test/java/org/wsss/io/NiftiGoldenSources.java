package org.wsss.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;

/**
 * The fixed inputs behind the committed {@code ours_*} golden files, and a {@code main} that
 * writes them (see {@code src/test/resources/nifti/README.md}). Tests rebuild the same inputs
 * and compare the writer's bytes with the committed files.
 */
final class NiftiGoldenSources {

    static final String MASK = "ours_mask_uint8.nii";
    static final String INT16 = "ours_int16.nii";
    static final String FLOAT32 = "ours_float32.nii.gz";

    private NiftiGoldenSources() {
    }

    /** 5×4×3, true where (x + 2y + 3z) mod 4 = 0 or (x, y, z) = (4, 0, 0): asymmetric in every axis. */
    static Mask3D mask() {
        Mask3D.Builder b = Mask3D.builder(5, 4, 3, new VoxelSpacing(0.8, 0.9, 3.0));
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    if ((x + 2 * y + 3 * z) % 4 == 0 || (x == 4 && y == 0 && z == 0)) {
                        b.set(x, y, z);
                    }
                }
            }
        }
        return b.build();
    }

    /** 5×4×3 integer HU, −1000 + 37x + 11y² − 50z, spacing 0.7 × 0.7 × 2.5 mm. */
    static Volume int16Volume() {
        return volume(5, 4, 3, new VoxelSpacing(0.7, 0.7, 2.5), (x, y, z) -> -1000 + 37 * x + 11 * y * y - 50 * z);
    }

    /** 3×3×2 fractional HU, spacing 1.5 × 1.25 × 5 mm. */
    static Volume float32Volume() {
        return volume(3, 3, 2, new VoxelSpacing(1.5, 1.25, 5.0), (x, y, z) -> x - 0.25f * y + 100.5f * z - 0.1f);
    }

    interface Hu {
        float at(int x, int y, int z);
    }

    static Volume volume(int w, int h, int d, VoxelSpacing s, Hu f) {
        List<Slice> slices = new ArrayList<>();
        for (int z = 0; z < d; z++) {
            float[] hu = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    hu[y * w + x] = f.at(x, y, z);
                }
            }
            slices.add(Slice.of(w, h, hu, s));
        }
        return Volume.of(slices, s);
    }

    /** Writes the three {@code ours_*} files into the folder {@code args[0]}. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Nifti.writeMask(mask(), dir.resolve(MASK));
        Nifti.writeVolume(int16Volume(), NiftiDataType.INT16, dir.resolve(INT16));
        Nifti.writeVolume(float32Volume(), NiftiDataType.FLOAT32, dir.resolve(FLOAT32));
    }
}
