package org.wsss.grabcut;

import org.junit.jupiter.api.Nested;
import org.wsss.api.MaskRefiner;
import org.wsss.api.contract.MaskRefinerContract;

/** The {@link MaskRefinerContract} for every refiner of {@link MaskRefiners}. */
class MaskRefinerContractsTest {

    @Nested
    class GrabCut extends MaskRefinerContract {
        @Override
        protected MaskRefiner refiner() {
            return MaskRefiners.grabCut();
        }
    }

    @Nested
    class DenseCrf extends MaskRefinerContract {
        @Override
        protected MaskRefiner refiner() {
            return MaskRefiners.denseCrf();
        }
    }

    @Nested
    class Identity extends MaskRefinerContract {
        @Override
        protected MaskRefiner refiner() {
            return MaskRefiners.identity();
        }

        @Override
        protected double minimumDice() {
            return 0.35; // foreground seeds only: the core and the ring of the fixture's seeds
        }
    }
}
