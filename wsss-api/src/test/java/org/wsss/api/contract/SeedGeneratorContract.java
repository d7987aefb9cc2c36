package org.wsss.api.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.wsss.api.Axis;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedGenerator;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;

/**
 * What every {@link SeedGenerator} must do. A subclass says how to make its generator and
 * whether it reads a CNN prior or a reference mark; the input then carries a prior that is
 * 0.9 inside the lesion and 0.1 outside, and the RECIST as its own reference.
 */
public abstract class SeedGeneratorContract {

    /** The generator under test. */
    protected abstract SeedGenerator generator();

    /** Whether the generator needs {@link SeedInput#prior()} (and a reference). */
    protected boolean needsPrior() {
        return false;
    }

    /** The contract's input on the key slice. */
    protected SeedInput input(Slice slice, Recist r) {
        SeedInput in = SeedInput.of(slice, r);
        if (!needsPrior()) {
            return in;
        }
        float[] p = new float[slice.width() * slice.height()];
        for (int y = 0; y < slice.height(); y++) {
            for (int x = 0; x < slice.width(); x++) {
                p[y * slice.width() + x] = Fixtures.truth(Fixtures.KEY).get(x, y) ? 0.9f : 0.1f;
            }
        }
        ProbabilityMap prior = ProbabilityMap.of(Roi.full(slice.width(), slice.height()), p, Provenance.of("fixture",
                java.util.Map.of()));
        return in.withPrior(prior).withReference(r);
    }

    @Test
    void hasAStableName() {
        assertFalse(generator().name().isBlank());
        assertEquals(generator().name(), generator().name());
    }

    @Test
    void isDeterministicAndThreadSafe() throws Exception {
        SeedGenerator g = generator();
        SeedInput in = input(Fixtures.keySlice(), Fixtures.recist());
        byte[] first = g.generate(in).toOrdinals();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> g.generate(in).toOrdinals()));
            }
            for (Future<byte[]> f : fs) {
                assertArrayEquals(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(first, generator().generate(in).toOrdinals(), "a second instance differs");
    }

    @Test
    void seedsLieInTheSliceAndMarkTheLesion() {
        Slice s = Fixtures.keySlice();
        Recist r = Fixtures.recist();
        SeedMap m = generator().generate(input(s, r));
        Roi roi = m.roi();
        assertTrue(Roi.full(s.width(), s.height()).contains(roi), "seed ROI " + roi + " leaves the slice");
        int cx = (int) Math.round(r.longAxis().midpoint().x()), cy = (int) Math.round(r.longAxis().midpoint().y());
        SeedLabel centre = m.get(cx, cy);
        assertTrue(centre == SeedLabel.FOREGROUND || centre == SeedLabel.PROBABLE_FOREGROUND,
                "the lesion's centre is seeded " + centre);
        assertTrue(m.count(SeedLabel.BACKGROUND) + m.count(SeedLabel.PROBABLE_BACKGROUND) > 0, "no background seeds");
        assertNotNull(m.provenance());
    }

    @Test
    void rejectsAMarkOutsideTheSlice() {
        Slice s = Fixtures.keySlice();
        Recist outside = new Recist(Axis.of(200, 200, 230, 200), Axis.of(215, 190, 215, 210), Fixtures.KEY);
        assertThrows(IllegalArgumentException.class, () -> generator().generate(input(s, outside)));
    }
}
