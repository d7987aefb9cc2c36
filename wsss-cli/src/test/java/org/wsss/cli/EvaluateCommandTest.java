package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask3D;
import org.wsss.io.Nifti;

class EvaluateCommandTest {

    static Cli evaluate(Path pred, Path truth) {
        return Cli.run("evaluate", "--pred", pred.toString(), "--truth", truth.toString(), "--threads", "2",
                "--no-progress");
    }

    @Test
    void scoresKnownMasksAndListsAShapeMismatch(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        Path pred = tmp.resolve("pred");
        Map<String, TinyDeepLesion.Disc> cases = TinyDeepLesion.fourCases(data);
        List<String> ids = List.copyOf(cases.keySet());
        Mask3D truthA = cases.get(ids.get(0)).truth();
        Mask3D truthB = cases.get(ids.get(1)).truth();
        long a = truthA.count(), b = truthB.count();
        // A: perfect; B: empty; C: one slice short; D: no prediction; "other": no ground truth.
        Files.createDirectories(pred);
        Nifti.writeMask(truthA, pred.resolve(ids.get(0) + ".nii.gz"));
        Nifti.writeMask(Mask3D.empty(48, 48, 5, TinyDeepLesion.SPACING), pred.resolve(ids.get(1) + ".nii.gz"));
        Nifti.writeMask(Mask3D.empty(48, 48, 4, TinyDeepLesion.SPACING), pred.resolve(ids.get(2) + ".nii.gz"));
        Nifti.writeMask(truthA, pred.resolve("other.nii.gz"));

        Cli r = evaluate(pred, data);
        assertEquals(1, r.code(), r.toString());
        List<String> perLesion = Files.readAllLines(pred.resolve("evaluation.csv"));
        int bSlices = (int) java.util.stream.IntStream.range(0, truthB.depth())
                .filter(z -> !truthB.slice(z).isEmpty()).count();
        assertTrue(bSlices > 0, "test set-up");
        assertEquals(List.of(
                "lesion,dice,precision,recall,tp,fp,fn,fp_past_end,fp_over_edge,extra_slices,missed_slices,"
                        + "fn_missed_slices,fn_under_edge",
                ids.get(0) + ",1.0,1.0,1.0," + a + ",0,0,0,0,0,0,0,0",
                ids.get(1) + ",0.0,1.0,0.0,0,0," + b + ",0,0,0," + bSlices + "," + b + ",0"), perLesion);

        List<String> summary = Files.readAllLines(pred.resolve("evaluation-summary.csv"));
        double f1 = 2.0 * a / (2.0 * a + b);
        double recall = (double) a / (a + b);
        assertEquals(List.of("metric,mean,std,voxel_aggregate,lesions",
                "dice,0.5," + Math.sqrt(0.5) + "," + f1 + ",2",
                "precision,1.0,0.0,1.0,2",
                "recall,0.5," + Math.sqrt(0.5) + "," + recall + ",2",
                "fp_past_end_share,,,,0",
                "fp_over_edge_share,,,,0",
                "extra_slices,0.0,0.0,,2",
                "missed_slices," + bSlices / 2.0 + "," + Math.sqrt(bSlices * bSlices / 2.0) + ",,2"), summary);

        List<String> failures = Files.readAllLines(pred.resolve("evaluation-failures.csv"));
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(1).startsWith(ids.get(2) + ",prediction is 48x48x4 but ground truth "), failures.toString());

