package org.wsss.propagation.assembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;

/**
 * {@link IntensityStop}: a 40 HU lesion on slices 2..6 of a 0 HU volume, whose mask runs on to
 * slices 0 and 8, is cut at slices 1 and 7; a mask partly over the edge is kept or cut by the
 * fraction; random volumes against a brute-force reference; the result is a subset that keeps
 * the RECIST slice.
 */
@PropertyDefaults(tries = 200)
class IntensityStopTest {

    private static final VoxelSpacing SPACING = new VoxelSpacing(0.8, 0.8, 2.0);
    private static final int W = 12;
    private static final int H = 10;

    /** Slices where the lesion (a 4×4 square of {@code lesionHu}) lies on {@code lesionZ}, 0 HU elsewhere. */
    private static Slice[] volume(int depth, int from, int to, float lesionHu) {
        Slice[] s = new Slice[depth];
        for (int z = 0; z < depth; z++) {
            float[] hu = new float[W * H];
            if (z >= from && z <= to) {
                for (int y = 3; y < 7; y++) {
                    for (int x = 4; x < 8; x++) {
                        hu[y * W + x] = lesionHu;
                    }
                }
            }
            s[z] = Slice.of(W, H, hu, SPACING);
        }
        return s;
    }

    /** The same 4×4 square (plus a ring of {@code ring} px) on slices {@code from..to}. */
    private static Mask3D squareMask(int depth, int from, int to, int ring) {
        boolean[] a = new boolean[W * H * depth];
        for (int z = from; z <= to; z++) {
            for (int y = 3 - ring; y < 7 + ring; y++) {
                for (int x = 4 - ring; x < 8 + ring; x++) {
                    a[z * W * H + y * W + x] = true;
                }
            }
        }
        return Mask3D.of(W, H, depth, SPACING, a);
    }

