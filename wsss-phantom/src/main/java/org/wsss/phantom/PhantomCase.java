package org.wsss.phantom;

import java.util.Arrays;
import java.util.Optional;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

/**
 * One phantom lesion case. Metadata (category, split, spacing, size, window) is known at
 * construction; the lesion (ground truth and RECIST) is rasterised on first need, and the HU
 * volume rendered on the first {@link #slice} call. Both are cached in this object, so a
 * dataset that hands out fresh cases holds no pixels it is not using. Thread-safe.
 *
 * <p>Ids follow DeepLesion: {@code <patient>_01_01_<key slice>} with patient = index + 1.
 */
public final class PhantomCase implements LesionCase {

    private final CasePlan plan;
    private final PhantomConfig config;
    private volatile Renderer.Lesion lesion;
    private volatile float[] volume;

    PhantomCase(PhantomConfig config, int index) {
        this.config = config;
        this.plan = new CasePlan(config, index);
    }

    /** Position of this case in its dataset. */
    public int index() {
        return plan.index;
    }

    @Override
    public String id() {
        return String.format("%06d_01_01_%03d", plan.index + 1, recist().sliceIndex());
    }

    /** The perturbed mark, as a clinician would have drawn it. */
    @Override
    public Recist recist() {
        return lesion().recist;
    }

    /** The mark measured exactly on the ground truth of the key slice, before perturbation. */
    public Recist trueRecist() {
        return lesion().trueRecist;
    }

    @Override
    public VoxelSpacing spacing() {
        return plan.spacing;
    }

    @Override
    public Window window() {
        return plan.window;
    }

    @Override
    public LesionCategory category() {
        return plan.category;
    }

    @Override
    public Split split() {
        return plan.split;
    }

    @Override
    public int width() {
        return plan.width;
    }

    @Override
    public int height() {
        return plan.height;
    }

    @Override
    public int[] sliceIndices() {
        int[] s = new int[plan.depth];
        for (int i = 0; i < s.length; i++) {
            s[i] = plan.firstSlice + i;
        }
        return s;
    }

    @Override
    public int zOf(int sliceIndex) {
        int z = sliceIndex - plan.firstSlice;
        return z >= 0 && z < plan.depth ? z : -1;
    }

    @Override
    public Slice slice(int sliceIndex) {
        int z = zOf(sliceIndex);
        if (z < 0) {
            throw new IllegalArgumentException("phantom case " + plan.index + " stores slices " + plan.firstSlice + ".."
                    + (plan.firstSlice + plan.depth - 1) + ", not " + sliceIndex);
        }
        int n = plan.width * plan.height;
        return Slice.of(plan.width, plan.height, Arrays.copyOfRange(volume(), z * n, (z + 1) * n), plan.spacing);
    }

    @Override
    public Optional<Mask3D> groundTruth() {
        return Optional.of(lesion().truth);
    }

    /** Kind of the similar-HU structure placed touching the lesion (e.g. "vessel"), if any. */
    public Optional<String> adjacentStructure() {
        return Optional.ofNullable(plan.adjacency);
    }

    /** Lesion type within its category, e.g. "cyst", "lytic", "solid nodule". */
    public String lesionType() {
        return plan.look.type;
    }

    /** Base attenuation of the lesion in HU (before rim, core, texture and noise). */
    public double lesionBaseHu() {
        return plan.look.baseHu;
    }

    /** Standard deviation of this case's CT noise in HU. */
    public double noiseSigmaHu() {
        return plan.noiseSigmaHu;
    }

    /** Whether the case mimics a contrast-enhanced (portal-venous) scan. */
    public boolean contrastEnhanced() {
        return plan.enhanced;
    }

    /** Long diameter the lesion shape was scaled to (largest axial chord through its centre), mm. */
    public double nominalLongDiameterMm() {
        return plan.diameterMm;
    }

    /** Volume index of the key slice. */
    int keyZ() {
        return lesion().keyZ;
    }

    /** A fresh rendering with the given stages (for tests). */
    float[] render(boolean withLesion, boolean blur, boolean noise) {
        return Renderer.image(plan, lesion(), withLesion, blur, noise);
    }

    private Renderer.Lesion lesion() {
        Renderer.Lesion l = lesion;
        if (l == null) {
            synchronized (this) {
                l = lesion;
                if (l == null) {
                    l = Renderer.lesion(plan, config);
                    lesion = l;
                }
            }
        }
        return l;
    }

    private float[] volume() {
        float[] v = volume;
        if (v == null) {
            synchronized (this) {
                v = volume;
                if (v == null) {
                    v = Renderer.image(plan, lesion(), true, true, true);
                    volume = v;
                }
            }
        }
        return v;
    }

    @Override
    public String toString() {
        return "PhantomCase[" + plan.index + ", " + plan.category + ", " + plan.look.type + ", "
                + plan.width + "x" + plan.height + "x" + plan.depth + "]";
    }
}
