package org.wsss.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionDataset;
import org.wsss.api.Split;
import org.wsss.eval.experiments.DenseCrfGridSearch;
import org.wsss.eval.experiments.Subsets;
import org.wsss.eval.experiments.Table1;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.experiments.Volumetric;
import org.wsss.eval.io.DeepLesion;
import org.wsss.eval.phantom.Phantom;
import org.wsss.eval.phantom.PhantomConfig;
import org.wsss.eval.report.Report;
import org.wsss.grabcut.InitialMasks;
import org.wsss.grabcut.MaskRefiners;
import org.wsss.grabcut.SeedGenerators;
import org.wsss.propagation.LesionSegmenters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wsss demo}: the whole method on the embedded phantom, end to end, into one report.
 * Writes a phantom in the DeepLesion layout and reads it back through the DeepLesion reader (so
 * the demo exercises the same path as real data), makes the weak RECIST-slice masks of every
 * Table 1 method, segments the test split in 3D, and writes Markdown + HTML with plots and
 * overlay montages.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the method end to end on a synthetic CT lesion phantom and writes a report",
            "(Tables 1 and 3, Fig. 2a/2b, overlay montages) as Markdown + HTML."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("wsss-report");

    @Option(names = "--n", paramLabel = "N", description = "Phantom lesions (default: ${DEFAULT-VALUE}).")
    int n = 200;

    @Option(names = "--grid-cases", paramLabel = "M",
            description = "Training lesions for the DCRF grid search (default: ${DEFAULT-VALUE}).")
    int gridCases = 24;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.validate();
        if (n < 20) {
            throw new IllegalArgumentException("--n must be >= 20 so that every split holds lesions, got " + n);
        }
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        Path phantomDir = out.resolve("phantom");
        PhantomConfig pc = PhantomConfig.defaults().withCount(n).withSeed(common.seed);
        if (!Files.isRegularFile(phantomDir.resolve(DeepLesion.CSV_FILE))) {
            Phantom.export(pc, phantomDir, common.threads, common.progress());
        }
        LesionDataset data = DeepLesion.open(phantomDir);

        DenseCrfGridSearch.Result grid = DenseCrfGridSearch.run(Subsets.firstOf(data, Split.TRAIN, gridCases),
                Split.TRAIN, DenseCrfGridSearch.Grid.defaults(), common.threads, common.progress());
        List<InitialMaskMethod> initial = List.of(InitialMasks.recistD(),
                InitialMaskMethod.of("dcrf", SeedGenerators.boxI(), MaskRefiners.denseCrf(grid.best())),
                InitialMasks.grabCut(), InitialMasks.grabCutI(), InitialMasks.grabCutR());
        Table1.Result t1 = Table1.run(data, Split.TEST, initial, common.threads, common.progress());

        List<Volumetric.Method> methods = new ArrayList<>();
        methods.add(Volumetric.Method.binary("GrabCut-3DE", LesionSegmenters.grabCut3de()));
        Volumetric.Result vol = Volumetric.run(data, Split.TEST, methods, Volumetric.Config.defaults(),
                common.threads, common.progress());

        Path written = Report.builder()
                .dataset(data, "synthetic CT lesion phantom, " + n + " lesions, seed " + common.seed
                        + ", written to and read back from the DeepLesion layout in " + phantomDir, true)
                .table1(t1)
                .volumetric(vol)
                .setting("DCRF configuration", "best of " + grid.configs().size() + " on " + gridCases
                        + " training lesions (mean Dice " + Tables.f3(grid.bestDice()) + ")")
                .setting("threads", Integer.toString(common.threads))
                .setting("seed", Long.toString(common.seed))
                .setting("wall time", String.format(java.util.Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9))
                .build()
                .write(out);
        System.out.println("report: " + written.toAbsolutePath());
        return 0;
    }
}
