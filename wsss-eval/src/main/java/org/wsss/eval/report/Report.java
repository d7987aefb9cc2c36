package org.wsss.eval.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.SdkVersion;
import org.wsss.api.Split;
import org.wsss.eval.experiments.Charts;
import org.wsss.eval.experiments.Comparisons;
import org.wsss.eval.experiments.Table1;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.experiments.Volumetric;
import org.wsss.eval.metrics.PairedComparison;
import org.wsss.io.AtomicFiles;

/**
 * A report folder of the paper's evaluation (Sec. 3): {@code report.md} and {@code report.html}
 * (one self-contained page, images by relative path) with the dataset summary, Table 1, Table 2,
 * Fig. 2a/2b and Table 3, overlay montages of a few test lesions, the configuration and
 * provenance of the run, and the data caveat; beside them every table as CSV and every picture
 * as PNG. With 3D results it also writes a table of the shown lesions (each method's RECIST
 * mark, seed and slices used, linked to the lesion's overlay and 3D view) and the interactive
 * viewer {@code viewer.html} (see {@link Viewer}). Any part not given is left out. Every file is
 * written atomically.
 *
 * <pre>{@code
 * Path html = Report.builder()
 *         .dataset(data, "phantom, 200 cases, seed 1", true)
 *         .table1(table1Result)
 *         .volumetric(volumetricResult)
 *         .setting("threads", "2")
 *         .build()
 *         .write(Path.of("wsss-report"));
 * }</pre>
 */
public final class Report {

    /** Report title. */
    public static final String DEFAULT_TITLE = "WSSS: weakly supervised slice-propagated lesion segmentation";

    private final String title;
    private final LesionDataset dataset;
    private final String datasetDescription;
    private final boolean synthetic;
    private final Table1.Result table1;
    private final Tables table2;
    private final Volumetric.Result volumetric;
    private final Map<String, String> settings;
    private final int montageSlices;
    private final int montageTile;

    private Report(Builder b) {
        this.title = b.title;
        this.dataset = b.dataset;
        this.datasetDescription = b.datasetDescription;
        this.synthetic = b.synthetic;
        this.table1 = b.table1;
        this.table2 = b.table2;
        this.volumetric = b.volumetric;
        this.settings = new LinkedHashMap<>(b.settings);
        this.montageSlices = b.montageSlices;
        this.montageTile = b.montageTile;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the report into {@code dir} (created if missing).
     *
     * @return the path of {@code report.html}
     * @throws org.wsss.api.WsssIoException if a file cannot be written, naming it
     */
    public Path write(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Doc doc = new Doc(title);
        List<String> files = new ArrayList<>();
        if (dataset != null) {
            if (synthetic) {
                doc.note("The data is a synthetic CT lesion phantom (" + datasetDescription + "), not DeepLesion. "
                        + "Its lesions, anatomy, noise and RECIST marks are simulated with exact 3D ground truth; the "
                        + "numbers below measure the methods on these images and cannot be compared with the "
                        + "paper's DeepLesion results.");
            }
            doc.heading(2, "Dataset");
            doc.para(datasetDescription);
            doc.table(summaryBySplit(dataset));
            doc.table(geometry(dataset));
            if (!dataset.problems().isEmpty()) {
                doc.para(dataset.problems().size() + " rows of the dataset could not be read and were skipped.");
            }
        }
        if (table1 != null) {
            doc.heading(2, "Table 1: initial RECIST-slice masks");
            doc.para("Recall, precision and Dice (mean ± std over lesions) of each initial-mask method against the "
                    + "ground truth of the RECIST slice (Sec. 3.1).");
            Tables t = table1.table();
            doc.table(t);
            t.writeCsv(dir.resolve("table1.csv"));
            files.add("table1.csv");
            if (!table1.failures().isEmpty()) {
                doc.para(table1.failures().size() + " (lesion, method) pairs failed and are not scored.");
            }
        }
        if (table2 != null) {
            doc.heading(2, "Table 2: RECIST-slice segmentation by the CNN");
            doc.table(table2);
            doc.para("Mean Dice ± std on the test split's RECIST slices. CNN: the calibrated map at 0.5; CNN-GC: "
                    + "GrabCut post-processing (Sec. 3.2); CNN uncalibrated: the network's own output at 0.5, as the paper "
                    + "scores it. The calibration is fitted against each network's training labels, so RECIST-D's "
                    + "under-segmenting labels give an under-segmenting calibrated CNN.");
            table2.writeCsv(dir.resolve("table2.csv"));
            files.add("table2.csv");
        }
        if (volumetric != null) {
            volumetricSections(doc, dir, files);
        }
        doc.heading(2, "Provenance");
        doc.items(provenance());
        if (!files.isEmpty()) {
            doc.heading(2, "Files");
            doc.items(files);
        }
        byte[] md = doc.markdown().getBytes(StandardCharsets.UTF_8);
        byte[] html = doc.html().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("report.md"), out -> out.write(md));
        Path h = dir.resolve("report.html");
        AtomicFiles.write(h, out -> out.write(html));
        return h;
    }

