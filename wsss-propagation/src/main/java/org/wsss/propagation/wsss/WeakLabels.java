package org.wsss.propagation.wsss;

import java.util.Objects;
import org.wsss.api.Mask;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.WeakLabel;
import org.wsss.grabcut.seeds.SeedGeometry;

/**
 * The weak label of Sec. 2.2 (R, F, B) from a slice's mark and its refined mask, used alike on
 * the RECIST slice (the mark R and its GrabCut-R mask) and off it (the propagated mark R̂ and
 * the mask of S(Ŷ, R̂, R) + GrabCut):
 * <ul>
 *   <li>R = the pixels the mark's two axes pass through ({@link SeedGeometry#rasterise}, the
 *       rasteriser of the GrabCut-R seeds), clipped to the slice;</li>
 *   <li>F = the mask's pixels inside the training ROI, minus R;</li>
 *   <li>B = the rest of the training ROI (clipped to the slice), minus the mask, minus R.</li>
 * </ul>
 * Pixels outside the ROI carry no loss. The three sets are disjoint by construction.
 *
 * <p>The training ROI is that of the lesion's original RECIST R
 * ({@code RoiSampler.recistRoi(R)}) on every slice of the lesion, so the network sees one crop
 * per lesion at one scale, the one 3D inference feeds it.
 *
 * <p><b>Deviations from the paper.</b> The paper does not say which region B covers; here it is
 * the training ROI (2× the longer RECIST side), the crop the network is fed.
 */
public final class WeakLabels {

    private WeakLabels() {
    }

    /**
     * The weak label of a {@code mask.width() × mask.height()} slice.
     *
     * @param mark the mark on this slice (R on the RECIST slice, R̂ off it)
     * @param mask the refined lesion mask of this slice
     * @param roi the training ROI (may reach outside the slice)
     * @throws IllegalArgumentException if the ROI does not overlap the slice
     */
    public static WeakLabel of(Recist mark, Mask mask, Roi roi) {
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(roi, "roi");
        int w = mask.width(), h = mask.height();
        Roi full = Roi.full(w, h);
        Roi clipped = roi.clip(w, h);
        boolean[] axes = SeedGeometry.rasterise(mark, full);
        Mask.Builder r = Mask.builder(w, h), f = Mask.builder(w, h), b = Mask.builder(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (axes[y * w + x]) {
                    r.set(x, y);
                } else if (clipped.contains(x, y)) {
                    if (mask.get(x, y)) {
                        f.set(x, y);
                    } else {
                        b.set(x, y);
                    }
                }
            }
        }
        return WeakLabel.of(r.build(), f.build(), b.build());
    }
}
