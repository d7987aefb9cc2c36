package org.wsss.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wsss.io.LesionConverter;
import org.wsss.io.LesionInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wsss convert}: moves lesions between the DeepLesion layout, NIfTI volumes with a marks
 * CSV, and FLARE25 {@code .npz} cases ({@link LesionConverter}). Exit code 1 when a volume or
 * lesion could not be converted (listed on stderr), 0 otherwise.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts lesions between the DeepLesion layout, NIfTI + marks CSV and FLARE25 npz cases"
                + " (and from DICOM CT series with a marks CSV).",
            "%nWith --to deeplesion it writes a DL_info.csv and an Images_png folder; with --to nifti-csv a marks.csv "
                + "and a volumes folder; with --to flare one npz file per volume (imgs, spacing, and recist holding "
                + "the long axes)."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss convert --deeplesion phantom/ --to nifti-csv --out nifti/"})
final class ConvertCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--to", required = true, paramLabel = "deeplesion|nifti-csv|flare", description = "Target format.")
    String to;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder (created if missing).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LesionInput in = input.open(1);
        LesionConverter.Result r = switch (to) {
            case "deeplesion" -> LesionConverter.toDeepLesion(in, out);
            case "nifti-csv" -> LesionConverter.toNiftiCsv(in, out);
            case "flare" -> LesionConverter.toFlare(in, out);
            default -> throw new IllegalArgumentException("unknown --to " + to + " (known: deeplesion, nifti-csv,"
                    + " flare)");
        };
        for (String f : r.failures()) {
            spec.commandLine().getErr().println("not converted: " + f);
        }
        spec.commandLine().getOut().println("convert (" + in.format() + " -> " + to + "): " + r.volumes()
                + " volumes, " + r.lesions() + " lesions, " + r.failures().size() + " not converted; in "
                + out.toAbsolutePath());
        return r.failures().isEmpty() ? 0 : 1;
    }
}