    /** Seed and resamples of the report's bootstrap intervals (fixed: the same masks give the same report). */
    static final long COMPARISON_SEED = 2018L;

    /**
     * The method's two claims tested pair by pair: the largest WSSS-k against the HNN (the
     * propagation teaches the network the off-RECIST slices, Fig. 2a) and its "-GC" against
     * GrabCut-3DE (the learnt pipeline against its own non-learned baseline, Table 3); a pair is
     * shown when both methods are in the result.
     */
    private static void comparisonSections(Doc doc, Path dir, List<String> files, Volumetric.Result v) {
        List<String> names = v.methods().stream().map(Volumetric.MethodResult::name).toList();
        String wsss = null;
        for (int k = 9; k >= 3 && wsss == null; k -= 2) {
            if (names.contains("WSSS-" + k)) {
                wsss = "WSSS-" + k;
            }
        }
        List<String[]> pairs = new ArrayList<>();
        if (wsss != null && names.contains("HNN")) {
            pairs.add(new String[] {wsss, "HNN"});
        }
        if (wsss != null && names.contains(wsss + "-GC") && names.contains("GrabCut-3DE")) {
            pairs.add(new String[] {wsss + "-GC", "GrabCut-3DE"});
        }
        if (pairs.isEmpty()) {
            return;
        }
        doc.heading(3, "Which differences are beyond chance");
        doc.para("Each pair over the lesions both methods scored: the means of A and B over the same lesions (3D) or "
                + "slices (by offset), the difference and its 95 % interval from " + PairedComparison.DEFAULT_RESAMPLES
                + " paired bootstrap resamples of the lesions (seed " + COMPARISON_SEED + "). 'A above' or 'B above' "
                + "only when the whole interval lies on that side of 0; '-' when the data cannot tell.");
        for (String[] p : pairs) {
            Tables t = Comparisons.table(v.comparison(p[0], p[1]), COMPARISON_SEED, PairedComparison.DEFAULT_RESAMPLES);
            doc.para("A = " + p[0] + ", B = " + p[1] + ":");
            doc.table(t);
            String file = "compare_" + p[0] + "_vs_" + p[1] + ".csv";
            t.writeCsv(dir.resolve(file));
            files.add(file);
        }
    }

