package org.wsss.grabcut.refine;

import java.util.Map;
import org.wsss.api.Mask;
import org.wsss.api.MaskRefiner;
import org.wsss.api.Provenance;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.Window;

/**
 * The refiner that refines nothing: the hard and probable foreground seeds are the mask. With
 * RECIST-D seeds it is RECIST-D of Sec. 3.1; with any seeder it shows what the seeds alone give.
 */
public final class IdentityRefiner implements MaskRefiner {

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public Mask refine(Slice slice, SeedMap seeds, Window window) {
        RoiImages.checkedRoi(slice, seeds);
        return seeds.mask(slice.width(), slice.height(), SeedLabel.FOREGROUND, SeedLabel.PROBABLE_FOREGROUND)
                .withProvenance(Provenance.of(name(), Map.of()).withParent(seeds.provenance()));
    }
}
