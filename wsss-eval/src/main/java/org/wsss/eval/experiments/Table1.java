package org.wsss.eval.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.wsss.api.BatchRunner;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Progress;
import org.wsss.api.Provenance;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.eval.metrics.MeanStd;
import org.wsss.eval.metrics.Metrics;
import org.wsss.eval.metrics.Overlap;

/**
 * The paper's Table 1 (Sec. 3.1): recall, precision and mean Dice ± std of initial-mask methods
 * on the RECIST slices of one split of a dataset with ground truth.
 *
 * <p>Each lesion's RECIST slice is segmented by every method from the case's RECIST and window
 * and scored against the ground-truth mask of that slice. A method that throws on a lesion is
 * recorded as a failure of that lesion and scored on the others; a lesion without ground truth
 * is skipped and recorded.
 */
public final class Table1 {

    /** Provenance parameters that describe one lesion rather than a method's configuration. */
    static final java.util.List<String> PER_LESION = java.util.List.of("window", "recist", "appearanceSigmaPx",
            "appearanceSigmaGray");

    private Table1() {
    }

    /** One method's scores. {@code config} is the provenance of its first mask: id, parameters, seed. */
    public record Row(String method, MeanStd recall, MeanStd precision, MeanStd dice, int failures, String config) {
    }

    /** A lesion a method could not segment, with the reason. */
    public record Failure(String caseId, String method, String reason) {
    }

    /** The table and what failed. */
    public record Result(List<Row> rows, List<Failure> failures) {

        /** Copies the lists. */
        public Result {
            rows = List.copyOf(rows);
            failures = List.copyOf(failures);
        }

        /** As a Markdown / CSV table. */
        public Tables table() {
            Tables t = new Tables(List.of("Method", "Recall", "Precision", "mDICE", "n", "failed", "config"));
            for (Row r : rows) {
                t.add(List.of(r.method(), pm(r.recall()), pm(r.precision()), pm(r.dice()),
                        Integer.toString(r.dice().n()), Integer.toString(r.failures()), r.config()));
            }
            return t;
        }
    }

    /**
     * Scores {@code methods} on the cases of {@code split}.
     *
     * @param threads worker threads (≥ 1); lesions are spread over them, results keep case order
     * @throws IllegalArgumentException if no case of the split has ground truth
     */
    public static Result run(LesionDataset data, Split split, List<InitialMaskMethod> methods, int threads,
                             Progress progress) {
        Objects.requireNonNull(data, "data");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("Table1 needs at least one method");
        }
        // Indices, not cases: a case may cache its pixels; each is fetched when a worker scores it.
        int[] cases = IntStream.range(0, data.size()).filter(i -> data.get(i).split() == split).toArray();
        List<Integer> idx = IntStream.of(cases).boxed().toList();
        BatchRunner runner = BatchRunner.withThreads(threads).withProgress("Table 1: " + methods.size()
                + " methods on " + cases.length + " RECIST slices", progress);
        return summarise(BatchRunner.valuesOrThrow(runner.run(idx, i -> data.get(i).id(), i -> score(data.get(i), methods))),
                methods);
    }

    private record CaseResult(String caseId, Overlap[] overlaps, Provenance[] provenances, String[] errors) {
    }

    private static CaseResult score(LesionCase c, List<InitialMaskMethod> methods) {
        int m = methods.size();
        Overlap[] ov = new Overlap[m];
        Provenance[] pv = new Provenance[m];
        String[] err = new String[m];
        Mask truth;
        Slice key;
        try {
            Mask3D gt = c.groundTruth().orElseThrow(() -> new IllegalArgumentException("no ground truth"));
            int z = c.zOf(c.recist().sliceIndex());
            truth = gt.slice(z);
            key = c.keySlice();
        } catch (RuntimeException e) {
            java.util.Arrays.fill(err, "case unreadable: " + e.getMessage());
            return new CaseResult(c.id(), ov, pv, err);
        }
        for (int i = 0; i < m; i++) {
            try {
                Mask pred = methods.get(i).segment(key, c.recist(), c.window());
                ov[i] = Metrics.overlap(pred, truth);
                pv[i] = pred.provenance();
            } catch (RuntimeException e) {
                err[i] = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        return new CaseResult(c.id(), ov, pv, err);
    }

    private static Result summarise(List<CaseResult> results, List<InitialMaskMethod> methods) {
        List<Row> rows = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            List<Double> rec = new ArrayList<>(), pre = new ArrayList<>(), dice = new ArrayList<>();
            int failed = 0;
            Provenance first = null;
            for (CaseResult r : results) {
                if (r.overlaps[i] == null) {
                    failed++;
                    failures.add(new Failure(r.caseId, methods.get(i).name(), r.errors[i]));
                    continue;
                }
                rec.add(r.overlaps[i].recall());
                pre.add(r.overlaps[i].precision());
                dice.add(r.overlaps[i].dice());
                if (first == null) {
                    first = r.provenances[i];
                }
            }
            if (dice.isEmpty()) {
                throw new IllegalArgumentException("method " + methods.get(i).name() + " scored no lesion ("
                        + failed + " failed); first failure: "
                        + (failures.isEmpty() ? "none" : failures.get(failures.size() - 1).reason()));
            }
            rows.add(new Row(methods.get(i).name(), MeanStd.of(rec), MeanStd.of(pre), MeanStd.of(dice), failed,
                    describe(first)));
        }
        return new Result(rows, failures);
    }

    /**
     * "id{k=v, ...} seed=s", or the id alone. The per-lesion parameters (the case's window and
     * RECIST mark) are left out: they are provenance of one lesion, not the method's configuration.
     */
    static String describe(Provenance p) {
        if (p == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(p.method());
        Map<String, String> params = new java.util.TreeMap<>(p.parameters());
        PER_LESION.forEach(params::remove);
        if (!params.isEmpty()) {
            sb.append(params);
        }
        if (p.hasSeed()) {
            sb.append(" seed=").append(p.seed());
        }
        return sb.toString();
    }

    private static String pm(MeanStd m) {
        return Tables.f3(m.mean()) + "±" + Tables.f3(m.std());
    }
}
