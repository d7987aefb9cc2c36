package org.wsss.phantom;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.WsssIoException;
import org.wsss.api.Progress;
import org.wsss.io.DeepLesionRecord;
import org.wsss.io.DeepLesionWriter;

/**
 * Synthetic CT lesion phantom with exact 3D ground truth: the SDK's embedded default dataset.
 * Each case is a CT sub-volume in HU around one lesion of one of DeepLesion's eight coarse
 * categories, with a RECIST mark measured on the ground truth and then perturbed as clinical
 * marks are. Case {@code i} depends only on ({@link PhantomConfig#seed()}, i): it is drawn from
 * its own {@link java.util.SplittableRandom} stream, generated lazily and never held by the
 * dataset, so a dataset of any size needs the memory of the cases in use only.
 *
 * <h2>What makes it hard</h2>
 * <ul>
 *   <li>Geometry: in-plane spacing 0.6–1.0 mm, slice interval 1, 2.5 or 5 mm; field of view
 *       3.5 × the lesion diameter (128–256 px), always holding twice the lesion plus margin.</li>
 *   <li>Lesions: log-normal long diameter (median 20 mm, 8–60 mm), ellipsoids with in-plane
 *       aspect 0.45–1, flattened (×0.45–0.75) or elongated (×1.25–1.8) along z in some cases,
 *       randomly rotated and tilted by up to 20–30°; lobulated by zonal spherical harmonics of
 *       degree 2–5; 30 % of solid lung nodules spiculated. Partial volume: near the surface each
 *       voxel's lesion fraction is the share of 3×3×3 sub-samples inside; the ground truth is
 *       fraction ≥ 0.5 and the image mixes lesion and background by the fraction.</li>
 *   <li>Appearance: internal heterogeneity (smooth random field, 2–60 HU by type), enhancing
 *       rims, necrotic cores, part-solid nodules; tissue texture; an in-plane point-spread blur
 *       (σ 0.45–0.75 px); correlated noise: white noise blurred in-plane (σ 0.7–1.2 px) and
 *       rescaled to the case's σ (8–25 HU by default); integer HU clamped to [−1024, 3071].</li>
 *   <li>Neighbours: in a configurable fraction of cases (45 % by default) a structure whose HU is
 *       within about 20 HU of the lesion's overlaps its surface by 0.6–1.5 mm along an axial
 *       direction (vessel, bowel loop, organ edge, muscle, node, cyst, bile duct, bone cortex):
 *       where a box-initialised GrabCut leaks.</li>
 * </ul>
 *
 * <h2>Anatomy and attenuation by category (HU)</h2>
 * Values are typical ranges from standard references: Kalender, <i>Computed Tomography</i>,
 * 3rd ed., 2011 (tissue HU scale); Brant &amp; Helms, <i>Fundamentals of Diagnostic
 * Radiology</i>, 4th ed., 2012; Radiopaedia, "Hounsfield unit"; simple renal cysts ≤ 20 HU after
 * Silverman et al., "Bosniak classification of cystic renal masses, version 2019", Radiology
 * 292(2), 2019. Contrast phase per case: portal-venous in 75 % (50 % for lung and bone).
 * <ul>
 *   <li>Common: fat −115 to −85; muscle 40–55 (50–65 enhanced); blood 35–50 (140–220
 *       enhanced); air −1000; urine / simple fluid 0–20; cortical bone 600–1200 (thin cortex,
 *       partial volume); trabecular bone 150–300.</li>
 *   <li>Lung: parenchyma −880 to −800 with vessels (radius 1–3.5 mm, tapering); half with chest
 *       wall (muscle, fat, rib). Solid nodule −10 to 50; part-solid nodule −650 to −350 with a
 *       solid core −50 to 30. Neighbour: pleura / chest wall, vessel.</li>
 *   <li>Liver: parenchyma 50–65 unenhanced, 95–120 portal-venous, hepatic vessels; capsule with
 *       diaphragm / wall outside. Metastasis 20–60 below the parenchyma, 25 % with enhancing rim
 *       (+15–45), 25 % with necrotic core (5–25); cyst 0–15. Neighbour: organ edge, bile duct,
 *       unenhanced vessel.</li>
 *   <li>Mediastinum: fat, both lungs, aorta / SVC / pulmonary artery (radius 8–16 mm), trachea.
 *       Lymph node 30–50 (40–65 enhanced), 10 % necrotic. Neighbour: unenhanced vessel, another
 *       node, esophagus.</li>
 *   <li>Kidney: cortex 30–40 unenhanced, 150–200 nephrographic (medulla 80–120 in some), sinus fat,
 *       pelvis urine; psoas. Cyst 0–18; tumour 25–45 / 70–130 enhanced, 40 % necrotic. Neighbour:
 *       cyst, psoas, bowel loop.</li>
 *   <li>Bone: vertebral-body-like cylinder, cortex and trabecular bone in muscle. Lytic 20–70,
 *       sclerotic 400–900, mixed (lytic with sclerotic rim). Neighbour: muscle through a cortical
 *       breach (lytic), cortex (sclerotic). Bone window.</li>
 *   <li>Abdomen: mesenteric fat, aorta and IVC, bowel loops (wall 35–50 / 60–90, lumen fluid,
 *       gas, oral contrast 150–350 or faeces), mesenteric vessels. Mass / node 30–50 (40–75
 *       enhanced). Neighbour: bowel loop, vessel.</li>
 *   <li>Soft tissue: skin, subcutaneous fat, muscle with fat planes, a long bone. Mass 20–60,
 *       necrotic or rim-enhancing in some; subcutaneous or intramuscular. Neighbour: muscle.</li>
 *   <li>Pelvis: iliac artery and vein beside the node, bladder (urine 0–15, wall), iliac bone
 *       under obturator muscle. Node 30–50 (40–70 enhanced). Neighbour: vessel, bowel loop,
 *       muscle.</li>
 * </ul>
 * Windows: lung [−1350, 150], bone [−500, 1300], otherwise soft tissue [−175, 275].
 *
 * <p>RECIST: on the axial slice of largest ground-truth area (ties: nearest the lesion centre),
 * {@link org.wsss.api.Recist#fromMask} gives {@link PhantomCase#trueRecist()}; each axis is then
 * scaled about its midpoint by up to ± {@link PhantomConfig#recistLengthPerturbation()} (the
 * paper's 20 % diameter noise, Sec. 3) and each endpoint jittered by about
 * {@link PhantomConfig#recistJitterPx()} pixel, giving {@link PhantomCase#recist()}.
 *
 * <h2>Deviations from the paper</h2>
 * The paper evaluates on DeepLesion and a lymph-node dataset; neither can be downloaded here,
 * so this phantom stands in for them. It is a sub-volume per lesion rather than a whole scan,
 * stores every slice of the sub-volume, and its anatomy is a few geometric primitives per
 * category, not a body model. Its numbers measure the method on these images, not on patients.
 */