        assertTrue(r.out().contains("| lesion | dice | precision | recall | tp | fp | fn | fp_past_end | fp_over_edge"
                + " | extra_slices | missed_slices |"), r.out());
        assertTrue(r.out().contains("| " + ids.get(0) + " | 1.000 | 1.000 | 1.000 | " + a
                + " | 0 | 0 | 0 | 0 | 0 | 0 |"),
                r.out());
        assertTrue(r.out().contains("false positives: 0 voxels, 0.0 % on slices where the ground truth is empty"
                + " (past the end), 0.0 % on lesion slices (over the edge); 0 extra slices (0.00 per lesion), "
                + bSlices + " missed lesion slices"), r.out());
        assertTrue(r.out().contains("false negatives: " + b + " voxels, 100.0 % on the missed slices, 0.0 % on"
                + " predicted slices (under the edge)."), r.out());
        assertTrue(r.out().contains("| dice | 0.500 | 0.707 | " + String.format(java.util.Locale.ROOT, "%.3f", f1)
                + " | 2 |"), r.out());
        assertTrue(r.out().contains("2 lesions scored, 1 failed"), r.out());
        assertTrue(r.out().contains("1 masks without ground truth left out"), r.out());
    }

    @Test
    void acceptsAPlainFolderOfGroundTruth(@TempDir Path tmp) throws IOException {
        Path truth = tmp.resolve("truth");
        Path pred = tmp.resolve("pred");
        Mask3D t = new TinyDeepLesion.Disc(20, 20, 8).truth();
        Mask3D p = new TinyDeepLesion.Disc(22, 20, 8).truth();
        Files.createDirectories(truth);
        Files.createDirectories(pred);
        Nifti.writeMask(t, truth.resolve("x.nii.gz"));
        Nifti.writeMask(p, pred.resolve("x.nii.gz"));
        Cli r = evaluate(pred, truth);
        assertEquals(0, r.code(), r.toString());
        long tp = p.intersectionCount(t);
        double dice = 2.0 * tp / (p.count() + t.count());
        assertTrue(dice > 0.5 && dice < 1, "test set-up: " + dice);
        List<String> rows = Files.readAllLines(pred.resolve("evaluation.csv"));
        assertEquals("x," + dice + "," + (double) tp / p.count() + "," + (double) tp / t.count() + "," + tp + ","
                + (p.count() - tp) + "," + (t.count() - tp) + ",0," + (p.count() - tp) + ",0,0,0," + (t.count() - tp),
                rows.get(1), "every false negative lies under the edge of a predicted slice");
        assertEquals(List.of("lesion,reason"), Files.readAllLines(pred.resolve("evaluation-failures.csv")));
    }

    @Test
    void splitsFalsePositivesBySlice(@TempDir Path tmp) throws IOException {
        Path truth = tmp.resolve("truth");
        Path pred = tmp.resolve("pred");
        // Truth: radius 4 - 2|dz|, lesion on the middle 3 of 5 slices. Prediction: radius 6 - 2|dz|,
        // the same centre, on all 5 slices: 2 extra slices, a wider cross-section on the others.
        Mask3D t = new TinyDeepLesion.Disc(20, 20, 4).truth();
        Mask3D p = new TinyDeepLesion.Disc(20, 20, 6).truth();
        assertTrue(t.slice(0).isEmpty() && t.slice(4).isEmpty() && !t.slice(1).isEmpty(), "test set-up");
        Files.createDirectories(truth);
        Files.createDirectories(pred);
        Nifti.writeMask(t, truth.resolve("y.nii.gz"));
        Nifti.writeMask(p, pred.resolve("y.nii.gz"));
        Cli r = evaluate(pred, truth);
        assertEquals(0, r.code(), r.toString());
        long fp = p.count() - p.intersectionCount(t);
        long pastEnd = p.slice(0).count() + p.slice(4).count();
        long overEdge = fp - pastEnd;
        assertTrue(pastEnd > 0 && overEdge > 0, "test set-up");
        List<String> rows = Files.readAllLines(pred.resolve("evaluation.csv"));
        assertTrue(rows.get(1).endsWith("," + fp + ",0," + pastEnd + "," + overEdge + ",2,0,0,0"), rows.toString());
        List<String> summary = Files.readAllLines(pred.resolve("evaluation-summary.csv"));
        double share = (double) pastEnd / fp;
        assertEquals("fp_past_end_share," + share + ",0.0," + share + ",1", summary.get(4));
        assertEquals("fp_over_edge_share," + (double) overEdge / fp + ",0.0," + (double) overEdge / fp + ",1",
                summary.get(5));
        assertEquals("extra_slices,2.0,0.0,,1", summary.get(6));
        assertEquals("missed_slices,0.0,0.0,,1", summary.get(7));
        assertTrue(r.out().contains("2 extra slices (2.00 per lesion), 0 missed lesion slices"), r.out());
    }

    @Test
    void nothingToScoreIsAUsageError(@TempDir Path tmp) throws IOException {
        Path truth = Files.createDirectories(tmp.resolve("truth"));
        Path pred = Files.createDirectories(tmp.resolve("pred"));
        Nifti.writeMask(Mask3D.empty(4, 4, 2, TinyDeepLesion.SPACING), pred.resolve("y.nii.gz"));
        Cli r = evaluate(pred, truth);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("wsss evaluate: no mask <id>.nii.gz in " + pred), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
