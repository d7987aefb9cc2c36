package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsss.api.contract.Fixtures;
import org.wsss.api.contract.LesionCaseContract;

/** A forwarding case with nothing overridden is its delegate: it keeps the contract and every value. */
class ForwardingLesionCaseContractTest extends LesionCaseContract {

    private static LesionCase forwarding(LesionCase c) {
        return new ForwardingLesionCase(c) {
        };
    }

    @Override
    protected LesionDataset dataset() {
        return LesionDataset.of(List.of(forwarding(Fixtures.lesionCase())));
    }

    @Test
    void forwardsEveryValue() {
        VolumeLesionCase c = Fixtures.lesionCase();
        LesionCase f = forwarding(c);
        assertEquals(c.id(), f.id());
        assertSame(c.recist(), f.recist());
        assertEquals(c.spacing(), f.spacing());
        assertEquals(c.window(), f.window());
        assertEquals(c.category(), f.category());
        assertEquals(c.split(), f.split());
        assertEquals(c.width(), f.width());
        assertEquals(c.height(), f.height());
        org.junit.jupiter.api.Assertions.assertArrayEquals(c.sliceIndices(), f.sliceIndices());
        assertEquals(c.zOf(Fixtures.KEY), f.zOf(Fixtures.KEY));
        assertEquals(c.slice(Fixtures.KEY), f.slice(Fixtures.KEY));
        assertEquals(c.groundTruth(), f.groundTruth());
    }
}