public final class Phantom {

    private Phantom() {
    }

    /** A lazily generated dataset of {@code config.count()} cases. */
    public static LesionDataset dataset(PhantomConfig config) {
        return new Dataset(config);
    }

    /**
     * Case {@code index} of the phantom described by {@code config}, the same as
     * {@code dataset(config).get(index)}.
     */
    public static PhantomCase generate(PhantomConfig config, int index) {
        if (index < 0 || index >= config.count()) {
            throw new IndexOutOfBoundsException("phantom case " + index + " outside 0.." + (config.count() - 1));
        }
        return new PhantomCase(config, index);
    }

    /**
     * Writes the phantom to {@code dir} in the DeepLesion layout ({@code Images_png/},
     * {@code DL_info.csv}) with each case's ground truth as {@code ground_truth/<id>.nii.gz} on
     * the grid of its stored slices, so that {@link org.wsss.io.DeepLesion#open} reads the
     * same cases back. Cases are generated and written one at a time; memory stays that of one
     * case.
     *
     * @return {@code dir}
     * @throws org.wsss.api.WsssIoException if a file cannot be written
     */
    public static Path export(PhantomConfig config, Path dir) {
        return export(config, dir, 1, Progress.NONE);
    }

    /**
     * {@link #export(PhantomConfig, Path)} on {@code threads} workers, reporting one unit of
     * {@code progress} per case. Cases are generated and their slices written in parallel, a
     * chunk at a time (so memory stays bounded); CSV rows and ground truth follow in case order,
     * so the output is identical to the sequential export.
     */
    public static Path export(PhantomConfig config, Path dir, int threads, Progress progress) {
        return export(dataset(config), dir, threads, progress);
    }

    /**
     * {@link #export(PhantomConfig, Path, int, Progress)} for any dataset whose cases all have a
     * ground truth and whose {@code get} may be called from several threads, e.g.
     * {@link InsertedLesions#dataset}: case i becomes patient i + 1, study 1, series 1.
     *
     * @throws IllegalArgumentException if a case has no ground truth
     */
    public static Path export(LesionDataset data, Path dir, int threads, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int count = data.size();
        progress.start("phantom: " + count + " cases", count);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try (DeepLesionWriter w = DeepLesionWriter.create(dir)) {
            int chunk = 4 * threads;
            for (int start = 0; start < count; start += chunk) {
                int from = start, to = Math.min(count, start + chunk);
                List<Exported> done = pool.submit(() -> IntStream.range(from, to).parallel().mapToObj(i -> {
                    LesionCase c = data.get(i);
                    int[] s = c.sliceIndices();
                    DeepLesionRecord rec = DeepLesionRecord.of(i + 1, 1, 1, c.recist(), s[0], s[s.length - 1],
                            c.spacing(), c.width(), c.height(), c.window(), c.category(), c.split());
                    for (int idx : s) {
                        w.writeSlice(rec, idx, c.slice(idx));
                    }
                    return new Exported(rec, c.groundTruth().orElseThrow(() -> new IllegalArgumentException(
                            "case " + c.id() + " has no ground truth to export")));
                }).collect(Collectors.toList())).get();
                for (Exported e : done) {
                    w.writeGroundTruth(w.addRow(e.record()), e.truth());
                    progress.advance(1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("phantom export interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        return dir;
    }

    private record Exported(DeepLesionRecord record, Mask3D truth) {
    }

    private static final class Dataset implements LesionDataset {
        private final PhantomConfig config;

        Dataset(PhantomConfig config) {
            this.config = java.util.Objects.requireNonNull(config, "config");
        }

        @Override
        public int size() {
            return config.count();
        }

        @Override
        public LesionCase get(int i) {
            return generate(config, i);
        }

        @Override
        public List<WsssIoException> problems() {
            return List.of();
        }

        @Override
        public String toString() {
            return "Phantom[" + config.count() + " cases, seed " + config.seed() + "]";
        }
    }
}
