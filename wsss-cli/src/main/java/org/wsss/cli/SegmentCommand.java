package org.wsss.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Split;
import org.wsss.io.AtomicFiles;
import org.wsss.io.LesionInput;
import org.wsss.io.Nifti;
import org.wsss.eval.jobs.LesionJobs;
import org.wsss.eval.jobs.LesionRow;
import org.wsss.eval.jobs.SegmentSettings;
import org.wsss.propagation.assembly.Assembly;
import org.wsss.propagation.assembly.IntensityStop;
import org.wsss.propagation.assembly.LesionMeasurement;
import org.wsss.propagation.baseline.GrabCut3deConfig;
import org.wsss.propagation.geometry.PropagationConfig;
import org.wsss.propagation.inference.InferenceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wsss segment}: one 3D mask per lesion, {@code OUT/<id>.nii.gz} (uint8 {0, 1}, dimensions
 * width × height × stored slices of the series, z in slice-index order, pixdim from
 * {@code Spacing_mm_px_}), and {@code OUT/lesions.csv} with the volume and the RECIST measured
 * back from each mask beside the radiologist's.
 *
 * <p>The 3D walk's parameters default to {@link InferenceConfig#gcDefaults()} (wsss),
 * {@link InferenceConfig#defaults()} (wsss-cnn) and
 * {@link GrabCut3deConfig#defaults()} (grabcut-3de); options override single fields: the lesion's
 * assumed z extent (both), the CNN threshold and the stopping rules (wsss, wsss-cnn only).
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {
            "Segments every lesion of a DeepLesion-layout folder, NIfTI volumes with a marks CSV, FLARE25 cases "
                + "or DICOM CT series with a marks CSV, in 3D.",
            "%nWrites one mask per lesion, OUT/<id>.nii.gz on the input's own grid, and OUT/lesions.csv with "
                + "the lesion id, its volume in mL, the long and short axes measured on the mask and those of the "
                + "radiologist in mm, and its status. With --flare it also writes OUT/<case>.npz, with --labels one "
                + "label map per volume, with --dicom one DICOM SEG per series."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss segment --deeplesion phantom/ --model model.wsss --out masks/",
            "  ./wsss segment --nifti-csv marks.csv --method grabcut-3de --out masks/"})
final class SegmentCommand implements Callable<Integer> {

    static final String LESIONS_FILE = "lesions.csv";

    @Mixin
    InputOptions input;

    @Option(names = "--long-axis-only", description = "Drop every mark's short axis and estimate it from the image"
            + " (as for FLARE25 marks), to measure what the short axis is worth.")
    boolean longAxisOnly;

    @Option(names = "--labels", description = "Also write one label map per volume (lesion n = n, in input order):"
            + " OUT/labels/<volume>.nii.gz; with --flare always OUT/<case>.npz (segs), with --dicom always the"
            + " series' SEG.")
    boolean labels;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model file written by `wsss train`.")
    Path model;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "wsss (the trained model, GrabCut post-processing on every slice; needs --model), "
                    + "wsss-cnn (the model's thresholded output), or grabcut-3de (the baseline: GrabCut seeded from "
                    + "the propagated RECIST; no model). Default: ${DEFAULT-VALUE}.")
    String method = "wsss";

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--split", paramLabel = "1|2|3|all", description = "Which lesions to segment: those of split 1"
            + " (train), 2 (validation) or 3 (test), the split `wsss train` uses (Train_Val_Test, the marks CSV's"
            + " split column, else by volume), or all (default: ${DEFAULT-VALUE}).")
    String split = "all";

    @Option(names = "--force", description = "Redo lesions whose mask already exists.")
    boolean force;

    @Option(names = "--z-radius", paramLabel = "HALF_LONG|HALF_SHORT|MEAN_HALF_AXES",
            description = "What the lesion's assumed z semi-axis (the extent of the propagated RECIST) is derived from"
                    + " (default: MEAN_HALF_AXES).")
    PropagationConfig.ZRadius zRadius;

    @Option(names = "--z-radius-scale", paramLabel = "F", description = "Factor on that z semi-axis, in (0, 10]"
            + " (default: 1.25 for wsss, 1 for the others).")
    Double zRadiusScale;

    @Option(names = "--threshold", paramLabel = "T", description = "wsss, wsss-cnn: probability at or above which a"
            + " pixel is lesion (wsss: past the propagated extent only), in (0, 1) (default: 0.5).")
    Double threshold;

    @Option(names = "--min-inside-fraction", paramLabel = "F", description = "wsss, wsss-cnn: stop a side at the"
            + " first slice whose mask has less than F of its pixels inside the previous slice's mask; 0 = off"
            + " (default: 0.8).")
    Double minInsideFraction;

    @Option(names = "--inside-margin", paramLabel = "MM", description = "wsss, wsss-cnn: for --min-inside-fraction a"
            + " pixel within MM millimetres of the previous slice's mask counts as inside it; 0 = strictly inside"
            + " (default: 1.5).")
    Double insideMarginMm;

    @Option(names = "--inside-hull", negatable = true, fallbackValue = "true", description = "wsss, wsss-cnn: for"
            + " --min-inside-fraction the previous slice's mask is taken as its filled convex hull, so a cross-section"
            + " cut short on one side does not end the walk; --no-inside-hull measures against the mask itself"
            + " (default: on).")
    Boolean insideHull;

    @Option(names = "--confirm-scale", paramLabel = "F", description = "wsss: past F times the lesion's z semi-axis"
            + " (the --z-radius rule; the search reaches --z-radius-scale times it) a side goes on only where the"
            + " network's own mask still holds the lesion inside the previous slice's; 0 = off (default: 1).")
    Double confirmScale;

    @Option(names = "--seed-confidence", paramLabel = "P", description = "wsss: network probability above which a"
            + " region touching the mark is a definite-lesion seed for GrabCut, in [0.5, 1) (default: 0.95)."
            + " The paper's 0.8 lets the network's own over-segmentation into the definite seeds.")
    Double seedConfidence;

    @Option(names = "--background-confidence", paramLabel = "P", description = "wsss: a pixel is a definite-background"
            + " seed where the network gives it a lesion probability below 1 - P, in [0.5, 1) (default: 0.8, the"
            + " paper's).")
    Double backgroundConfidence;

    @Option(names = "--intensity-stop", paramLabel = "F", description = "Every method: cut each side of the 3D"
            + " mask at the first slice where less than F of its pixels lie in the HU range of the RECIST-slice"
            + " mask (the lesion has ended); 0 = off (default: 0.3).")
    Double intensityStop;

    @Option(names = "--low-contrast", paramLabel = "HU", description = "wsss: a lesion whose RECIST-slice mask"
            + " differs from the tissue 1-4 mm around it by less than HU (median against median) is propagated with"
            + " the confirmed extent's RECIST (--confirm-scale) instead of the longer search; 0 = off (default: 20).")
    Double lowContrastHu;

    @Option(names = "--intensity-range", paramLabel = "MASK|INITIAL_MASK", description = "wsss, wsss-cnn: the"
            + " RECIST-slice mask whose HU range --intensity-stop reads: the method's own (MASK) or the initial"
            + " GrabCut-R mask, the same for every network (INITIAL_MASK) (default: INITIAL_MASK for wsss-cnn, MASK"
            + " for wsss).")
    IntensityStop.RangeFrom intensityRange;

    @Option(names = "--intensity-trim", paramLabel = "M", description = "Every method: remove from every slice's"
            + " mask the pixels whose HU lie more than M times the width of the RECIST-slice mask's 5th-95th"
            + " percentile range outside it (holes filled again); 0 = off (default: 0.25).")
    Double intensityTrim;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        common.validate();
        LesionInput lin = input.open(common.threads, common.limits());
        LesionDataset all = lin.dataset();
        Path source = lin.source();
        LesionDataset data = filter(longAxisOnly ? org.wsss.api.ShortAxisEstimate.dropShortAxes(all,
                org.wsss.api.ShortAxisEstimate.Config.defaults()) : all, split);
        boolean ownCsv = lin.format().equals("deeplesion");
        // what this run wrote, measured as it is written, so lesions.csv need not read the masks back
        java.util.Map<String, LesionMeasurement> measured = new java.util.concurrent.ConcurrentHashMap<>();
        // FLARE cases and DICOM series always get their per-volume file (the npz, the SEG).
        boolean dicom = lin.format().equals("dicom");
        boolean labelMaps = labels || dicom || lin.format().equals("flare-npz");
        WrittenMasks written = new WrittenMasks(labelMaps ? WrittenMasks.DEFAULT_BUDGET : 0);
        try (SegmentSettings.Handle seg = settings().open(model, common.limits())) {
            Batch batch = new Batch(out, common.threads, force, common.progress())
                    .withTimeout(common.lesionTimeout()).withOutputCheck(Nifti::readMask);
            Batch.Report<Void> report;
            try {
                report = batch.run("segment (" + method + ")",
                        Batch.jobs(data, c -> lin.maskFile(out, c)), Batch.problems(all),
                        (lesion, file) -> {
                            Mask3D m = LesionJobs.segment(seg.segmenter(), lesion);
                            lin.writeMask(lesion, m, file);
                            Mask3D w = lin.asWritten(lesion, m);
                            try {
                                if (w.count() > 0) {
                                    measured.put(lesion.id(), Assembly.measure(w));
                                }
                            } catch (IllegalArgumentException e) {
                                // not measurable (a line): lesions.csv reads the file and says so, as before
                            }
                            written.put(lesion.id(), w);
                            return null;
                        });
            } catch (RuntimeException e) {
                // a stopped run still lists what it has (lesions without a mask as missing)
                if (ownCsv) {
                    writeLesionsCsv(out, data, java.util.Map.of());
                }
                throw e;
            }
            Batch.requireUsableRows(all, source, report);
            int volumeFiles = labelMaps ? InputOutputs.writeLabels(lin, data, out, written) : 0;
            if (ownCsv) {
                writeLesionsCsv(out, data, report);
            } else {
                InputOutputs.writeLesionsCsv(lin, out, data, report, measured);
            }
            spec.commandLine().getOut().println(report.summary());
            if (dicom) {
                spec.commandLine().getOut().println(volumeFiles + " DICOM SEG file(s) (one per series) in "
                        + out.toAbsolutePath());
            }
            spec.commandLine().getOut().println("masks and " + LESIONS_FILE + " in " + out.toAbsolutePath());
            return report.exitCode();
        }
    }

    /** The method and the options given ({@link SegmentSettings} builds the configs and the segmenter). */
    SegmentSettings settings() {
        return new SegmentSettings(method, zRadius, zRadiusScale, threshold, minInsideFraction, insideMarginMm,
                confirmScale, seedConfidence, backgroundConfidence, intensityStop, intensityTrim, insideHull,
                intensityRange, lowContrastHu);
    }

    static Path maskFile(Path out, LesionCase c) {
        return out.resolve(LesionJobs.maskFile(c.id()));
    }

    static LesionDataset filter(LesionDataset data, String split) {
        if (split.equals("all")) {
            return data;
        }
        Split s;
        try {
            s = Split.ofCode(Integer.parseInt(split));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split must be 1, 2, 3 or all, got " + split);
        }
        return LesionDataset.of(data.split(s).toList(), data.problems());
    }

    /**
     * One row per lesion of {@code data} (failed and not-done lesions too, with their status), read
     * back from the masks on disk so that a resumed run lists every lesion.
     */
    static void writeLesionsCsv(Path out, LesionDataset data, Batch.Report<?> report) {
        java.util.Map<String, String> failed = new java.util.HashMap<>();
        for (Batch.Failure f : report.failures()) {
            failed.put(f.lesion(), f.reason());
        }
        writeLesionsCsv(out, data, failed);
    }

    /** As above, with the failed lesions' reasons by id; a mask that cannot be read is listed as such. */
    static void writeLesionsCsv(Path out, LesionDataset data, java.util.Map<String, String> failed) {
        List<String> lines = new ArrayList<>();
        lines.add(LesionRow.HEADER);
        for (LesionCase c : data) {
            Path f = maskFile(out, c);
            String failure = failed.get(c.id());
            Mask3D m = null;
            if (failure == null && Files.isRegularFile(f)) {
                try {
                    m = Nifti.readMask(f);
                } catch (RuntimeException | OutOfMemoryError e) {
                    double rl = c.recist().longLengthMm(c.spacing()), rs = c.recist().shortLengthMm(c.spacing());
                    lines.add(new LesionRow(c.id(), null, null, null, rl, rs, "unreadable: " + Batch.reason(e)).csvLine());
                    continue;
                }
            }
            lines.add(LesionRow.of(c, m, failure).csvLine());
        }
        AtomicFiles.write(out.resolve(LESIONS_FILE), o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
            w.flush();
        });
    }
}