    private void volumetricSections(Doc doc, Path dir, List<String> files) {
        Volumetric.Result v = volumetric;
        v.writeCsv(dir);
        v.writePlots(dir);
        files.addAll(List.of("fig2a.csv", "fig2a_detail.csv", "fig2b.csv", "fig2b_curves.csv", "table3.csv",
                "lesions3d.csv (every lesion and method: 3D Dice, precision, recall, volumes)",
                "failures3d.csv"));
        doc.heading(2, "Fig. 2a: Dice by slice offset");
        doc.para("Mean 2D Dice of the 3D masks on each slice at a given offset from the RECIST slice, over the "
                + v.lesions() + " lesions of the test split; a slice counts where the ground truth is non-empty "
                + "(Sec. 3.3).");
        doc.image("fig2a.png", "Fig. 2a: mean Dice by slice offset, one line per method");
        doc.table(v.fig2a());
        comparisonSections(doc, dir, files, v);
        doc.heading(2, "Fig. 2b: volumetric precision and recall");
        doc.para("Voxel counts summed over all lesions before precision, recall and F1 are taken. Curves: "
                + "methods with lesion probabilities, over " + v.config().thresholds() + " thresholds; "
                + "diamonds: the binary masks of each method.");
        doc.image("fig2b.png", "Fig. 2b: precision-recall curves and operating points of the binary masks");
        doc.table(v.fig2b());
        doc.heading(2, "Table 3: 3D Dice by lesion category");
        doc.para("Mean 3D Dice per lesion category; Mean is over lesions, each weighing the same (Sec. 3.3).");
        doc.table(v.table3());
        doc.heading(3, "Method configurations");
        doc.table(v.configs());
        if (!v.failures().isEmpty()) {
            doc.para(v.failures().size() + " failures recorded (lesions not scored, or not on a PR curve); "
                    + "see failures3d.csv.");
            Tables f = new Tables(List.of("Case", "Method", "Reason"));
            v.failuresTable().rows().stream().limit(20).forEach(f::add);
            doc.table(f);
        }
        if (!v.examples().isEmpty()) {
            List<String> names = Overlays.names(v);
            List<String> overlayFiles = new ArrayList<>();
            for (Volumetric.Example e : v.examples()) {
                overlayFiles.add("overlays/" + Overlays.fileName(e));
            }
            Viewer.write(dir, v.examples(), names);
            files.add(Viewer.PAGE + " (the 3D viewer) and viewer/ (its code and data)");
            doc.heading(2, "Lesions shown");
            doc.para("One test lesion per category, with each method's provenance: the RECIST mark it started from "
                    + "(slice, long × short axis), the random seed (the first one along the chain of inputs that made the mask, – where none is random) and the stored "
                    + "slices its 3D mask covers. Open a lesion in the [3D viewer](" + Viewer.PAGE + ") (axial, "
                    + "coronal and sagittal planes, masks as overlays to switch on and off) or see its overlay "
                    + "montage below.");
            doc.table(lesionTable(v.examples(), overlayFiles, true));
            lesionTable(v.examples(), overlayFiles, false).writeCsv(dir.resolve("lesions-shown.csv"));
            files.add("lesions-shown.csv (the provenance of each shown lesion and method)");
            doc.heading(2, "Overlays");
            doc.para("Test lesions, one row per method and one column per slice around the RECIST slice: the CT in "
                    + "the case's window, the ground-truth contour in green and the method's contour in its colour.");
            for (int i = 0; i < v.examples().size(); i++) {
                Volumetric.Example e = v.examples().get(i);
                String file = overlayFiles.get(i);
                Charts.writePng(Overlays.montage(e, names, montageSlices, montageTile), dir.resolve(file));
                doc.image(file, e.caseId() + " (" + e.category().shortName() + ")");
            }
        }
    }

