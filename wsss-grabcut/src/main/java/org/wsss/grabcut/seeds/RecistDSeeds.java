package org.wsss.grabcut.seeds;

import java.util.Objects;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedGenerator;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;

/**
 * RECIST-D of Sec. 3.1: the RECIST diameters dilated (in mm distance order,
 * {@link SeedGeometry#growAroundAxes}) until they cover {@code boxFraction} (20%) of the tight
 * box area, as hard foreground; the rest of the context ROI background. Paired with the
 * identity refiner it is the mask itself.
 *
 * <p><b>Deviations from the paper.</b> The dilation is by a disk in mm stopped at an exact
 * pixel count rather than by repeated 3 × 3 dilations, whose area jumps in steps. The dilated
 * region may leave the tight box near the axis endpoints, as a dilation does.
 */
public final class RecistDSeeds implements SeedGenerator {

    private final RecistDConfig config;

    /** RECIST-D seeds with {@code config}. */
    public RecistDSeeds(RecistDConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "recist-d";
    }

    @Override
    public SeedMap generate(SeedInput input) {
        Slice s = input.slice();
        Recist r = Layouts.validated(s, input.recist());
        Roi box = r.boundingBox();
        Roi full = SeedGeometry.contextRoi(box, config.roiScale());
        int target = (int) Math.round(config.boxFraction() * box.area());
        boolean[] fg = SeedGeometry.growAroundAxes(r, full, s.spacing(), target, null);
        byte[] layout = new byte[full.area()];
        for (int i = 0; i < fg.length; i++) {
            layout[i] = (byte) (fg[i] ? SeedLabel.FOREGROUND : SeedLabel.BACKGROUND).ordinal();
        }
        return Layouts.cropped(s, full, layout, Provenance.of(name(), config.asParameters()), false);
    }
}
