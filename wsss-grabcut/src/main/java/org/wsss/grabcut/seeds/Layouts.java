package org.wsss.grabcut.seeds;

import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;

/** Shared steps of the seeders: validation, ROI placement, cropping a layout to the image. */
final class Layouts {

    private Layouts() {
    }

    /** The mark checked against its slice. */
    static Recist validated(Slice s, Recist r) {
        return r.validate(s.width(), s.height(), s.spacing());
    }

    /**
     * A seed map over {@code full} clipped to the slice, holding {@code layout} (row-major over
     * {@code full}); a note records the clipping. With {@code keepRing}, the pixels along each
     * side where the image cut the ROI become background unless they are hard foreground, so a
     * refiner still sees background seeds on that side.
     */
    static SeedMap cropped(Slice s, Roi full, byte[] layout, Provenance p, boolean keepRing) {
        Roi roi = full.clip(s.width(), s.height());
        SeedMap.Builder b = SeedMap.builder(roi);
        for (int y = roi.y(); y < roi.endY(); y++) {
            for (int x = roi.x(); x < roi.endX(); x++) {
                b.set(x, y, SeedLabel.ofOrdinal(layout[(y - full.y()) * full.width() + (x - full.x())]));
            }
        }
        if (!roi.equals(full)) {
            p = p.withNote("context ROI " + full + " clipped at the image border to " + roi);
            if (keepRing) {
                int kept = 0;
                for (int y = roi.y(); y < roi.endY(); y++) {
                    for (int x = roi.x(); x < roi.endX(); x++) {
                        boolean cutSide = (x == roi.x() && roi.x() > full.x()) || (y == roi.y() && roi.y() > full.y())
                                || (x == roi.endX() - 1 && roi.endX() < full.endX())
                                || (y == roi.endY() - 1 && roi.endY() < full.endY());
                        SeedLabel l = b.get(x, y);
                        if (cutSide && l != SeedLabel.FOREGROUND && l != SeedLabel.BACKGROUND) {
                            b.set(x, y, SeedLabel.BACKGROUND);
                            kept++;
                        }
                    }
                }
                p = p.withNote("background ring kept along the cut sides: " + kept + " pixels set to BG");
            }
        }
        return b.provenance(p).build();
    }
}
