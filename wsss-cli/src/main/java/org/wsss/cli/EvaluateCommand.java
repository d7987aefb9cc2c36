package org.wsss.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wsss.api.WsssIoException;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.jobs.Evaluation;
import org.wsss.io.DeepLesion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wsss evaluate}: scores 3D lesion masks against ground truth as the paper does (Sec. 3):
 * per lesion Dice, precision and recall; over lesions their mean ± sample std and the
 * voxel-aggregated precision, recall and F1 (counts summed over lesions, as in Fig. 2b).
 *
 * <p>Every {@code PRED/<id>.nii.gz} whose ground truth exists is scored; the ground truth is
 * {@code TRUTH/ground_truth/<id>.nii.gz} when {@code TRUTH} is a DeepLesion-layout folder (it has
 * a {@code ground_truth} folder), else {@code TRUTH/<id>.nii.gz} (a plain folder of masks).
 * Predictions without ground truth are counted and left out; ground truth without a prediction
 * is ignored (e.g. the other splits). Masks are compared voxel by voxel and must have the same
 * dimensions; their spacings are not compared. Empty masks are scored as {@link org.wsss.eval.metrics.Overlap} says.
 *
 * <p>Where along z the errors lie ({@link org.wsss.eval.metrics.SliceErrors}): the false positive voxels on slices where
 * the ground truth is empty ("past the end") and on slices where it holds lesion ("over the
 * edge"), the extra slices (prediction, no truth) and the missed lesion slices (truth, no
 * prediction), and the false negative voxels on those missed slices and under the edge of predicted
 * slices. Per lesion as counts; over lesions the share of false positives past the end /
 * over the edge (mean over the lesions that have a false positive, and voxel-aggregated) and the
 * extra and missed slices per lesion (mean ± std; no voxel aggregate).
 *
 * <p>Writes {@code PRED/evaluation.csv} (per lesion: Dice, precision, recall, the voxel counts and
 * the slice split), {@code PRED/evaluation-summary.csv}, and the same as Markdown on standard output. A lesion that
 * cannot be scored (unreadable NIfTI, not binary, different dimensions) is listed in
 * {@code PRED/evaluation-failures.csv} — not {@code failures.csv}, which belongs to the command
 * that made the masks — and the run exits with 1.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scores 3D lesion masks against ground truth: Dice, precision and recall per lesion and overall.",
            "%nEvery PRED/<id>.nii.gz that has a ground truth is scored: TRUTH/ground_truth/<id>.nii.gz when TRUTH"
                + " is a DeepLesion-layout folder, else TRUTH/<id>.nii.gz. The two masks must have the same"
                + " dimensions.",
            "%nPrints Markdown tables (per lesion; mean +/- std over lesions and voxel-aggregated precision, recall,"
                + " F1) and writes PRED/evaluation.csv and PRED/evaluation-summary.csv. Lesions that cannot be"
                + " scored are listed in PRED/evaluation-failures.csv.",
            "%nFalse positives are split by slice: on slices where the ground truth is empty (past the lesion's end)"
                + " or holds lesion (over its edge); extra slices (predicted, no lesion) and missed lesion slices"
                + " (lesion, nothing predicted) are counted per lesion, and false negatives split into those on the"
                + " missed slices and those under the edge of predicted slices.",
            "%nExit code: 0 all scored, 1 some lesions failed, 2 bad usage or nothing to score."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss evaluate --pred masks/ --truth phantom/"})
final class EvaluateCommand implements Callable<Integer> {

    /** Per-lesion scores. */
    static final String PER_LESION_FILE = Evaluation.PER_LESION_FILE;
    /** Aggregated scores. */
    static final String SUMMARY_FILE = Evaluation.SUMMARY_FILE;
    /** Lesions that could not be scored. */
    static final String FAILURES_FILE = Evaluation.FAILURES_FILE;

    private static final String SUFFIX = ".nii.gz";

    @Option(names = "--pred", required = true, paramLabel = "PRED",
            description = "Folder of predicted masks <id>.nii.gz (e.g. the output of `wsss segment`).")
    Path pred;

