package org.wsss.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wsss.api.LesionDataset;
import org.wsss.eval.experiments.Table2;
import org.wsss.eval.experiments.Tables;
import org.wsss.io.AtomicFiles;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wsss table2}: the paper's Table 2 (Sec. 3.2) on the phantom — UNet + GT, HNN + GT,
 * HNN + RECIST-D and HNN + GrabCut-R trained on the training split's RECIST slices, scored as
 * CNN and CNN-GC on the test split — and the weak-versus-supervised five-fold comparison.
 */
@Command(name = "table2", mixinStandardHelpOptions = true,
        description = {
            "Measures Table 2: the network on the RECIST slices.",
            "%nMean Dice of CNN and CNN-GC for UNet + GT, HNN + GT, HNN + RECIST-D and HNN + GrabCut-R on "
                + "the RECIST slices of the phantom's test split, and the HNN trained weakly on all training "
                + "lesions against one trained on ground truth on 4/5 of the test split (5-fold). Writes "
                + "table2.md, table2.csv and table2-5fold.csv to --out."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss table2 --out wsss-report", "  ./wsss table2 --scale full --out full-report"})
final class Table2Command implements Callable<Integer> {

    enum Scale { quick, full }

    @Option(names = "--scale", paramLabel = "quick|full",
            description = "quick: small caps on lesions and 8 epochs (minutes); full: every lesion, 30 epochs "
                    + "(default: ${DEFAULT-VALUE}).")
    Scale scale = Scale.quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("wsss-report");

    @Option(names = "--n", paramLabel = "N",
            description = "Phantom lesions to generate (default: 300 for quick, 1000 for full).")
    Integer n;

    @Option(names = "--no-five-fold", description = "Skip the weak-vs-supervised five-fold comparison.")
    boolean noFiveFold;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.validate();
        int count = n != null ? n : scale == Scale.quick ? 300 : 1000;
        if (count < 10) {
            throw new IllegalArgumentException("--n must be >= 10, got " + count);
        }
        LesionDataset data = Phantom.dataset(PhantomConfig.defaults().withCount(count).withSeed(common.seed));
        Table2.Config cfg = scale == Scale.quick ? Table2.Config.quick() : Table2.Config.full();
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        Table2.Result res = Table2.run(data, cfg, common.threads, common.progress());
        double mainSeconds = (System.nanoTime() - t0) / 1e9;
        Tables t = res.table();
        t.writeCsv(out.resolve("table2.csv"));
        StringBuilder md = new StringBuilder("## Table 2 — RECIST-slice CNN by training mask (phantom, n=" + count + ", seed "
                + common.seed + ", scale " + scale + ")\n\n" + t.toMarkdown()
                + String.format(Locale.ROOT, "%nmDICE ± std on the test split's RECIST slices; CNN = calibrated map ≥ 0.5, CNN-GC = GrabCut "
                + "post-processing, CNN uncalibrated = the network's own output ≥ 0.5 (the paper's protocol). Networks: HNN %s, UNet %s, %d epochs, batch %d. Took %.0f s.%n",
                cfg.hnn().channels(), cfg.unet().channels(), cfg.trainer().epochs(), cfg.trainer().batchSize(), mainSeconds));
        if (!noFiveFold) {
            long t1 = System.nanoTime();
            Table2.FoldResult f = Table2.fiveFold(data, cfg, common.threads, common.progress());
            Tables ft = f.table();
            ft.writeCsv(out.resolve("table2-5fold.csv"));
            md.append("\n## Weak labels on many lesions vs full labels on few (5-fold on the test split)\n\n")
                    .append(ft.toMarkdown())
                    .append(String.format(Locale.ROOT, "%nTook %.0f s.%n", (System.nanoTime() - t1) / 1e9));
        }
        String text = md.toString();
        AtomicFiles.write(out.resolve("table2.md"), o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
        System.out.println(text);
        return 0;
    }
}
