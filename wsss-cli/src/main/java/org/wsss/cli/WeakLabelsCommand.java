package org.wsss.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask;
import org.wsss.api.WsssIoException;
import org.wsss.io.AtomicFiles;
import org.wsss.api.LesionDataset;
import org.wsss.io.DeepLesion;
import org.wsss.io.LesionInput;
import org.wsss.grabcut.InitialMasks;
import org.wsss.eval.jobs.LesionJobs;
import org.wsss.io.MaskPng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wsss weak-labels}: the initial RECIST-slice mask of every lesion (the paper's Sec. 2.1
 * and the methods of Table 1, Sec. 3.1), from any input of {@link InputOptions}, one 8-bit PNG
 * per lesion: {@code OUT/<lesion id>.png}, the key slice as the SDK reads it, 255 = lesion,
 * 0 = background ({@link MaskPng}). For the DeepLesion layout the id is {@code File_name} without
 * {@code .png} (repeats get {@code _2}, {@code _3}, … in row order) and the slice is the PNG's own
 * grid; for NIfTI + CSV the id is the {@code lesion} column and for FLARE {@code <case>_<label>},
 * the slice on the SDK's axial grid (see {@code docs/nifti-csv.md}), the one {@code wsss train}
 * learns from. Lesions are spread over {@code --threads} workers and follow the shared batch
 * behaviour of {@link Batch}: failures in {@code OUT/failures.csv}, atomic writes, reruns skip
 * finished lesions. The method is recorded in {@code OUT/weak-labels-method.txt}; a rerun with
 * another method into the same folder is refused (exit 2) unless {@code --force} redoes every lesion.
 */
@Command(name = "weak-labels", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Makes the weak RECIST-slice mask of every lesion of a DeepLesion-layout folder, of NIfTI volumes with"
                + " a marks CSV or of FLARE25 cases.",
            "%nWrites one 8-bit PNG per lesion, OUT/<lesion id>.png, the size of the key slice, 255 = lesion,"
                + " 0 = background. For the DeepLesion layout the id is File_name without .png, repeated file names"
                + " (several lesions on one slice) getting _2, _3, ... in row order. For NIfTI + CSV the id is the"
                + " lesion column and for FLARE <case>_<label>; the slice is then the axial slice as the SDK reads"
                + " it (columns towards the patient's left, rows towards the back), the one `wsss train` learns"
                + " from.",
            "%nLesions that fail, and input rows or files that cannot be read, are listed in OUT/failures.csv and"
                + " the others are done; a rerun skips lesions whose PNG exists (--force redoes them)."
                + " OUT/weak-labels-method.txt records the method; a rerun with another method into OUT needs"
                + " --force. The masks depend neither on --threads nor on --seed (each method's random generator"
                + " has its own fixed seed).",
            "%nExit code: 0 all done, 1 some lesions failed, 2 bad usage or unreadable input."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss weak-labels --deeplesion phantom/ --method grabcut-r --out weak/",
            "  ./wsss weak-labels --nifti-csv marks.csv --method grabcut-r --out weak/"})
final class WeakLabelsCommand implements Callable<Integer> {

    /** Records which method made the masks of the output folder. */
    static final String METHOD_FILE = "weak-labels-method.txt";

    @Mixin
    InputOptions input;

    @Option(names = "--method", required = true, paramLabel = "METHOD",
            description = "recist-d, grabcut, grabcut-i, grabcut-r (the paper's method) or dcrf.")
    String method;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--force", description = "Redo lesions whose PNG already exists.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        common.validate();
        InitialMaskMethod m = InitialMasks.byName(method);
        LesionInput in = input.open(common.threads, common.limits());
        LesionDataset data = in.dataset();
        checkMethodOfEarlierRun(m.name(), data.size() > 0);
        Batch batch = new Batch(out, common.threads, force, common.progress())
                .withTimeout(common.lesionTimeout()).withOutputCheck(MaskPng::read);
        Batch.Report<Void> report = batch.run("weak labels (" + m.name() + ")",
                Batch.jobs(data, c -> out.resolve(LesionJobs.weakLabelFile(c.id()))), Batch.problems(data),
                (lesion, file) -> {
                    LesionJobs.writeWeakLabel(m, lesion, file);
                    return null;
                });
        // the DeepLesion layout's rows are those of its DL_info.csv; other inputs name their own file or folder
        Path rows = in.format().equals("deeplesion") ? in.source().resolve(DeepLesion.CSV_FILE) : in.source();
        Batch.requireUsableRows(data, rows, report);
        spec.commandLine().getOut().println(report.summary());
        return report.exitCode();
    }

    /**
     * Refuses to mix methods in one folder: a rerun skips existing PNGs, which would silently
     * keep another method's masks. The method is recorded in {@value #METHOD_FILE}, only when
     * some row is usable ({@code record}), so a run that can make no mask leaves no stamp.
     */
    private void checkMethodOfEarlierRun(String name, boolean record) {
        Path stamp = out.resolve(METHOD_FILE);
        try {
            if (!force && Files.isRegularFile(stamp)) {
                String earlier = Files.readString(stamp, StandardCharsets.UTF_8).strip();
                if (!earlier.equals(name)) {
                    throw new IllegalArgumentException(out + " holds " + earlier + " masks, not " + name
                            + "; choose another --out, or --force to redo every lesion");
                }
            }
        } catch (IOException e) {
            throw new WsssIoException(stamp, "cannot read: " + e, e);
        }
        if (record) {
            AtomicFiles.write(stamp, o -> o.write((name + "\n").getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The weak mask of {@code lesion}'s key slice ({@link LesionJobs#weakLabel}). */
    static Mask segment(InitialMaskMethod m, LesionCase lesion) {
        return LesionJobs.weakLabel(m, lesion);
    }
}
