package org.wsss.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Split;

class PhantomTest {

    private static final PhantomConfig SMALL = PhantomStatisticsTest.SMALL;

    @Test
    void sameSeedGivesIdenticalPixelsMasksAndMarks() {
        LesionDataset a = Phantom.dataset(SMALL), b = Phantom.dataset(SMALL);
        for (int i = 0; i < 6; i++) {
            LesionCase x = a.get(i), y = b.get(i);
            assertEquals(x.recist(), y.recist());
            assertEquals(x.groundTruth().orElseThrow(), y.groundTruth().orElseThrow());
            for (int s : x.sliceIndices()) {
                assertArrayEquals(x.slice(s).toArray(), y.slice(s).toArray(), "case " + i + " slice " + s);
            }
        }
        // A case does not depend on which cases were generated before it.
        LesionCase late = Phantom.generate(SMALL, 5);
        assertArrayEquals(a.get(5).keySlice().toArray(), late.keySlice().toArray());
    }

    @Test
    void differentSeedGivesDifferentCases() {
        PhantomConfig other = SMALL.withSeed(SMALL.seed() + 1);
        int differ = 0;
        for (int i = 0; i < 4; i++) {
            LesionCase x = Phantom.generate(SMALL, i), y = Phantom.generate(other, i);
            if (x.width() != y.width() || x.sliceIndices().length != y.sliceIndices().length
                    || !Arrays.equals(x.keySlice().toArray(), y.keySlice().toArray())) {
                differ++;
            }
        }
        assertEquals(4, differ);
    }

    @Test
    void casesHaveConsistentMetadataAndStoredSlices() {
        LesionDataset d = Phantom.dataset(SMALL.withCount(12));
        assertEquals(12, d.size());
        assertTrue(d.problems().isEmpty());
        Set<String> ids = new HashSet<>();
        for (LesionCase c : d) {
            assertTrue(ids.add(c.id()), "unique id " + c.id());
            assertTrue(c.id().matches("\\d{6}_01_01_\\d{3}"), c.id());
            int[] s = c.sliceIndices();
            for (int k = 1; k < s.length; k++) {
                assertEquals(s[k - 1] + 1, s[k]);
            }
            assertTrue(c.zOf(c.recist().sliceIndex()) >= 0);
            assertEquals(-1, c.zOf(s[0] - 1));
            assertThrows(IllegalArgumentException.class, () -> c.slice(s[s.length - 1] + 1));
            Mask3D gt = c.groundTruth().orElseThrow();
            assertEquals(c.width(), gt.width());
            assertEquals(s.length, gt.depth());
            assertTrue(gt.slice(0).isEmpty() && gt.slice(gt.depth() - 1).isEmpty(), "lesion ends inside the volume");
            assertEquals(c.spacing(), gt.spacing());
            float[] key = c.keySlice().toArray();
            for (float v : key) {
                assertTrue(v >= -1024 && v <= 3071 && v == Math.rint(v), "integer HU in range: " + v);
            }
            assertEquals(c.category() == LesionCategory.LUNG ? CasePlan.LUNG_WINDOW
                    : c.category() == LesionCategory.BONE ? CasePlan.BONE_WINDOW : CasePlan.SOFT_TISSUE_WINDOW, c.window());
        }
        assertEquals(12, d.stream().count());
    }

    /** 200 default cases; only their lesions are rasterised (no image), which is fast. */
    private static List<PhantomCase> DEFAULT_CASES;

    @BeforeAll
    static void rasterise() {
        PhantomConfig cfg = PhantomConfig.defaults().withCount(200);
        DEFAULT_CASES = IntStream.range(0, 200).parallel().mapToObj(i -> {
            PhantomCase c = Phantom.generate(cfg, i);
            c.trueRecist();
            return c;
        }).collect(Collectors.toList());
    }

