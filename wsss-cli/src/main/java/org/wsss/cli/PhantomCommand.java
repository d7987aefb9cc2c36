package org.wsss.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wsss.api.Volume;
import org.wsss.dicom.Dicom;
import org.wsss.io.DeepLesion;
import org.wsss.io.Nifti;
import org.wsss.phantom.InsertedLesions;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wsss phantom}: writes a phantom dataset in the DeepLesion layout with ground truth. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
        description = {
            "Writes a synthetic CT lesion dataset in the DeepLesion layout.",
            "%nWrites Images_png/ and DL_info.csv as DeepLesion does, with the exact 3D ground truth of each "
                + "lesion in ground_truth/<id>.nii.gz."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss phantom --out phantom/ --n 200 --seed 2018"})
final class PhantomCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--n", paramLabel = "N", description = "Number of lesions (default: ${DEFAULT-VALUE}).")
    int n = 200;

    @Option(names = "--background", paramLabel = "CT.nii.gz",
            description = "Insert the lesions into this real CT volume (NIfTI, axial slices, HU) instead of "
                    + "drawing synthetic anatomy; each case is a sub-volume around one inserted lesion.")
    Path background;

    @Option(names = "--contrast", paramLabel = "MIN:MAX",
            description = "With --background: the range of |lesion - tissue| HU differences the lesions are drawn "
                    + "with (default: 20:60). Lower values make lesions harder to tell from their surroundings.")
    String contrast;

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
        if (background != null) {
            InsertedLesions.Config ic = InsertedLesions.Config.defaults(n).withSeed(common.seed);
            if (contrast != null) {
                double[] range = contrastRange(contrast);
                ic = ic.withContrast(range[0], range[1]);
            }
            Volume ct = Nifti.readVolume(background);
            Phantom.export(InsertedLesions.dataset(ct, background.getFileName().toString(), ic), out, common.threads,
                    common.progress());
            System.out.println("wrote " + n + " lesions inserted into " + background + " to " + out.toAbsolutePath());
        } else {
            if (contrast != null) {
                throw new IllegalArgumentException("--contrast applies to --background only");
            }
            PhantomConfig cfg = PhantomConfig.defaults().withCount(n).withSeed(common.seed);
            Phantom.export(cfg, out, common.threads, common.progress());
            System.out.println("wrote " + n + " phantom lesions to " + out.toAbsolutePath());
        }
        if (dicom != null) {
            // From the DeepLesion layout just written, so both inputs hold the same numbers.
            Path marks = Dicom.export(DeepLesion.open(out), dicom);
            System.out.println("wrote them as DICOM CT series to " + dicom.toAbsolutePath() + ", marks in " + marks);
        }
        return 0;
    }

    /** MIN:MAX in HU, as --contrast takes it. */
    private static double[] contrastRange(String text) {
        String[] mm = text.split(":", -1);
        try {
            if (mm.length == 2) {
                return new double[] {Double.parseDouble(mm[0].trim()), Double.parseDouble(mm[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below, as a wrong count of parts is
        }
        throw new IllegalArgumentException("--contrast must be MIN:MAX in HU, e.g. 10:30, got '" + text + "'");
    }
}