    @Option(names = "--truth", required = true, paramLabel = "TRUTH",
            description = "DeepLesion-layout folder whose ground_truth folder holds one mask per lesion, or a folder"
                    + " of such masks, each named by its lesion id.")
    Path truth;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    record Pair(Path prediction, Path truth) {
    }


    @Override
    public Integer call() {
        common.validate();
        requireFolder(pred, "prediction folder");
        requireFolder(truth, "ground-truth folder");
        Path gtDir = Files.isDirectory(truth.resolve(DeepLesion.GROUND_TRUTH_DIR))
                ? truth.resolve(DeepLesion.GROUND_TRUTH_DIR) : truth;
        List<Batch.Job<Pair>> jobs = new ArrayList<>();
        int withoutTruth = 0;
        for (Path p : predictions(pred)) {
            String name = p.getFileName().toString();
            String id = name.substring(0, name.length() - SUFFIX.length());
            Path t = gtDir.resolve(name);
            if (Files.isRegularFile(t)) {
                jobs.add(new Batch.Job<>(id, new Pair(p, t), null));
            } else {
                withoutTruth++;
            }
        }
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no mask <id>" + SUFFIX + " in " + pred + " has a ground truth <id>"
                    + SUFFIX + " in " + gtDir + " (" + withoutTruth + " masks without)");
        }
        Batch batch = new Batch(pred, common.threads, true, common.progress(), FAILURES_FILE)
                .withTimeout(common.lesionTimeout());
        Batch.Report<Evaluation.Scores> report = batch.run("evaluate", jobs, List.of(), (pair, unused) -> score(pair));
        List<Evaluation.Scores> scores = report.done().stream().map(Batch.Done::value).toList();

        Tables perLesion = Evaluation.perLesion(scores, false);
        Evaluation.perLesion(scores, true).writeCsv(pred.resolve(PER_LESION_FILE));
        Tables summary = Evaluation.summary(scores, false);
        Evaluation.summary(scores, true).writeCsv(pred.resolve(SUMMARY_FILE));

        PrintWriter out = spec.commandLine().getOut();
        out.println("## Per lesion");
        out.println();
        out.print(perLesion.toMarkdown());
        out.println();
        out.println("## Summary");
        out.println();
        out.print(summary.toMarkdown());
        out.println();
        out.println("mean, std: over lesions (sample std); voxel_aggregate: voxel counts summed over lesions"
                + " (for dice, the aggregate F1). fp_past_end_share / fp_over_edge_share: share of the false"
                + " positive voxels on slices where the ground truth is empty / holds lesion, the mean over the"
                + " lesions with a false positive; extra_slices: predicted slices without lesion, missed_slices:"
                + " lesion slices without prediction, per lesion; fn_missed_slices / fn_under_edge: false negative"
                + " voxels on those missed slices / on predicted slices.");
        out.println(Evaluation.totals(scores));
        out.println(report.done().size() + " lesions scored, " + report.failures().size() + " failed"
                + (report.failures().isEmpty() ? "" : " (see " + report.failuresFile() + ")")
                + (withoutTruth == 0 ? "" : ", " + withoutTruth + " masks without ground truth left out")
                + "; CSV in " + pred.resolve(PER_LESION_FILE) + " and " + pred.resolve(SUMMARY_FILE));
        return report.exitCode();
    }

    /** Voxel counts of one prediction against its ground truth ({@link Evaluation#score}). */
    static Evaluation.Scores score(Pair pair) {
        String name = pair.prediction().getFileName().toString();
        return Evaluation.score(name.substring(0, name.length() - SUFFIX.length()), pair.prediction(), pair.truth());
    }

    private static List<Path> predictions(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new WsssIoException(dir, "cannot list: " + e, e);
        }
        files.sort(null);
        return files;
    }

    /** Throws a {@link WsssIoException} naming {@code what} unless {@code dir} is a folder (shared with {@code compare}). */
    static void requireFolder(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new WsssIoException(dir, what + " not found", null);
        }
    }
}