    /**
     * One row per shown lesion and method: the lesion's RECIST mark and each mask's seed, slices
     * and 3D Dice; with {@code links}, Markdown links to the lesion's overlay and viewer page on
     * its first row (the CSV form repeats every cell instead).
     */
    static Tables lesionTable(List<Volumetric.Example> examples, List<String> overlayFiles, boolean links) {
        Tables t = new Tables(links
                ? List.of("Lesion", "Category", "RECIST mark", "Method", "Seed", "Slices used", "3D Dice", "Views")
                : List.of("Lesion", "Category", "RECIST slice", "RECIST long mm", "RECIST short mm", "Method", "Seed",
                        "First slice", "Last slice", "Slices", "3D Dice"));
        for (int i = 0; i < examples.size(); i++) {
            Volumetric.Example e = examples.get(i);
            LesionCase lesion = e.lesion();
            Recist r = lesion.recist();
            String longMm = String.format(Locale.ROOT, "%.1f", r.longLengthMm(lesion.spacing()));
            String shortMm = String.format(Locale.ROOT, "%.1f", r.shortLengthMm(lesion.spacing()));
            int[] indices = lesion.sliceIndices();
            boolean first = true;
            for (Map.Entry<String, Mask3D> m : e.predictions().entrySet()) {
                Provenance p = m.getValue().provenance();
                String seed = seedOf(p);
                int[] zs = covered(m.getValue());
                String dice = e.dice().containsKey(m.getKey()) ? Tables.f3(e.dice().get(m.getKey())) : "–";
                if (links) {
                    String slices = zs[2] == 0 ? "none"
                            : indices[zs[0]] + "–" + indices[zs[1]] + " (" + zs[2] + ")";
                    t.add(List.of(first ? e.caseId() : "", first ? e.category().shortName() : "",
                            first ? "slice " + r.sliceIndex() + ", " + longMm + " × " + shortMm + " mm" : "",
                            m.getKey(), seed, slices, dice,
                            first ? "[overlay](" + overlayFiles.get(i) + ") · [3D](" + Viewer.PAGE + "#case="
                                    + java.net.URLEncoder.encode(e.caseId(), java.nio.charset.StandardCharsets.UTF_8)
                                    + ")" : ""));
                } else {
                    t.add(List.of(e.caseId(), e.category().shortName(), Integer.toString(r.sliceIndex()), longMm,
                            shortMm, m.getKey(), seed, zs[2] == 0 ? "" : Integer.toString(indices[zs[0]]),
                            zs[2] == 0 ? "" : Integer.toString(indices[zs[1]]), Integer.toString(zs[2]), dice));
                }
                first = false;
            }
        }
        return t;
    }

    /**
     * The first seed recorded along {@code p}'s chain of inputs, with the method it belongs to when
     * that is an input (e.g. the GrabCut that made the key slice), or "–" for a deterministic chain.
     */
    static String seedOf(Provenance p) {
        for (Provenance q = p; q != null; q = q.parent()) {
            if (q.hasSeed()) {
                return q.seed() + (q == p ? "" : " (" + q.method() + ")");
            }
        }
        return "–";
    }

    /** First and last z with any voxel of {@code m}, and the number of such slices. */
    private static int[] covered(Mask3D m) {
        int lo = -1, hi = -1, n = 0;
        for (int z = 0; z < m.depth(); z++) {
            if (!m.slice(z).isEmpty()) {
                lo = lo < 0 ? z : lo;
                hi = z;
                n++;
            }
        }
        return new int[] {lo, hi, n};
    }

