package org.wsss.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask3D;
import org.wsss.api.Split;
import org.wsss.io.AtomicFiles;
import org.wsss.io.LesionInput;
import org.wsss.io.Nifti;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnModel;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.assembly.Assembly;
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
 * <p>The 3D walk's parameters default to {@link InferenceConfig#defaults()} (wsss, wsss-cnn) and
 * {@link GrabCut3deConfig#defaults()} (grabcut-3de); options override single fields: the lesion's
 * assumed z extent (both), the CNN threshold and the stopping rules (wsss, wsss-cnn only).
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Segments every lesion of a DeepLesion-layout folder, a NIfTI marks CSV or a FLARE25 folder in 3D:",
            "OUT/<id>.nii.gz on the input's own grid and OUT/lesions.csv",
            "(lesion, volume mL, measured long/short axis mm, radiologist's long/short axis mm, status)."})
final class SegmentCommand implements Callable<Integer> {

    static final String LESIONS_FILE = "lesions.csv";

    @Mixin
    InputOptions input;

    @Option(names = "--long-axis-only", description = "Drop every mark's short axis and estimate it from the image"
            + " (as for FLARE25 marks), to measure what the short axis is worth.")
    boolean longAxisOnly;

    @Option(names = "--labels", description = "Also write one label map per volume (lesion n = n, in input order):"
            + " OUT/labels/<volume>.nii.gz; with --flare always OUT/<case>.npz (segs).")
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

    @Option(names = "--split", paramLabel = "1|2|3|all", description = "Which rows to segment (default: ${DEFAULT-VALUE}).")
    String split = "all";

    @Option(names = "--force", description = "Redo lesions whose mask already exists.")
    boolean force;

    @Option(names = "--z-radius", paramLabel = "HALF_LONG|HALF_SHORT|MEAN_HALF_AXES",
            description = "What the lesion's assumed z semi-axis (the extent of the propagated RECIST) is derived from"
                    + " (default: MEAN_HALF_AXES).")
    PropagationConfig.ZRadius zRadius;

    @Option(names = "--z-radius-scale", paramLabel = "F", description = "Factor on that z semi-axis, in (0, 10]"
            + " (default: 1).")
    Double zRadiusScale;

    @Option(names = "--threshold", paramLabel = "T", description = "wsss, wsss-cnn: probability at or above which a"
            + " pixel is lesion (wsss: past the propagated extent only), in (0, 1) (default: 0.5).")
    Double threshold;

    @Option(names = "--min-inside-fraction", paramLabel = "F", description = "wsss, wsss-cnn: stop a side at the"
            + " first slice whose mask has less than F of its pixels inside the previous slice's mask; 0 = off"
            + " (default: 0.8).")
    Double minInsideFraction;

    @Option(names = "--seed-confidence", paramLabel = "P", description = "wsss: network probability above which a"
            + " region touching the mark is a definite-lesion seed for GrabCut, in [0.5, 1) (default: 0.95)."
            + " The paper's 0.8 lets the network's own over-segmentation into the definite seeds.")
    Double seedConfidence;

