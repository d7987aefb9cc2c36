package org.wsss.api.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter;

/**
 * What every {@link SliceSegmenter} must do: probabilities in [0, 1] over exactly the ROI asked
 * for, the same answer from {@link SliceSegmenter#predict} and from
 * {@link SliceSegmenter#predictAll} for a ROI inside the slice, in request order.
 */
public abstract class SliceSegmenterContract {

    /** The segmenter under test (trained or not: the contract does not judge quality). */
    protected abstract SliceSegmenter segmenter();

    static final Roi INSIDE = new Roi(20, 24, 52, 48);

    @Test
    void probabilitiesOverTheRoiInRange() {
        ProbabilityMap p = segmenter().predict(Fixtures.keySlice(), INSIDE, Fixtures.WINDOW);
        assertEquals(INSIDE, p.roi());
        for (float v : p.toArray()) {
            assertTrue(v >= 0 && v <= 1, "probability " + v);
        }
    }

    @Test
    void batchEqualsSingleCallsInOrder() {
        SliceSegmenter m = segmenter();
        Slice a = Fixtures.slice(Fixtures.KEY), b = Fixtures.slice(Fixtures.KEY + 2);
        List<ProbabilityMap> batch = m.predictAll(List.of(new SliceSegmenter.Request(a, INSIDE, Fixtures.WINDOW),
                new SliceSegmenter.Request(b, INSIDE, Fixtures.WINDOW)));
        assertEquals(2, batch.size());
        assertArrayEquals(m.predict(a, INSIDE, Fixtures.WINDOW).toArray(), batch.get(0).toArray(), 1e-5f);
        assertArrayEquals(m.predict(b, INSIDE, Fixtures.WINDOW).toArray(), batch.get(1).toArray(), 1e-5f);
    }

    @Test
    void aRequestOffTheSliceIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new SliceSegmenter.Request(Fixtures.keySlice(), new Roi(300, 300, 10, 10), Fixtures.WINDOW));
    }
}
