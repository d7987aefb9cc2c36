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
 * The box-i seeds of Sec. 3.1 (GrabCut-i, and the unary of DCRF), after the "bboxi" setting
 * of Papandreou et al.: the central {@code centralFraction} (20%) of the tight RECIST box by
 * area is foreground, the rest of the box probable foreground, the rest of the context ROI
 * background.
 *
 * <p><b>Deviations from the paper.</b> "Central 20%" is read as a centred rectangle with the
 * box's aspect ratio, each side scaled by √0.2 and rounded (at least one pixel).
 */
public final class BoxISeeds implements SeedGenerator {

    private final BoxIConfig config;

    /** Box-i seeds with {@code config}. */
    public BoxISeeds(BoxIConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "box-i";
    }

    @Override
    public SeedMap generate(SeedInput input) {
        Slice s = input.slice();
        Recist r = Layouts.validated(s, input.recist());
        Roi box = r.boundingBox();
        Roi full = SeedGeometry.contextRoi(box, config.roiScale());
        int[] c = SeedGeometry.centralRect(box.width(), box.height(), config.centralFraction(), 0);
        byte[] layout = new byte[full.area()];
        for (int y = 0; y < box.height(); y++) {
            for (int x = 0; x < box.width(); x++) {
                boolean central = x >= c[0] && x < c[2] && y >= c[1] && y < c[3];
                SeedLabel l = central ? SeedLabel.FOREGROUND : SeedLabel.PROBABLE_FOREGROUND;
                layout[(box.y() + y - full.y()) * full.width() + (box.x() + x - full.x())] = (byte) l.ordinal();
            }
        }
        return Layouts.cropped(s, full, layout, Provenance.of(name(), config.asParameters()), false);
    }
}
