package org.wsss.propagation.baseline;

import java.util.Optional;
import java.util.SplittableRandom;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

/**
 * A test case: a bright ellipsoid (semi-axes in mm along x, y, z) on a noisy soft-tissue
 * background, on stored slices {@code indices} (gaps allowed), with exact ground truth (voxel
 * centres inside the ellipsoid) and the RECIST measured from the truth on slice {@code keyIndex}.
 * Pixels are drawn on demand from a seed per slice, so repeated reads agree. Not final, so that
 * a test can add structures to {@link #slice(int)}.
 */
public class EllipsoidCase implements LesionCase {

    final int size;
    final VoxelSpacing spacing;
    final int[] indices;
    final double cx, cy;
    final int keyIndex;
    final double ax, ay, az;
    final float lesionHu, backgroundHu, noiseHu;
    final long seed;
    private final Recist recist;

    public EllipsoidCase(int size, VoxelSpacing spacing, int[] indices, double cx, double cy, int keyIndex, double ax,
                  double ay, double az, float lesionHu, float backgroundHu, float noiseHu, long seed) {
        this.size = size;
        this.spacing = spacing;
        this.indices = indices.clone();
        this.cx = cx;
        this.cy = cy;
        this.keyIndex = keyIndex;
        this.ax = ax;
        this.ay = ay;
        this.az = az;
        this.lesionHu = lesionHu;
        this.backgroundHu = backgroundHu;
        this.noiseHu = noiseHu;
        this.seed = seed;
        this.recist = Recist.fromMask(truthSlice(keyIndex), spacing, keyIndex);
    }

    public boolean inside(int x, int y, int sliceIndex) {
        double dx = (x - cx) * spacing.x() / ax, dy = (y - cy) * spacing.y() / ay;
        double dz = (sliceIndex - keyIndex) * spacing.z() / az;
        return dx * dx + dy * dy + dz * dz <= 1;
    }

    public Mask truthSlice(int sliceIndex) {
        return Mask.fromPredicate(size, size, (x, y) -> inside(x, y, sliceIndex));
    }

    @Override
    public String id() {
        return "ellipsoid-" + seed;
    }

    @Override
    public Recist recist() {
        return recist;
    }

    @Override
    public VoxelSpacing spacing() {
        return spacing;
    }

    @Override
    public Window window() {
        return Window.DEFAULT;
    }

    @Override
    public LesionCategory category() {
        return LesionCategory.LIVER;
    }

    @Override
    public Split split() {
        return Split.TEST;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public int height() {
        return size;
    }

    @Override
    public int[] sliceIndices() {
        return indices.clone();
    }

    @Override
    public Slice slice(int sliceIndex) {
        if (zOf(sliceIndex) < 0) {
            throw new IllegalArgumentException("slice " + sliceIndex + " is not stored");
        }
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + sliceIndex);
        float[] hu = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                hu[y * size + x] = (inside(x, y, sliceIndex) ? lesionHu : backgroundHu)
                        + (float) (noiseHu * rnd.nextGaussian());
            }
        }
        return Slice.of(size, size, hu, spacing);
    }

    @Override
    public Optional<Mask3D> groundTruth() {
        Mask3D.Builder b = Mask3D.builder(size, size, indices.length, spacing);
        for (int z = 0; z < indices.length; z++) {
            b.setSlice(z, truthSlice(indices[z]));
        }
        return Optional.of(b.build());
    }
}
