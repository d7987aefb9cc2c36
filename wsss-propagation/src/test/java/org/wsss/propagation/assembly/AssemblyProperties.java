package org.wsss.propagation.assembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.wsss.api.ComponentLabels;
import org.wsss.api.Connectivity2D;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;

/**
 * The flood fills of {@link Assembly} against a brute-force reference: every voxel starts with
 * its own index as label and takes the smallest label among itself and its neighbours until no
 * label changes; two voxels are connected iff their final labels agree.
 */
@PropertyDefaults(tries = 300)
class AssemblyProperties {

    private static final VoxelSpacing SPACING = new VoxelSpacing(0.7, 0.9, 2.5);

    // ---- reference ------------------------------------------------------------------------

    /** Final min-labels of a w×h×d grid (x fastest); -1 for background. */
    private static int[] referenceLabels(boolean[] in, int w, int h, int d, boolean full) {
        int[] lab = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            lab[i] = in[i] ? i : -1;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < in.length; i++) {
                if (!in[i]) {
                    continue;
                }
                int x = i % w, y = (i / w) % h, z = i / (w * h);
                for (int j = 0; j < in.length; j++) {
                    if (!in[j] || lab[j] >= lab[i]) {
                        continue;
                    }
                    int ax = Math.abs(j % w - x), ay = Math.abs((j / w) % h - y), az = Math.abs(j / (w * h) - z);
                    boolean adjacent = full ? Math.max(ax, Math.max(ay, az)) == 1 : ax + ay + az == 1;
                    if (adjacent) {
                        lab[i] = lab[j];
                        changed = true;
                    }
                }
            }
        }
        return lab;
    }

    private static boolean[] random(SplittableRandom rnd, int n, double density) {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() < density;
        }
        return v;
    }

    // ---- properties -----------------------------------------------------------------------

    @Property
    void withinReachKeepsExactlyThePixelsNearThePreviousMask(@ForAll long seed, @ForAll @IntRange(min = 1, max = 9) int w,
                                                             @ForAll @IntRange(min = 1, max = 9) int h,
                                                             @ForAll @DoubleRange(min = 0, max = 4) double reach) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mask current = Mask.of(w, h, random(rnd, w * h, 0.5));
        Mask previous = Mask.of(w, h, random(rnd, w * h, 0.15));
        Mask out = Assembly.withinReach(current, previous, reach, SPACING.x(), SPACING.y());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double best = Double.POSITIVE_INFINITY;
                for (int v = 0; v < h; v++) {
                    for (int u = 0; u < w; u++) {
                        if (previous.get(u, v)) {
                            best = Math.min(best, Math.hypot((u - x) * SPACING.x(), (v - y) * SPACING.y()));
                        }
                    }
                }
                assertEquals(current.get(x, y) && best <= reach + 1e-9, out.get(x, y), "pixel " + x + "," + y);
            }
        }
        assertEquals(current, Assembly.withinReach(current, previous, Double.POSITIVE_INFINITY, SPACING.x(), SPACING.y()));
    }

    @Property
    void keepConnectedToMatchesTheReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int w,
                                            @ForAll @IntRange(min = 1, max = 7) int h,
                                            @ForAll @IntRange(min = 1, max = 6) int d,
                                            @ForAll @DoubleRange(min = 0.1, max = 0.7) double density,
                                            @ForAll boolean full) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] in = random(rnd, w * h * d, density);
        int slice = rnd.nextInt(d);
        Mask seedMask = Mask.of(w, h, random(rnd, w * h, 0.3));
        Mask3D mask = Mask3D.of(w, h, d, SPACING, in);
        Connectivity3D c = full ? Connectivity3D.TWENTY_SIX : Connectivity3D.SIX;

        Mask3D kept = Assembly.keepConnectedTo(mask, slice, seedMask, c);

        int[] lab = referenceLabels(in, w, h, d, full);
        boolean[] seedLabels = new boolean[in.length];
        for (int i = 0; i < w * h; i++) {
            int v = slice * w * h + i;
            if (seedMask.getIndex(i) && in[v]) {
                seedLabels[lab[v]] = true;
            }
        }
        boolean[] expected = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            expected[i] = in[i] && seedLabels[lab[i]];
        }
        assertArrayEquals(expected, kept.toArray());
        assertEquals(SPACING, kept.spacing());
        // Every seed pixel inside the mask survives: never empty for a segmented RECIST slice.
        for (int i = 0; i < w * h; i++) {
            int x = i % w, y = i / w;
            if (seedMask.getIndex(i) && in[slice * w * h + i]) {
                assertTrue(kept.get(x, y, slice));
            }
        }
    }

    @Property
    void labelMatchesTheReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int w,
                                  @ForAll @IntRange(min = 1, max = 12) int h,
                                  @ForAll @DoubleRange(min = 0.1, max = 0.8) double density,
                                  @ForAll boolean eight) {
        boolean[] in = random(new SplittableRandom(seed), w * h, density);
        ComponentLabels labels = Assembly.label(Mask.of(w, h, in), eight ? Connectivity2D.EIGHT : Connectivity2D.FOUR);
        int[] ref = referenceLabels(in, w, h, 1, eight);
        // Reference classes numbered by their smallest index: the documented row-major order.
        TreeMap<Integer, Integer> number = new TreeMap<>();
        for (int r : ref) {
            if (r >= 0) {
                number.putIfAbsent(r, 0);
            }
        }
        int k = 0;
        for (var e : number.entrySet()) {
            e.setValue(++k);
        }
        assertEquals(number.size(), labels.count());
        int[] sizes = new int[k + 1];
        for (int i = 0; i < in.length; i++) {
            int expected = ref[i] < 0 ? 0 : number.get(ref[i]);
            assertEquals(expected, labels.label(i % w, i / w), "pixel " + i);
            sizes[expected]++;
        }
        for (int c = 1; c <= k; c++) {
            assertEquals(sizes[c], labels.size(c));
            assertEquals(sizes[c], labels.mask(c).count());
        }
    }

    @Property
    void connectedToPreviousMatchesTheReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int w,
                                                @ForAll @IntRange(min = 1, max = 10) int h,
                                                @ForAll @DoubleRange(min = 0.1, max = 0.7) double density,
                                                @ForAll boolean full) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] cur = random(rnd, w * h, density);
        boolean[] prev = random(rnd, w * h, density / 3);
        Connectivity3D c = full ? Connectivity3D.TWENTY_SIX : Connectivity3D.SIX;
        Mask got = Assembly.connectedToPrevious(Mask.of(w, h, cur), Mask.of(w, h, prev), c);

        // Reference: a current-slice component is kept iff one of its pixels has a previous-slice
        // pixel among its cross-slice neighbours.
        int[] lab2 = referenceLabels(cur, w, h, 1, full);
        boolean[] touching = new boolean[w * h];
        for (int i = 0; i < w * h; i++) {
            if (cur[i] && touchesPrevious(i, prev, w, h, full)) {
                touching[lab2[i]] = true;
            }
        }
        for (int i = 0; i < w * h; i++) {
            assertEquals(cur[i] && touching[lab2[i]], got.getIndex(i), "pixel " + i);
        }
    }

    /** Whether pixel i of the current slice has a previous-slice neighbour under the connectivity. */
    private static boolean touchesPrevious(int i, boolean[] prev, int w, int h, boolean full) {
        int x = i % w, y = i / w;
        for (int j = 0; j < prev.length; j++) {
            int ax = Math.abs(j % w - x), ay = Math.abs(j / w - y);
            if (prev[j] && (full ? Math.max(ax, ay) <= 1 : ax + ay == 0)) {
                return true;
            }
        }
        return false;
    }
}