    @Test
    void recistIsMeasuredOnTheLargestGroundTruthSliceAndThenPerturbed() {
        List<String> bad = DEFAULT_CASES.stream().map(c -> {
            int i = c.index();
            Mask3D gt = c.groundTruth().orElseThrow();
            int key = c.zOf(c.trueRecist().sliceIndex());
            int best = 0;
            for (int z = 0; z < gt.depth(); z++) {
                best = Math.max(best, gt.slice(z).count());
            }
            Mask m = gt.slice(key);
            if (m.count() != best) {
                return i + ": key slice is not of largest area";
            }
            if (!Recist.fromMask(m, c.spacing(), c.trueRecist().sliceIndex()).equals(c.trueRecist())) {
                return i + ": true RECIST differs from the re-measured one";
            }
            Recist r = c.recist();
            r.validate(c.width(), c.height(), c.spacing());
            if (r.sliceIndex() != c.trueRecist().sliceIndex()) {
                return i + ": perturbed RECIST moved slice";
            }
            // Lengths scaled by at most 20%, each endpoint moved by at most sqrt(2) px of jitter.
            double tol = 2 * Math.sqrt(2) + 1e-9;
            double l0 = c.trueRecist().longLengthPx(), l1 = r.longLengthPx();
            double s0 = c.trueRecist().shortLengthPx(), s1 = r.shortLengthPx();
            if (l1 < 0.8 * l0 - tol || l1 > 1.2 * l0 + tol || s1 < 0.8 * s0 - tol || s1 > 1.2 * s0 + tol) {
                return i + ": perturbation out of bounds " + c.trueRecist() + " -> " + r;
            }
            return null;
        }).filter(s -> s != null).collect(Collectors.toList());
        assertEquals(List.of(), bad);
    }

    @Test
    void longDiametersFollowAClinicalSpread() {
        double[] d = DEFAULT_CASES.stream().mapToDouble(c -> c.trueRecist().longLengthMm(c.spacing())).sorted().toArray();
        double median = d[d.length / 2];
        assertTrue(median >= 16 && median <= 24, "median long diameter " + median);
        assertTrue(d[0] >= 6, "smallest " + d[0]);
        assertTrue(d[d.length - 1] <= 66, "largest " + d[d.length - 1]);
        assertTrue(Arrays.stream(d).filter(v -> v >= 35).count() >= 10, "large lesions present");
        assertTrue(Arrays.stream(d).filter(v -> v <= 12).count() >= 10, "small lesions present");
    }

    @Test
    void categoriesAndSplitsFollowTheConfiguredFractions() {
        PhantomConfig cfg = PhantomConfig.defaults().withCount(400);
        LesionDataset d = Phantom.dataset(cfg);
        EnumSet<LesionCategory> seen = EnumSet.noneOf(LesionCategory.class);
        int train = 0, test = 0;
        for (int i = 0; i < d.size(); i++) {
            PhantomCase c = Phantom.generate(cfg, i); // metadata only: no pixels are made
            seen.add(c.category());
            train += c.split() == Split.TRAIN ? 1 : 0;
            test += c.split() == Split.TEST ? 1 : 0;
        }
        assertEquals(8, seen.size());
        assertTrue(train > 0.62 * 400 && train < 0.78 * 400, "train " + train);
        assertTrue(test > 0.08 * 400 && test < 0.22 * 400, "test " + test);
        PhantomConfig lungOnly = cfg.onlyCategory(LesionCategory.LUNG).withCount(20);
        assertTrue(Phantom.dataset(lungOnly).stream().allMatch(c -> c.category() == LesionCategory.LUNG));
    }

    @Test
    void outOfRangeIndexIsRejected() {
        assertThrows(IndexOutOfBoundsException.class, () -> Phantom.generate(SMALL, SMALL.count()));
        assertThrows(IndexOutOfBoundsException.class, () -> Phantom.generate(SMALL, -1));
        assertFalse(Phantom.generate(SMALL, 0).adjacentStructure().isPresent()
                && Phantom.generate(SMALL, 0).adjacentStructure().get().isEmpty());
        assertNotEquals(Phantom.generate(SMALL, 0).id(), Phantom.generate(SMALL, 1).id());
    }
}
