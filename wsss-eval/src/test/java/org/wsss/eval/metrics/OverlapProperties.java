package org.wsss.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;

/** The bit-set overlap counts against a brute-force loop over boolean arrays. */
class OverlapProperties {

    @Property(tries = 200)
    void overlap2dMatchesBruteForce(@ForAll @IntRange(min = 1, max = 70) int w, @ForAll @IntRange(min = 1, max = 9) int h,
                                    @ForAll @DoubleRange(min = 0, max = 1) double density, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] p = random(r, w * h, density);
        boolean[] t = random(r, w * h, density);
        Overlap o = Metrics.overlap(Mask.of(w, h, p), Mask.of(w, h, t));
        assertEquals(bruteForce(p, t), o);
    }

    @Property(tries = 200)
    void overlap3dMatchesBruteForce(@ForAll @IntRange(min = 1, max = 40) int w, @ForAll @IntRange(min = 1, max = 9) int h,
                                    @ForAll @IntRange(min = 1, max = 6) int d,
                                    @ForAll @DoubleRange(min = 0, max = 1) double density, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] p = random(r, w * h * d, density);
        boolean[] t = random(r, w * h * d, density);
        VoxelSpacing s = VoxelSpacing.isotropic(1);
        Overlap o = Metrics.overlap(Mask3D.of(w, h, d, s, p), Mask3D.of(w, h, d, s, t));
        Overlap ref = bruteForce(p, t);
        assertEquals(ref, o);
        // Scores are from the counts by their formulas, with the empty conventions.
        double diceRef = ref.tp() + ref.fp() + ref.fn() == 0 ? 1 : 2.0 * ref.tp() / (2 * ref.tp() + ref.fp() + ref.fn());
        assertEquals(diceRef, o.dice(), 1e-12);
    }

    static boolean[] random(SplittableRandom r, int n, double density) {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() < density;
        }
        return v;
    }

    static Overlap bruteForce(boolean[] p, boolean[] t) {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] && t[i]) {
                tp++;
            } else if (p[i]) {
                fp++;
            } else if (t[i]) {
                fn++;
            }
        }
        return new Overlap(tp, fp, fn);
    }
}
