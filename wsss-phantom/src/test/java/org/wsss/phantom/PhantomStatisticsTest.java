package org.wsss.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask;
import org.wsss.api.Recist;

/**
 * Statistics over 200 phantom cases. Image statistics use small lesions and thick slices so that
 * the run takes seconds; geometry statistics (diameters, RECIST) use the default settings.
 */
class PhantomStatisticsTest {

    private static final int N = 200;
    /** Small cases for the image statistics: lesions 8–20 mm, slices 2.5 or 5 mm. */
    static final PhantomConfig SMALL = new PhantomConfig(N, 7L, 0.6, 1.0, List.of(2.5, 5.0), 64, 96,
            PhantomConfig.defaults().categoryWeights(), 0.7, 0.15, 8, 25, 0.4, 0.2, 1.0, 8, 12, 20);

    /** Per-case measurements on the key slice of the noise-free image. */
    record Measure(LesionCategory category, String type, String adjacency, double baseHu, double lesionHu,
            double ringHu, int similarRing, double noiseSd, double sigma) {
    }

    private static List<Measure> measures;

    @BeforeAll
    static void measure() {
        measures = IntStream.range(0, N).parallel().mapToObj(i -> measure(Phantom.generate(SMALL, i)))
                .collect(Collectors.toList());
    }

    static Measure measure(PhantomCase c) {
        int w = c.width(), h = c.height(), n = w * h, z = c.keyZ();
        float[] clean = c.render(true, false, false);
        float[] background = c.render(false, false, false);
        // Noise is measured on the first 40 cases only, to keep the run short.
        boolean noise = c.index() < 40;
        float[] blurred = noise ? c.render(true, true, false) : new float[0];
        float[] full = noise ? c.render(true, true, true) : new float[0];
        Mask m = c.groundTruth().orElseThrow().slice(z);
        double les = 0;
        int nl = 0;
        double ring = 0;
        int nr = 0;
        int similar = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = z * n + y * w + x;
                boolean in = m.get(x, y);
                boolean edge = !m.get(x - 1, y) || !m.get(x + 1, y) || !m.get(x, y - 1) || !m.get(x, y + 1);
                if (in && !edge) {
                    les += clean[i];
                    nl++;
                }
                if (!in && (m.get(x - 1, y) || m.get(x + 1, y) || m.get(x, y - 1) || m.get(x, y + 1))) {
                    if (Math.abs(background[i] - c.lesionBaseHu()) <= 30) {
                        similar++;
                    }
                }
                if (!in && near(m, x, y, 3) && !near(m, x, y, 1)) {
                    ring += background[i];
                    nr++;
                }
            }
        }
        double s = 0, s2 = 0;
        for (int i = 0; i < full.length; i++) {
            double d = full[i] - blurred[i];
            s += d;
            s2 += d * d;
        }
        double sd = noise ? Math.sqrt(s2 / full.length - Math.pow(s / full.length, 2)) : Double.NaN;
        return new Measure(c.category(), c.lesionType(), c.adjacentStructure().orElse(null), c.lesionBaseHu(),
                les / Math.max(1, nl), ring / Math.max(1, nr), similar, sd, c.noiseSigmaHu());
    }

    private static boolean near(Mask m, int x, int y, int r) {
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int xx = x + dx, yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < m.width() && yy < m.height() && m.get(xx, yy)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void lesionAndNeighbourHuLieInTheirCategoryRanges() {
        Map<LesionCategory, List<Double>> ring = new EnumMap<>(LesionCategory.class);
        for (Measure m : measures) {
            ring.computeIfAbsent(m.category(), k -> new ArrayList<>()).add(m.ringHu());
        }
        // Median over cases of the mean noise-free HU 2–3 px outside the lesion (anatomy only).
        double[][] bounds = new double[LesionCategory.values().length][];
        bounds[LesionCategory.LUNG.ordinal()] = new double[] {-900, -650};
        bounds[LesionCategory.LIVER.ordinal()] = new double[] {45, 125};
        bounds[LesionCategory.BONE.ordinal()] = new double[] {150, 400};
        bounds[LesionCategory.MEDIASTINUM.ordinal()] = new double[] {-130, -30};
        bounds[LesionCategory.ABDOMEN.ordinal()] = new double[] {-130, -30};
        bounds[LesionCategory.PELVIS.ordinal()] = new double[] {-130, -30};
        bounds[LesionCategory.SOFT_TISSUE.ordinal()] = new double[] {-120, 65};
        bounds[LesionCategory.KIDNEY.ordinal()] = new double[] {-100, 200};
        assertEquals(8, ring.size(), "every category is generated");
        for (Map.Entry<LesionCategory, List<Double>> e : ring.entrySet()) {
            double med = median(e.getValue());
            double[] b = bounds[e.getKey().ordinal()];
            assertTrue(med >= b[0] && med <= b[1], e.getKey() + " neighbour median " + med + " outside " + Arrays.toString(b));
        }
        // Lesion base values by type.
        for (Measure m : measures) {
            double[] b = switch (m.type()) {
                case "solid nodule" -> new double[] {-10, 60};
                case "part-solid nodule" -> new double[] {-650, -350};
                case "cyst" -> new double[] {-5, 35};
                case "metastasis" -> new double[] {-10, 100};
                case "lymph node" -> new double[] {15, 80};
                case "tumour" -> new double[] {20, 130};
                case "lytic", "mixed" -> new double[] {10, 80};
                case "sclerotic" -> new double[] {390, 1200};
                default -> new double[] {10, 90};
            };
            assertTrue(m.baseHu() >= b[0] && m.baseHu() <= b[1], m + " base HU outside " + Arrays.toString(b));
        }
    }

    @Test
    void contrastToNeighboursSpreadsFromHardToEasy() {
        double[] c = measures.stream().mapToDouble(m -> Math.abs(m.lesionHu() - m.ringHu())).sorted().toArray();
        long hard = Arrays.stream(c).filter(v -> v < 30).count();
        long easy = Arrays.stream(c).filter(v -> v > 300).count();
        assertTrue(hard >= N / 20, "cases with < 30 HU contrast: " + hard);
        assertTrue(easy >= N / 20, "cases with > 300 HU contrast: " + easy);
        double med = c[c.length / 2];
        assertTrue(med > 40 && med < 300, "median contrast " + med);
    }

    @Test
    void aThirdOfLesionsTouchASimilarStructureOnTheKeySlice() {
        long flagged = measures.stream().filter(m -> m.adjacency() != null).count();
        long flaggedTouching = measures.stream().filter(m -> m.adjacency() != null && m.similarRing() >= 3).count();
        long touching = measures.stream().filter(m -> m.similarRing() >= 3).count();
        assertTrue(flagged >= 0.3 * N, "flagged " + flagged);
        assertTrue(flaggedTouching >= 0.8 * flagged, flaggedTouching + " of " + flagged + " flagged cases touch on the key slice");
        assertTrue(touching >= 0.3 * N, "touching " + touching);
    }

    @Test
    void noiseHasTheCasesStandardDeviation() {
        int checked = 0;
        for (Measure m : measures) {
            if (!Double.isNaN(m.noiseSd())) {
                assertEquals(m.sigma(), m.noiseSd(), 0.1 * m.sigma() + 0.5, m.toString());
                checked++;
            }
        }
        assertEquals(40, checked);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }
}