    private List<String> provenance() {
        List<String> p = new ArrayList<>();
        p.add("Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " by WSSS SDK " + SdkVersion.get());
        p.add("Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        settings.forEach((k, val) -> p.add(k + ": " + val));
        p.add("Method: Cai et al., \"Accurate weakly-supervised deep lesion segmentation using large-scale clinical "
                + "annotations: slice-propagated 3D mask generation from 2D RECIST\", MICCAI 2018");
        return p;
    }

    /** Lesions per category and split. */
    static Tables summaryBySplit(LesionDataset data) {
        EnumMap<LesionCategory, int[]> counts = new EnumMap<>(LesionCategory.class);
        int[] total = new int[Split.values().length];
        for (LesionCase c : data) {
            counts.computeIfAbsent(c.category(), k -> new int[Split.values().length])[c.split().ordinal()]++;
            total[c.split().ordinal()]++;
        }
        Tables t = new Tables(List.of("Category", "Train", "Validation", "Test", "All"));
        counts.forEach((cat, n) -> t.add(row(cat.shortName(), n)));
        t.add(row("All", total));
        return t;
    }

    private static List<String> row(String name, int[] n) {
        return List.of(name, Integer.toString(n[0]), Integer.toString(n[1]), Integer.toString(n[2]),
                Integer.toString(n[0] + n[1] + n[2]));
    }

    /** Image size, spacing and slice ranges over the dataset. */
    static Tables geometry(LesionDataset data) {
        int minW = Integer.MAX_VALUE, maxW = 0, minD = Integer.MAX_VALUE, maxD = 0;
        double minS = Double.MAX_VALUE, maxS = 0;
        TreeSet<Double> dz = new TreeSet<>();
        for (LesionCase c : data) {
            minW = Math.min(minW, Math.min(c.width(), c.height()));
            maxW = Math.max(maxW, Math.max(c.width(), c.height()));
            int d = c.sliceIndices().length;
            minD = Math.min(minD, d);
            maxD = Math.max(maxD, d);
            minS = Math.min(minS, Math.min(c.spacing().x(), c.spacing().y()));
            maxS = Math.max(maxS, Math.max(c.spacing().x(), c.spacing().y()));
            dz.add(c.spacing().z());
        }
        Tables t = new Tables(List.of("Property", "Range"));
        if (data.size() == 0) {
            return t.add(List.of("cases", "0"));
        }
        t.add(List.of("image width / height (px)", minW + " – " + maxW));
        t.add(List.of("in-plane spacing (mm)", String.format(Locale.ROOT, "%.2f – %.2f", minS, maxS)));
        t.add(List.of("slice interval (mm)", String.join(", ", dz.stream().map(Report::mm).toList())));
        t.add(List.of("slices per case", minD + " – " + maxD));
        return t;
    }

    private static String mm(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", v)).stripTrailingZeros().toPlainString();
    }

    /** Builder of a {@link Report}; every part is optional. */
    public static final class Builder {
        private String title = DEFAULT_TITLE;
        private LesionDataset dataset;
        private String datasetDescription = "";
        private boolean synthetic;
        private Table1.Result table1;
        private Tables table2;
        private Volumetric.Result volumetric;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private int montageSlices = 5;
        private int montageTile = 128;

        private Builder() {
        }

        /** The page title. */
        public Builder title(String t) {
            this.title = requireText(t, "title");
            return this;
        }

        /**
         * The dataset, described in a sentence; {@code synthetic} adds the note that the data is a
         * phantom, not DeepLesion.
         */
        public Builder dataset(LesionDataset data, String description, boolean isSynthetic) {
            this.dataset = Objects.requireNonNull(data, "data");
            this.datasetDescription = requireText(description, "dataset description");
            this.synthetic = isSynthetic;
            return this;
        }

        /** Table 1 (initial masks on RECIST slices). */
        public Builder table1(Table1.Result r) {
            this.table1 = Objects.requireNonNull(r, "table1");
            return this;
        }

        /** Table 2, made elsewhere (CNN on RECIST slices). */
        public Builder table2(Tables t) {
            this.table2 = Objects.requireNonNull(t, "table2");
            return this;
        }

        /** Fig. 2a/2b, Table 3 and the overlay examples. */
        public Builder volumetric(Volumetric.Result r) {
            this.volumetric = Objects.requireNonNull(r, "volumetric");
            return this;
        }

        /** A configuration or provenance line ({@code key: value}), in the order given. */
        public Builder setting(String key, String value) {
            settings.put(requireText(key, "setting key"), Objects.requireNonNull(value, "value of " + key));
            return this;
        }

        /**
         * Overlay layout: {@code slices} columns (odd, 1..15) of {@code tile}-pixel tiles (48..512).
         * Defaults: 5 and 128.
         */
        public Builder montage(int slices, int tile) {
            if (slices < 1 || slices > 15 || slices % 2 == 0) {
                throw new IllegalArgumentException("montage slices must be odd and in 1..15, got " + slices);
            }
            if (tile < 48 || tile > 512) {
                throw new IllegalArgumentException("montage tile must be in 48..512 px, got " + tile);
            }
            this.montageSlices = slices;
            this.montageTile = tile;
            return this;
        }

        /** The report. */
        public Report build() {
            return new Report(this);
        }

        private static String requireText(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return s;
        }
    }

    /** The dataset summary tables, for callers that print them elsewhere. */
    public static List<Tables> datasetSummary(LesionDataset data) {
        return List.of(summaryBySplit(data), geometry(data));
    }
}
