package org.wsss.grabcut;

import org.junit.jupiter.api.Nested;
import org.wsss.api.SeedGenerator;
import org.wsss.api.contract.SeedGeneratorContract;

/** The {@link SeedGeneratorContract} for every seed generator of {@link SeedGenerators}. */
class SeedGeneratorContractsTest {

    @Nested
    class GrabCutR extends SeedGeneratorContract {
        @Override
        protected SeedGenerator generator() {
            return SeedGenerators.grabcutR();
        }
    }

    @Nested
    class Box extends SeedGeneratorContract {
        @Override
        protected SeedGenerator generator() {
            return SeedGenerators.box();
        }
    }

    @Nested
    class BoxI extends SeedGeneratorContract {
        @Override
        protected SeedGenerator generator() {
            return SeedGenerators.boxI();
        }
    }

    @Nested
    class RecistD extends SeedGeneratorContract {
        @Override
        protected SeedGenerator generator() {
            return SeedGenerators.recistD();
        }
    }

    @Nested
    class Cnn extends SeedGeneratorContract {
        @Override
        protected SeedGenerator generator() {
            return SeedGenerators.cnn();
        }

        @Override
        protected boolean needsPrior() {
            return true;
        }
    }

    @Nested
    class CnnPropagated extends SeedGeneratorContract {
        @Override
        protected SeedGenerator generator() {
            return SeedGenerators.cnnPropagated();
        }

        @Override
        protected boolean needsPrior() {
            return true;
        }
    }
}
