package org.wsss.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wsss.api.BatchRunner;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.eval.experiments.Comparisons;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.metrics.DiceBySliceOffset;
import org.wsss.eval.metrics.Metrics;
import org.wsss.eval.metrics.PairedComparison;
import org.wsss.io.DeepLesion;
import org.wsss.io.Nifti;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wsss compare}: two methods' masks of the same lesions, pair by pair, against the ground
 * truth of a DeepLesion-layout folder: mean 3D Dice and slice Dice by offset from the RECIST slice
 * (Fig. 2a) of each, and a 95 % bootstrap interval of the difference
 * ({@link PairedComparison}), so that "A above B" can be told from chance.
 *
 * <p>The lesions compared are those of {@code TRUTH/DL_info.csv} that have a ground truth and a
 * mask in both folders; the RECIST slice of each comes from its row. Prints a Markdown table and,
 * with {@code --csv}, writes it as CSV.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compares two methods' 3D masks of the same lesions: mean 3D Dice and slice Dice by offset from the"
                + " RECIST slice (Fig. 2a) of each, and a 95%% paired bootstrap interval of the difference A - B.",
            "%nA lesion is compared when TRUTH/DL_info.csv lists it, has a ground truth in TRUTH/ground_truth and"
                + " a mask <id>.nii.gz in both folders. A row's verdict is 'A above' or 'B above' only when the"
                + " whole interval lies on that side of 0.",
            "%nExit code: 0 done, 2 bad usage or nothing to compare."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss compare --pred wsss7/ --against hnn/ --truth phantom/ --split 3"})
final class CompareCommand implements Callable<Integer> {

    private static final String SUFFIX = ".nii.gz";

    @Option(names = "--pred", required = true, paramLabel = "A", description = "Folder of method A's masks <id>.nii.gz.")
    Path a;

    @Option(names = "--against", required = true, paramLabel = "B", description = "Folder of method B's masks <id>.nii.gz.")
    Path b;

    @Option(names = "--truth", required = true, paramLabel = "TRUTH",
            description = "DeepLesion-layout folder: DL_info.csv (the RECIST slices) and ground_truth/<id>.nii.gz.")
    Path truth;

    @Option(names = "--split", paramLabel = "1|2|3|all",
            description = "Only the lesions of this DL_info.csv split (default: ${DEFAULT-VALUE}).")
    String split = "all";

    @Option(names = "--max-offset", paramLabel = "N",
            description = "Largest slice offset from the RECIST slice to score, 0..50 (default: ${DEFAULT-VALUE}).")
    int maxOffset = 6;

    @Option(names = "--resamples", paramLabel = "N",
            description = "Bootstrap resamples, 100..1000000 (default: ${DEFAULT-VALUE}).")
    int resamples = PairedComparison.DEFAULT_RESAMPLES;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private record Scores(double diceA, double diceB, double[] slicesA, double[] slicesB) {
    }

    private Scores score(LesionCase c) {
        Mask3D t = Nifti.readMask(DeepLesion.groundTruthFile(truth, c.id()));
        Mask3D ma = Nifti.readMask(a.resolve(c.id() + SUFFIX)), mb = Nifti.readMask(b.resolve(c.id() + SUFFIX));
        int z = c.zOf(c.recist().sliceIndex());
        try {
            return new Scores(Metrics.overlap(ma, t).dice(), Metrics.overlap(mb, t).dice(),
                    DiceBySliceOffset.sliceDice(ma, t, z, maxOffset), DiceBySliceOffset.sliceDice(mb, t, z, maxOffset));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case " + c.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        common.validate();
        if (maxOffset < 0 || maxOffset > 50) {
            throw new IllegalArgumentException("--max-offset must be in 0..50, got " + maxOffset);
        }
        if (resamples < 100 || resamples > 1_000_000) {
            throw new IllegalArgumentException("--resamples must be in 100..1000000, got " + resamples);
        }
        EvaluateCommand.requireFolder(a, "folder of method A's masks");
        EvaluateCommand.requireFolder(b, "folder of method B's masks");
        EvaluateCommand.requireFolder(truth, "ground-truth folder");
        LesionDataset data = SegmentCommand.filter(DeepLesion.open(truth, common.limits()), split);
        List<LesionCase> both = new ArrayList<>();
        int missing = 0;
        for (LesionCase c : data) {
            if (!Files.isRegularFile(DeepLesion.groundTruthFile(truth, c.id()))) {
                continue;
            }
            if (Files.isRegularFile(a.resolve(c.id() + SUFFIX)) && Files.isRegularFile(b.resolve(c.id() + SUFFIX))) {
                both.add(c);
            } else {
                missing++;
            }
        }
        // Read and score the lesions on --threads workers; add them in case order, so the result
        // does not depend on the thread count.
        List<Scores> scores = BatchRunner.valuesOrThrow(BatchRunner.withThreads(common.threads).run(both,
                LesionCase::id, this::score));
        PairedComparison cmp = Metrics.pairedComparison(maxOffset);
        for (Scores s : scores) {
            cmp.addScores(s.diceA(), s.diceB(), s.slicesA(), s.slicesB());
        }
        if (cmp.lesions() == 0) {
            throw new IllegalArgumentException("no lesion of " + truth + " (split " + split + ") has a ground truth and a"
                    + " mask in both " + a + " and " + b);
        }
        Tables t = Comparisons.table(cmp, common.seed, resamples);
        PrintWriter out = spec.commandLine().getOut();
        out.println("A = " + a + ", B = " + b);
        out.println();
        out.print(t.toMarkdown());
        out.println();
        String bad = data.problems().isEmpty() ? "" : ", " + data.problems().size() + " rows of " + DeepLesion.CSV_FILE
                + " unreadable and left out (first: " + data.problems().get(0).getMessage().lines().findFirst().orElse("")
                + ")";
        out.println(cmp.lesions() + " lesions compared" + (missing == 0 ? "" : ", " + missing + " left out (a mask"
                + " missing in A or B)") + bad + "; slice offsets score the slices whose ground truth holds lesion;"
                + " intervals: " + resamples + " paired bootstrap resamples of the lesions, seed " + common.seed + ".");
        if (csv != null) {
            t.writeCsv(csv);
        }
        return 0;
    }
}
