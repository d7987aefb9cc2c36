package org.wsss.propagation.inference;

import java.util.Objects;
import java.util.Optional;
import org.wsss.api.Mask3D;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Roi;

/**
 * What 3D inference produced for one lesion: the mask and the network's per-slice probability
 * maps Ŷ of the slices it visited (for the volumetric precision–recall curves of Fig. 2b).
 * Immutable.
 */
public final class LesionSegmentation {

    private final Mask3D mask;
    private final ProbabilityMap[] maps;

    LesionSegmentation(Mask3D mask, ProbabilityMap[] maps) {
        this.mask = Objects.requireNonNull(mask, "mask");
        if (maps.length != mask.depth()) {
            throw new IllegalArgumentException("need one map slot per slice: " + maps.length + " vs " + mask.depth());
        }
        this.maps = maps.clone();
    }

    /** The 3D mask, on the case's grid of stored slices. */
    public Mask3D mask() {
        return mask;
    }

    /** Ŷ of stored slice z (position in the case's slice list), empty where inference did not look. */
    public Optional<ProbabilityMap> probabilityMap(int z) {
        if (z < 0 || z >= maps.length) {
            throw new IndexOutOfBoundsException("slice " + z + " outside 0.." + (maps.length - 1));
        }
        return Optional.ofNullable(maps[z]);
    }

    /** How many slices were predicted. */
    public int visitedSlices() {
        int n = 0;
        for (ProbabilityMap m : maps) {
            n += m == null ? 0 : 1;
        }
        return n;
    }

    /**
     * The per-voxel lesion probability in {@link Mask3D}'s order (x fastest, then y, then z): Ŷ
     * inside each visited slice's ROI, 0 outside it and on slices not visited. A fresh array.
     */
    public float[] probabilities() {
        int w = mask.width(), h = mask.height();
        float[] out = new float[w * h * mask.depth()];
        for (int z = 0; z < maps.length; z++) {
            ProbabilityMap m = maps[z];
            if (m == null) {
                continue;
            }
            Roi r = m.roi();
            int x0 = Math.max(0, r.x()), x1 = Math.min(w, r.endX()), y0 = Math.max(0, r.y()), y1 = Math.min(h, r.endY());
            for (int y = y0; y < y1; y++) {
                int base = (z * h + y) * w;
                for (int x = x0; x < x1; x++) {
                    out[base + x] = m.get(x, y);
                }
            }
        }
        return out;
    }
}
