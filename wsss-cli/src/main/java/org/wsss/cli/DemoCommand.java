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
import org.wsss.eval.experiments.Table2;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.experiments.Volumetric;
import org.wsss.io.DeepLesion;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.eval.report.Report;
import org.wsss.grabcut.InitialMasks;
import org.wsss.grabcut.MaskRefiners;
import org.wsss.grabcut.SeedGenerators;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnModel;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.inference.LesionSegmentation;
import org.wsss.propagation.inference.SlicePropagatedSegmenter;
import org.wsss.propagation.wsss.WsssConfig;
import org.wsss.propagation.wsss.WsssResult;
import org.wsss.propagation.wsss.WsssStep;
import org.wsss.propagation.wsss.WsssTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wsss demo}: the whole method on the embedded phantom, end to end, into one report.
 * Writes a phantom in the DeepLesion layout and reads it back through the DeepLesion reader (so
 * the demo exercises the same path as real data), makes the weak RECIST-slice masks of every
 * Table 1 method, trains the four networks of Table 2 (quick scale), trains WSSS-7 (keeping the HNN, WSSS-3 and WSSS-5 models of its steps), segments
 * the test split in 3D with GrabCut-3DE and every model, and writes Markdown + HTML with plots and
 * overlay montages.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs the whole method on a synthetic CT lesion phantom and writes a report.",
            "%nGenerates the phantom, makes the weak masks of Table 1, trains the networks of Table 2, runs "
                + "WSSS-3/5/7 and GrabCut-3DE in 3D (Fig. 2a/2b, Table 3) and writes report.html, report.md, "
                + "overlay montages, a 3D viewer (viewer.html) and every table as CSV to --out. A rerun into the "
                + "same folder reuses the phantom and the trained models."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss demo", "  ./wsss demo --n 1000 --epochs 30 --fine-tune-epochs 10 --out full-report"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("wsss-report");

    @Option(names = "--n", paramLabel = "N", description = "Phantom lesions (default: ${DEFAULT-VALUE}).")
    int n = 200;

    @Option(names = "--grid-cases", paramLabel = "M",
            description = "Training lesions for the DCRF grid search (default: ${DEFAULT-VALUE}).")
    int gridCases = 24;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs on the RECIST slices (default: ${DEFAULT-VALUE}).")
    int epochs = 12;

    @Option(names = "--fine-tune-epochs", paramLabel = "N",
            description = "Epochs of each slice-propagated step (default: ${DEFAULT-VALUE}).")
    int fineTuneEpochs = 4;

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
        // Table 2 at its quick scale: four networks trained on the RECIST slices (GT, RECIST-D and
        // GrabCut-R masks), scored as CNN and CNN-GC.
        Table2.Result t2 = Table2.run(data, Table2.Config.quick(), common.threads, common.progress());

        // WSSS-7 keeps the model of every step: step 0 is the RECIST-slice HNN, steps 1-3 are
        // WSSS-3, -5 and -7, so one run gives every model of Fig. 2a (resumes from OUT/models).
        Path models = out.resolve("models");
        WsssConfig wc = TrainCommand.config(7, epochs, fineTuneEpochs, common.seed, common.threads, models);
        WsssResult trained = TrainCommand.train(data, wc, common);
        trained.model().close();
        String[] names = {"HNN", "WSSS-3", "WSSS-5", "WSSS-7"};
        List<HnnModel> loaded = new ArrayList<>();
        try {
            List<Volumetric.Method> methods = new ArrayList<>();
            methods.add(Volumetric.Method.binary("GrabCut-3DE", LesionSegmenters.grabCut3de()));
            for (int step = 0; step < names.length; step++) {
                HnnModel m = Hnn.load(WsssTraining.stepFile(models, step));
                loaded.add(m);
                SlicePropagatedSegmenter cnn = LesionSegmenters.hnn(m);
                methods.add(step == 0 || step == 3
                        ? Volumetric.Method.withProbabilities(names[step], c -> {
                            LesionSegmentation sg = cnn.segmentWithProbabilities(c);
                            return new Volumetric.Segmentation(sg.mask(), sg.probabilities());
                        })
                        : Volumetric.Method.binary(names[step], cnn));
            }
            methods.add(Volumetric.Method.binary("WSSS-7-GC", LesionSegmenters.hnnGc(loaded.get(3))));
            Volumetric.Result vol = Volumetric.run(data, Split.TEST, methods, Volumetric.Config.defaults(),
                    common.threads, common.progress());
            return report(data, t1, t2, vol, grid, trained, t0);
        } finally {
            loaded.forEach(HnnModel::close);
        }
    }

    private int report(LesionDataset data, Table1.Result t1, Table2.Result t2, Volumetric.Result vol,
                       DenseCrfGridSearch.Result grid, WsssResult trained, long t0) {
        Report.Builder rb = Report.builder()
                .dataset(data, "synthetic CT lesion phantom, " + n + " lesions, seed " + common.seed
                        + ", written to and read back from the DeepLesion layout in " + out.resolve("phantom"), true)
                .table1(t1)
                .table2(t2.table())
                .volumetric(vol)
                .setting("DCRF configuration", "best of " + grid.configs().size() + " on " + gridCases
                        + " training lesions (mean Dice " + Tables.f3(grid.bestDice()) + ")")
                .setting("training", "WSSS-7, default HNN preset, " + epochs + " epochs on the RECIST slices, "
                        + fineTuneEpochs + " per slice-propagated step")
                .setting("threads", Integer.toString(common.threads))
                .setting("seed", Long.toString(common.seed))
                .setting("wall time", String.format(java.util.Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
        for (WsssStep st : trained.steps()) {
            rb.setting("WSSS step " + st.step(), String.format(java.util.Locale.ROOT,
                    "%d training slices (%d added, %d skipped, %d seed fallbacks), train loss %.4f, %.0f s%s",
                    st.examples(), st.added(), st.skipped(), st.seedFallbacks(), st.trainLoss(), st.seconds(),
                    st.restored() ? " (restored from checkpoint)" : ""));
        }
        Path written = rb.build().write(out);
        System.out.println("report: " + written.toAbsolutePath());
        return 0;
    }
}