    @Test
    void cutsWhereTheLesionsIntensityEnds() {
        Slice[] v = volume(10, 2, 6, 40);
        Mask3D mask = squareMask(10, 0, 8, 0);
        Mask3D cut = IntensityStop.defaults().apply(mask, 4, z -> v[z], z -> 100 + z);
        for (int z = 0; z < 10; z++) {
            assertEquals(z >= 2 && z <= 6 ? 16 : 0, cut.slice(z).count(), "slice " + z);
        }
        List<String> notes = cut.provenance().notes();
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("below: cut at slice 101")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("above: cut at slice 107") && n.contains("2 slice(s)")),
                notes.toString());
    }

    @Test
    void theFractionDecidesForAMaskOverTheEdge() {
        // The RECIST slice's mask is the lesion itself (range [40, 40]); the other slices' masks
        // add a 1 px ring of 0 HU: 16 of 36 px (0.44) in range.
        Slice[] v = volume(9, 0, 8, 40);
        boolean[] a = squareMask(9, 1, 7, 1).toArray();
        boolean[] key = squareMask(9, 4, 4, 0).toArray();
        for (int i = 4 * W * H; i < 5 * W * H; i++) {
            a[i] = key[i];
        }
        Mask3D mask = Mask3D.of(W, H, 9, SPACING, a);
        assertSame(mask, IntensityStop.defaults().apply(mask, 4, z -> v[z], z -> z));
        Mask3D cut = new IntensityStop(0.5, 0.1).apply(mask, 4, z -> v[z], z -> z);
        for (int z = 0; z < 9; z++) {
            assertEquals(z == 4 ? 16 : 0, cut.slice(z).count(), "slice " + z);
        }
    }

    @Test
    void offAndTinyKeyMasksLeaveTheMaskAlone() {
        Slice[] v = volume(6, 2, 3, 40);
        Mask3D mask = squareMask(6, 0, 5, 0);
        assertSame(mask, IntensityStop.off().apply(mask, 2, z -> v[z], z -> z));
        boolean[] a = new boolean[W * H * 6];
        a[2 * W * H + 5 * W + 5] = true;
        a[3 * W * H + 5 * W + 5] = true;
        Mask3D tiny = Mask3D.of(W, H, 6, SPACING, a);
        assertSame(tiny, IntensityStop.defaults().apply(tiny, 2, z -> v[z], z -> z));
    }

    @Test
    void theRangeCanComeFromTheInitialMask() {
        // A 40 HU core (x 5..6, y 4..6) in a 20 HU partial-volume rim (the rest of x 3..8, y 3..7) on
        // every slice. The 3D mask is the core alone on the RECIST slice (a tight mask: range
        // [40, 40]) and core + rim elsewhere (6 of 30 px at 40 HU: 0.2 < 0.3); the initial mask
        // holds core and rim (range [20, 40]).
        Slice[] v = new Slice[5];
        boolean[] a = new boolean[W * H * 5];
        boolean[] init = new boolean[W * H];
        for (int z = 0; z < 5; z++) {
            float[] hu = new float[W * H];
            for (int y = 3; y < 8; y++) {
                for (int x = 3; x < 9; x++) {
                    boolean core = x >= 5 && x <= 6 && y >= 4 && y <= 6;
                    hu[y * W + x] = core ? 40 : 20;
                    a[z * W * H + y * W + x] = z != 2 || core;
                    init[y * W + x] = true;
                }
            }
            v[z] = Slice.of(W, H, hu, SPACING);
        }
        Mask3D mask = Mask3D.of(W, H, 5, SPACING, a);
        Mask initial = Mask.of(W, H, init);
        Mask3D own = IntensityStop.defaults().apply(mask, 2, z -> v[z], z -> z);
        for (int z = 0; z < 5; z++) {
            assertEquals(z == 2 ? 6 : 0, own.slice(z).count(), "own range, slice " + z);
        }
        IntensityStop fromInitial = IntensityStop.defaults().withRangeFrom(IntensityStop.RangeFrom.INITIAL_MASK);
        assertSame(mask, fromInitial.apply(mask, 2, z -> v[z], z -> z, initial));
        // With MASK the initial mask is ignored.
        assertEquals(own, IntensityStop.defaults().apply(mask, 2, z -> v[z], z -> z, initial));
        // The cut's note names the range's source.
        Mask background = Mask.fromPredicate(W, H, (x, y) -> x < 2);
        Mask3D cut = fromInitial.apply(mask, 2, z -> v[z], z -> z, background);
        assertTrue(cut.provenance().notes().stream().anyMatch(n -> n.contains("of the initial RECIST-slice mask")),
                cut.provenance().notes().toString());
    }

    @Test
    void theInitialMaskIsRequiredWhereItIsRead() {
        Slice[] v = volume(5, 0, 4, 40);
        Mask3D mask = squareMask(5, 0, 4, 0);
        IntensityStop fromInitial = IntensityStop.defaults().withRangeFrom(IntensityStop.RangeFrom.INITIAL_MASK);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fromInitial.apply(mask, 2, z -> v[z], z -> z));
        assertTrue(e.getMessage().contains("INITIAL_MASK"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fromInitial.apply(mask, 2, z -> v[z], z -> z, null));
        assertThrows(IllegalArgumentException.class,
                () -> fromInitial.apply(mask, 2, z -> v[z], z -> z, Mask.empty(W + 1, H)));
        IntensityStop off = IntensityStop.off().withRangeFrom(IntensityStop.RangeFrom.INITIAL_MASK);
        assertSame(mask, off.apply(mask, 2, z -> v[z], z -> z));
        assertThrows(NullPointerException.class, () -> new IntensityStop(0.3, 0.1, null));
        assertEquals(IntensityStop.RangeFrom.MASK, IntensityStop.defaults().rangeFrom());
    }

    @Test
    void rejectsBadValuesAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> new IntensityStop(-0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new IntensityStop(1.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new IntensityStop(0.3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new IntensityStop(Double.NaN, 0.1));
        Mask3D mask = squareMask(4, 0, 3, 0);
        assertThrows(IllegalArgumentException.class, () -> IntensityStop.defaults().apply(mask, 4, z -> null, z -> z));
        Slice small = Slice.of(3, 3, new float[9], SPACING);
        assertThrows(IllegalArgumentException.class, () -> IntensityStop.defaults().apply(mask, 1, z -> small, z -> z));
    }

    /** The rule as its javadoc states it, with a sorted list for the quantiles. */
    private static boolean[] reference(boolean[] a, float[][] hu, int plane, int depth, int key, double f, double tail,
                                       boolean[] rangeMask) {
        boolean[] out = a.clone();
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < plane; i++) {
            if (rangeMask != null ? rangeMask[i] : a[key * plane + i]) {
                v.add(hu[key][i]);
            }
        }
        if (v.size() < IntensityStop.MIN_KEY_PIXELS || f == 0) {
            return out;
        }
        Collections.sort(v);
        float lo = v.get((int) (tail * (v.size() - 1))), hi = v.get((int) ((1 - tail) * (v.size() - 1)));
        for (int step = -1; step <= 1; step += 2) {
            boolean cut = false;
            for (int z = key + step; z >= 0 && z < depth; z += step) {
                if (!cut) {
                    int n = 0, in = 0;
                    for (int i = 0; i < plane; i++) {
                        if (a[z * plane + i]) {
                            n++;
                            in += hu[z][i] >= lo && hu[z][i] <= hi ? 1 : 0;
                        }
                    }
                    if (n == 0) {
                        break;
                    }
                    cut = in < f * n;
                }
                if (cut) {
                    for (int i = 0; i < plane; i++) {
                        out[z * plane + i] = false;
                    }
                }
            }
        }
        return out;
    }

    @Property
    void matchesTheReferenceAndOnlyRemoves(@ForAll long seed, @ForAll @IntRange(min = 1, max = 9) int depth,
                                           @ForAll @DoubleRange(min = 0, max = 1) double f,
                                           @ForAll @DoubleRange(min = 0, max = 0.45) double tail) {
        SplittableRandom r = new SplittableRandom(seed);
        int w = 1 + r.nextInt(6), h = 1 + r.nextInt(6), plane = w * h, key = r.nextInt(depth);
        boolean[] a = new boolean[plane * depth];
        float[][] hu = new float[depth][plane];
        Slice[] slices = new Slice[depth];
        double fill = r.nextDouble();
        for (int z = 0; z < depth; z++) {
            for (int i = 0; i < plane; i++) {
                a[z * plane + i] = r.nextDouble() < fill;
                hu[z][i] = r.nextInt(5) * 10; // few levels: ties at the range's ends
            }
            slices[z] = Slice.of(w, h, hu[z], SPACING);
        }
        Mask3D mask = Mask3D.of(w, h, depth, SPACING, a);
        boolean[] init = new boolean[plane];
        for (int i = 0; i < plane; i++) {
            init[i] = r.nextDouble() < fill;
        }
        boolean fromInitial = r.nextBoolean();
        IntensityStop rule = new IntensityStop(f, tail,
                fromInitial ? IntensityStop.RangeFrom.INITIAL_MASK : IntensityStop.RangeFrom.MASK);
        Mask3D cut = rule.apply(mask, key, z -> slices[z], z -> z, Mask.of(w, h, init));
        boolean[] got = cut.toArray();
        assertArrayEquals(reference(a, hu, plane, depth, key, f, tail, fromInitial ? init : null), got);
        for (int i = 0; i < got.length; i++) {
            assertTrue(!got[i] || a[i], "only removes voxels");
        }
        for (int i = 0; i < plane; i++) {
            assertEquals(a[key * plane + i], got[key * plane + i], "the RECIST slice is kept");
        }
    }
}
