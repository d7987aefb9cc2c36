package org.wsss.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wsss.dicom.Dicom;
import org.wsss.io.DeepLesion;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wsss phantom}: writes a phantom dataset in the DeepLesion layout with ground truth. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic CT lesion dataset in the DeepLesion layout (Images_png/, DL_info.csv)",
            "with exact 3D ground truth in ground_truth/<id>.nii.gz."})
final class PhantomCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--n", paramLabel = "N", description = "Number of lesions (default: ${DEFAULT-VALUE}).")
    int n = 200;

    @Option(names = "--dicom", paramLabel = "DIR", description = "Also write every case as a DICOM CT series,"
            + " DIR/<id>/NNNN.dcm, with its RECIST mark in DIR/marks.csv (input of `segment --dicom DIR --recist"
            + " DIR/marks.csv`).")
    Path dicom;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        if (n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        PhantomConfig cfg = PhantomConfig.defaults().withCount(n).withSeed(common.seed);
        Phantom.export(cfg, out, common.threads, common.progress());
        System.out.println("wrote " + n + " phantom lesions to " + out.toAbsolutePath());
        if (dicom != null) {
            // From the DeepLesion layout just written, so both inputs hold the same numbers.
            Path marks = Dicom.export(DeepLesion.open(out), dicom);
            System.out.println("wrote them as DICOM CT series to " + dicom.toAbsolutePath() + ", marks in " + marks);
        }
        return 0;
    }
}