    @Option(names = "--background-confidence", paramLabel = "P", description = "wsss: a pixel is a definite-background"
            + " seed where the network gives it a lesion probability below 1 - P, in [0.5, 1) (default: 0.8, the"
            + " paper's).")
    Double backgroundConfidence;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        common.validate();
        LesionInput in = input.open(common.threads);
        LesionDataset all = in.dataset();
        LesionDataset data = filter(longAxisOnly ? org.wsss.api.ShortAxisEstimate.dropShortAxes(all,
                org.wsss.api.ShortAxisEstimate.Config.defaults()) : all, split);
        try (Segmenters.Handle seg = Segmenters.open(method, model, inferenceConfig(), grabCut3deConfig())) {
            Batch batch = new Batch(out, common.threads, force, common.progress());
            Batch.Report<Void> report = batch.run("segment (" + method + ")",
                    Batch.jobs(data, c -> in.maskFile(out, c)), Batch.problems(all), (lesion, file) -> {
                        Mask3D m = seg.segmenter().segment(lesion);
                        checkGrid(lesion, m);
                        in.writeMask(lesion, m, file);
                        return null;
                    });
            Batch.requireUsableRows(all, in.source(), report);
            if (labels || in.format().equals("flare-npz")) {
                InputOutputs.writeLabels(in, data, out);
            }
            if (in.format().equals("deeplesion")) {
                writeLesionsCsv(out, data, report);
            } else {
                InputOutputs.writeLesionsCsv(in, out, data, report);
            }
            spec.commandLine().getOut().println(report.summary());
            spec.commandLine().getOut().println("masks and " + LESIONS_FILE + " in " + out.toAbsolutePath());
            return report.exitCode();
        }
    }

    /** {@link InferenceConfig#defaults()} with the options given. */
    InferenceConfig inferenceConfig() {
        InferenceConfig c = InferenceConfig.defaults();
        c = c.withPropagation(propagation(c.propagation()));
        if (threshold != null) {
            c = c.withThreshold(threshold);
        }
        if (minInsideFraction != null) {
            c = c.withMinInsideFraction(minInsideFraction);
        }
        if (seedConfidence != null) {
            c = c.withSeeds(c.seeds().withForegroundConfidence(seedConfidence));
        }
        if (backgroundConfidence != null) {
            c = c.withSeeds(c.seeds().withBackgroundConfidence(backgroundConfidence));
        }
        return c;
    }

    /** {@link GrabCut3deConfig#defaults()} with the options given; the network's options are refused. */
    GrabCut3deConfig grabCut3deConfig() {
        if (method.equals("grabcut-3de")) {
            if (threshold != null || minInsideFraction != null) {
                throw new IllegalArgumentException("--threshold and --min-inside-fraction apply to --method wsss and"
                        + " wsss-cnn, not grabcut-3de");
            }
        }
        GrabCut3deConfig d = GrabCut3deConfig.defaults();
        return new GrabCut3deConfig(propagation(d.propagation()), d.seeds(), d.grabCut(), d.connectivity());
    }

    private PropagationConfig propagation(PropagationConfig base) {
        return new PropagationConfig(zRadius != null ? zRadius : base.zRadius(),
                zRadiusScale != null ? zRadiusScale : base.zRadiusScale());
    }

    static Path maskFile(Path out, LesionCase c) {
        return out.resolve(c.id() + ".nii.gz");
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

    private static void checkGrid(LesionCase c, Mask3D m) {
        if (m.width() != c.width() || m.height() != c.height() || m.depth() != c.sliceIndices().length) {
            throw new IllegalStateException("segmenter returned a " + m.width() + "x" + m.height() + "x" + m.depth()
                    + " mask for a case of " + c.width() + "x" + c.height() + "x" + c.sliceIndices().length);
        }
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
        List<String> lines = new ArrayList<>();
        lines.add("lesion,volume_ml,long_axis_mm,short_axis_mm,recist_long_axis_mm,recist_short_axis_mm,status");
        for (LesionCase c : data) {
            double rl = c.recist().longLengthMm(c.spacing()), rs = c.recist().shortLengthMm(c.spacing());
            Path f = maskFile(out, c);
            String row;
            if (failed.containsKey(c.id())) {
                row = String.format(Locale.ROOT, "%s,,,,%.2f,%.2f,%s", c.id(), rl, rs,
                        csv("failed: " + failed.get(c.id())));
            } else if (!Files.isRegularFile(f)) {
                row = String.format(Locale.ROOT, "%s,,,,%.2f,%.2f,missing", c.id(), rl, rs);
            } else {
                Mask3D m = Nifti.readMask(f);
                if (m.count() == 0) {
                    row = String.format(Locale.ROOT, "%s,0.000,,,%.2f,%.2f,empty", c.id(), rl, rs);
                } else {
                    LesionMeasurement lm = Assembly.measure(m);
                    row = String.format(Locale.ROOT, "%s,%.3f,%.2f,%.2f,%.2f,%.2f,ok", c.id(), lm.volumeMl(),
                            lm.longMm(), lm.shortMm(), rl, rs);
                }
            }
            lines.add(row);
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

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Builds the segmenter a method name asks for. */
    static final class Segmenters {
        private Segmenters() {
        }

        /** A segmenter and whatever it holds open (a model's native memory). */
        interface Handle extends AutoCloseable {
            LesionSegmenter segmenter();

            @Override
            void close();
        }

        static Handle open(String method, Path model, InferenceConfig inference, GrabCut3deConfig grabCut3de) {
            switch (method) {
                case "grabcut-3de": {
                    LesionSegmenter s = LesionSegmenters.grabCut3de(grabCut3de);
                    return new Handle() {
                        @Override
                        public LesionSegmenter segmenter() {
                            return s;
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
                case "wsss":
                case "wsss-cnn": {
                    if (model == null) {
                        throw new IllegalArgumentException("--method " + method + " needs --model (a file written by "
                                + "`wsss train`)");
                    }
                    HnnModel m = Hnn.load(model);
                    LesionSegmenter s = method.equals("wsss") ? LesionSegmenters.hnnGc(m, inference)
                            : LesionSegmenters.hnn(m, inference);
                    return new Handle() {
                        @Override
                        public LesionSegmenter segmenter() {
                            return s;
                        }

                        @Override
                        public void close() {
                            m.close();
                        }
                    };
                }
                default:
                    throw new IllegalArgumentException("unknown --method " + method
                            + " (known: wsss, wsss-cnn, grabcut-3de)");
            }
        }
    }
}
