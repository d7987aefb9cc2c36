package org.wsss.eval.experiments;

import java.util.List;
import java.util.Optional;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;

/**
 * A test case: a 32×32 image, slices {@code 10..18} with the RECIST on slice 14, and an
 * ellipsoid lesion centred at (16, 16) with semi-axes {@code rx}, {@code ry} pixels and 3.5
 * slices, so the truth is non-empty on offsets −3..+3 and empty on ±4. Lesion 100 HU, background 0.
 */
record EllipsoidLesion(String id, double rx, double ry, LesionCategory category, Split split) implements LesionCase {

    static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.8, 2.5);
    static final int FIRST = 10;
    static final int DEPTH = 9;
    static final int KEY = 14;
    static final double RZ = 3.5;

    boolean inside(int x, int y, int sliceIndex) {
        double dx = (x - 16) / rx, dy = (y - 16) / ry, dz = (sliceIndex - KEY) / RZ;
        return dx * dx + dy * dy + dz * dz <= 1;
    }

    Mask truthSlice(int sliceIndex) {
        return Mask.fromPredicate(32, 32, (x, y) -> inside(x, y, sliceIndex));
    }

    @Override
    public Recist recist() {
        return Recist.fromMask(truthSlice(KEY), SP, KEY);
    }

    @Override
    public VoxelSpacing spacing() {
        return SP;
    }

    @Override
    public org.wsss.api.Window window() {
        return org.wsss.api.Window.DEFAULT;
    }

    @Override
    public int width() {
        return 32;
    }

    @Override
    public int height() {
        return 32;
    }

    @Override
    public int[] sliceIndices() {
        int[] s = new int[DEPTH];
        for (int i = 0; i < DEPTH; i++) {
            s[i] = FIRST + i;
        }
        return s;
    }

    @Override
    public Slice slice(int sliceIndex) {
        if (zOf(sliceIndex) < 0) {
            throw new IllegalArgumentException("slice " + sliceIndex + " is not stored");
        }
        float[] hu = new float[32 * 32];
        Mask m = truthSlice(sliceIndex);
        for (int k = 0; k < hu.length; k++) {
            hu[k] = m.getIndex(k) ? 100 : 0;
        }
        return Slice.of(32, 32, hu, SP);
    }

    @Override
    public Optional<Mask3D> groundTruth() {
        Mask3D.Builder b = Mask3D.builder(32, 32, DEPTH, SP);
        for (int z = 0; z < DEPTH; z++) {
            b.setSlice(z, truthSlice(FIRST + z));
        }
        return Optional.of(b.build());
    }

    static LesionDataset dataset(List<LesionCase> cases) {
        return LesionDataset.of(cases);
    }
}
