package org.wsss.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionDataset;
import org.wsss.api.Split;
import org.wsss.eval.experiments.DenseCrfGridSearch;
import org.wsss.eval.experiments.Subsets;
import org.wsss.eval.experiments.Table1;
import org.wsss.eval.experiments.Tables;
import org.wsss.io.AtomicFiles;
import org.wsss.io.DeepLesion;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.grabcut.InitialMasks;
import org.wsss.grabcut.MaskRefiners;
import org.wsss.grabcut.SeedGenerators;
import org.wsss.grabcut.crf.DenseCrfConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wsss table1}: the paper's Table 1 (Sec. 3.1) — every initial-mask method scored on the
 * RECIST slices of the test split, after a grid search of the dense CRF on the training split.
 */
@Command(name = "table1", mixinStandardHelpOptions = true,
        description = {
            "Measures Table 1: the initial masks on the RECIST slices.",
            "%nRecall, precision and mean Dice of RECIST-D, DCRF, GrabCut, GrabCut-i and GrabCut-R on the "
                + "RECIST slices of the test split (or --split), on the phantom by default or on a DeepLesion-layout "
                + "folder with ground_truth/. Writes to --out: table1.md, table1.csv and, after the grid search, "
                + "dcrf-grid.csv."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss table1 --n 400 --seed 2018 --out wsss-report"})
final class Table1Command implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("wsss-report");

    @Option(names = "--deeplesion", paramLabel = "DIR",
            description = "DeepLesion-layout folder with ground truth (default: the phantom).")
    Path deeplesion;

    @Option(names = "--n", paramLabel = "N", description = "Phantom lesions to generate (default: ${DEFAULT-VALUE}).")
    int n = 400;

    @Option(names = "--grid-cases", paramLabel = "M",
            description = "Training lesions for the DCRF grid search (default: ${DEFAULT-VALUE}).")
    int gridCases = 40;

    @Option(names = "--split", paramLabel = "1|2|3", description = "Split scored: 3 (test, default), 2 (validation)"
            + " or 1 (train); the DCRF grid search always uses training lesions.")
    int split = 3;

    @Option(names = "--dcrf", paramLabel = "grid|defaults", description = "DCRF configuration: the best of a grid"
            + " search on training lesions (the paper's \"best configuration\", default) or the refiner's defaults"
            + " (no search).")
    String dcrf = "grid";

    @Option(names = "--long-axis-only", description = "Drop every mark's short axis and estimate it from the image"
            + " (as for FLARE25 marks), to measure what the short axis is worth.")
    boolean longAxisOnly;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.validate();
        LesionDataset data = deeplesion != null ? DeepLesion.open(deeplesion)
                : Phantom.dataset(PhantomConfig.defaults().withCount(n).withSeed(common.seed));
        if (longAxisOnly) {
            data = org.wsss.api.ShortAxisEstimate.dropShortAxes(data, org.wsss.api.ShortAxisEstimate.Config.defaults());
        }
        Split scored;
        try {
            scored = Split.ofCode(split);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split must be 1, 2 or 3, got " + split);
        }
        if (!dcrf.equals("grid") && !dcrf.equals("defaults")) {
            throw new IllegalArgumentException("--dcrf must be grid or defaults, got " + dcrf);
        }
        Files.createDirectories(out);
        DenseCrfConfig crf = DenseCrfConfig.defaults();
        String crfNote = "DCRF configuration: the refiner's defaults.";
        if (dcrf.equals("grid")) {
            DenseCrfGridSearch.Result grid = DenseCrfGridSearch.run(Subsets.firstOf(data, Split.TRAIN, gridCases),
                    Split.TRAIN, DenseCrfGridSearch.Grid.defaults(), common.threads, common.progress());
            grid.scores().table().writeCsv(out.resolve("dcrf-grid.csv"));
            crf = grid.best();
            crfNote = "DCRF configuration: best of " + grid.configs().size() + " on " + gridCases
                    + " training lesions (mean Dice " + Tables.f3(grid.bestDice()) + "), see dcrf-grid.csv.";
        }
        List<InitialMaskMethod> methods = List.of(InitialMasks.recistD(),
                InitialMaskMethod.of("dcrf", SeedGenerators.boxI(), MaskRefiners.denseCrf(crf)),
                InitialMasks.grabCut(), InitialMasks.grabCutI(), InitialMasks.grabCutR());
        Table1.Result res = Table1.run(data, scored, methods, common.threads, common.progress());
        Tables t = res.table();
        t.writeCsv(out.resolve("table1.csv"));
        String md = "## Table 1 — initial RECIST-slice masks (" + (deeplesion != null ? deeplesion : "phantom, n=" + n
                + ", seed " + common.seed) + ", " + scored.name().toLowerCase(java.util.Locale.ROOT) + " split"
                + (longAxisOnly ? ", long axis only" : "") + ")\n\n" + t.toMarkdown()
                + "\n" + crfNote + "\n";
        AtomicFiles.write(out.resolve("table1.md"), o -> o.write(md.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        System.out.println(md);
        if (!res.failures().isEmpty()) {
            System.out.println(res.failures().size() + " lesion/method pairs failed; first: " + res.failures().get(0));
        }
        return 0;
    }
}
