package org.wsss.grabcut.seeds;

import java.util.Map;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedGenerator;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;

/**
 * The "GrabCut" baseline seeds of Sec. 3.1: inside the box tight around the RECIST axes
 * probable foreground, the rest of the context ROI (the box scaled by {@code roiScale}, clipped
 * to the image) background.
 *
 * <p><b>Deviations from the paper.</b> The paper's sentence assigns "inside ... BG and
 * outside PFG", which swaps the words; the standard box initialisation of GrabCut is used.
 */
public final class BoxSeeds implements SeedGenerator {

    private final double roiScale;

    /** Box seeds inside a context ROI of {@code roiScale} × the box (paper: 2). */
    public BoxSeeds(double roiScale) {
        if (!(roiScale >= 1 && roiScale <= 16)) {
            throw new IllegalArgumentException("BoxSeeds.roiScale must lie in [1, 16], got " + roiScale);
        }
        this.roiScale = roiScale;
    }

    @Override
    public String name() {
        return "box";
    }

    @Override
    public SeedMap generate(SeedInput input) {
        Slice s = input.slice();
        Recist r = Layouts.validated(s, input.recist());
        Roi box = r.boundingBox();
        Roi full = SeedGeometry.contextRoi(box, roiScale);
        byte[] layout = new byte[full.area()];
        byte pfg = (byte) SeedLabel.PROBABLE_FOREGROUND.ordinal();
        for (int y = box.y(); y < box.endY(); y++) {
            for (int x = box.x(); x < box.endX(); x++) {
                layout[(y - full.y()) * full.width() + (x - full.x())] = pfg;
            }
        }
        return Layouts.cropped(s, full, layout,
                Provenance.of(name(), Map.of("roiScale", Double.toString(roiScale))), false);
    }
}
