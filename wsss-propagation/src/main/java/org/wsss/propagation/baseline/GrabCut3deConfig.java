package org.wsss.propagation.baseline;

import java.util.Objects;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.GrabCutRConfig;
import org.wsss.propagation.assembly.Connectivity3D;
import org.wsss.propagation.assembly.IntensityStop;
import org.wsss.propagation.assembly.IntensityTrim;
import org.wsss.propagation.geometry.PropagationConfig;

/**
 * Parameters of the GrabCut-3DE baseline ({@link GrabCut3de}).
 *
 * @param propagation the lesion's assumed z extent for the Pythagorean RECIST propagation
 * @param seeds the GrabCut-R layout drawn from each slice's R̂
 * @param grabCut the GrabCut refiner
 * @param connectivity which voxels touch when keeping the 3D component through the RECIST slice
 * @param intensityStop where the lesion's intensity ends along z ({@link IntensityStop}), applied
 *     to the assembled mask
 * @param intensityTrim the in-plane cut to the lesion's HU range ({@link IntensityTrim}), applied
 *     after the intensity stop
 */
public record GrabCut3deConfig(PropagationConfig propagation, GrabCutRConfig seeds, GrabCutConfig grabCut,
                               Connectivity3D connectivity, IntensityStop intensityStop,
                               IntensityTrim intensityTrim) {

    /** Rejects nulls. */
    public GrabCut3deConfig {
        Objects.requireNonNull(propagation, "GrabCut3deConfig.propagation");
        Objects.requireNonNull(seeds, "GrabCut3deConfig.seeds");
        Objects.requireNonNull(grabCut, "GrabCut3deConfig.grabCut");
        Objects.requireNonNull(connectivity, "GrabCut3deConfig.connectivity");
        Objects.requireNonNull(intensityStop, "GrabCut3deConfig.intensityStop");
        Objects.requireNonNull(intensityTrim, "GrabCut3deConfig.intensityTrim");
    }

    /**
     * The defaults of each part: the extent {@link PropagationConfig#segmentationDefaults()} (z
     * semi-axis the mean of the RECIST half-axes, the same as the network's 3D inference, so that
     * the two compare on one propagation), the paper's GrabCut-R fractions,
     * 5 GrabCut iterations, and 6-connectivity (consecutive cross-sections must overlap, which
     * they do here: every slice's FG seeds hold R̂'s axes, all through R's centre), and the walk
     * cut where the lesion's intensity ends ({@link IntensityStop#defaults()}) and trimmed to its HU
     * range ({@link IntensityTrim#defaults()}), both as for the network.
     */
    public static GrabCut3deConfig defaults() {
        return new GrabCut3deConfig(PropagationConfig.segmentationDefaults(), GrabCutRConfig.defaults(),
                GrabCutConfig.defaults(), Connectivity3D.SIX, IntensityStop.defaults(), IntensityTrim.defaults());
    }

    /** The same with another intensity stop. */
    public GrabCut3deConfig withIntensityStop(IntensityStop s) {
        return new GrabCut3deConfig(propagation, seeds, grabCut, connectivity, s, intensityTrim);
    }

    /** The same with another intensity trim. */
    public GrabCut3deConfig withIntensityTrim(IntensityTrim t) {
        return new GrabCut3deConfig(propagation, seeds, grabCut, connectivity, intensityStop, t);
    }
}
