package org.wsss.examples;

import java.nio.file.Path;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Volume;
import org.wsss.api.Window;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnModel;
import org.wsss.io.Nifti;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.assembly.Assembly;
import org.wsss.propagation.assembly.LesionMeasurement;

/**
 * Loads a model, segments one lesion of a CT volume in 3D from its RECIST mark (WSSS-7-GC,
 * Sec. 2.3) and prints its volume. The volume is a NIfTI file in HU; the mark is given in voxel
 * coordinates of its axial slice {@code z}.
 *
 * <p>Usage: {@code SegmentOneLesion MODEL CT.nii.gz Z LX1 LY1 LX2 LY2 SX1 SY1 SX2 SY2 [MASK_OUT.nii.gz]}
 */
public final class SegmentOneLesion {

    private SegmentOneLesion() {
    }

    /** Segments the lesion marked on {@code volume}; returns its mask. */
    public static Mask3D run(Path modelFile, Volume volume, Recist mark, Window window) {
        LesionCase lesion = LesionCase.of("lesion", volume, mark, window);
        try (HnnModel model = Hnn.load(modelFile)) {
            Mask3D mask = LesionSegmenters.hnnGc(model).segment(lesion);
            LesionMeasurement m = Assembly.measure(mask);
            System.out.printf("volume %.2f mL, long axis %.1f mm, short axis %.1f mm (RECIST: %.1f x %.1f mm)%n",
                    m.volumeMl(), m.longMm(), m.shortMm(), mark.longLengthMm(volume.spacing()),
                    mark.shortLengthMm(volume.spacing()));
            return mask;
        }
    }

    public static void main(String[] args) {
        Volume ct = Nifti.readVolume(Path.of(args[1]));
        double[] v = new double[8];
        for (int i = 0; i < 8; i++) {
            v[i] = Double.parseDouble(args[3 + i]);
        }
        Recist mark = Recist.fromAxes(org.wsss.api.Axis.of(v[0], v[1], v[2], v[3]), org.wsss.api.Axis.of(v[4], v[5], v[6], v[7]),
                Integer.parseInt(args[2]), ct.spacing());
        Mask3D mask = run(Path.of(args[0]), ct, mark, Window.DEFAULT);
        if (args.length > 11) {
            Nifti.writeMask(mask, Path.of(args[11]));
        }
    }
}
