package org.wsss.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.wsss.api.Recist;
import org.wsss.api.RecistPropagator;
import org.wsss.api.VoxelSpacing;

/**
 * What every {@link RecistPropagator} must do, as properties over random marks and spacings
 * ({@link WsssArbitraries}): R on its own slice, R̂ on the target slice, never longer than R,
 * no longer as the offset grows, the same on both sides, and empty far enough away.
 */
public abstract class RecistPropagatorContract {

    /** The propagator under test. */
    protected abstract RecistPropagator propagator();

    @Property(tries = 100)
    void shrinksWithDistanceSymmetricallyAndEnds(@ForAll("recists") Recist r, @ForAll("spacings") VoxelSpacing sp,
                                                 @ForAll @IntRange(min = 1, max = 40) int offset) {
        RecistPropagator p = propagator();
        Optional<Recist> self = p.propagate(r, r.sliceIndex(), sp);
        assertTrue(self.isPresent(), "R on its own slice");
        assertEquals(r.longLengthMm(sp), self.get().longLengthMm(sp), 1e-9);
        Optional<Recist> up = p.propagate(r, r.sliceIndex() + offset, sp);
        Optional<Recist> down = p.propagate(r, r.sliceIndex() - offset, sp);
        assertEquals(up.isPresent(), down.isPresent(), "asymmetric extent at offset " + offset);
        if (up.isPresent()) {
            assertEquals(r.sliceIndex() + offset, up.get().sliceIndex());
            assertEquals(up.get().longLengthMm(sp), down.get().longLengthMm(sp), 1e-9);
            assertTrue(up.get().longLengthMm(sp) <= r.longLengthMm(sp) + 1e-9, "R̂ longer than R");
            Optional<Recist> closer = p.propagate(r, r.sliceIndex() + offset - 1, sp);
            assertTrue(closer.isPresent(), "R̂ present at " + offset + " but not at " + (offset - 1));
            assertTrue(up.get().longLengthMm(sp) <= closer.get().longLengthMm(sp) + 1e-9, "R̂ grows with the offset");
        }
        double far = 10 * r.longLengthMm(sp) / sp.z() + 1;
        assertTrue(p.propagate(r, r.sliceIndex() + (int) Math.ceil(far), sp).isEmpty(), "R̂ never ends");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Recist> recists() {
        return WsssArbitraries.recists(256, 256);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<VoxelSpacing> spacings() {
        return WsssArbitraries.squarePixelSpacings();
    }
}
