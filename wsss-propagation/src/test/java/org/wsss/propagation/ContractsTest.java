package org.wsss.propagation;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.contract.LesionSegmenterContract;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;

/** The {@link LesionSegmenterContract} for the 3D segmenters of this module. */
class ContractsTest {

    /** Untrained: the contract checks the walk's shape, not the network's quality. */
    static final HnnModel MODEL = Hnn.create(new HnnConfig(List.of(4, 8), List.of(1, 1), 32), 5L);

    @AfterAll
    static void close() {
        MODEL.close();
    }

    @Nested
    class GrabCut3de extends LesionSegmenterContract {
        @Override
        protected LesionSegmenter segmenter() {
            return LesionSegmenters.grabCut3de();
        }

        @Override
        protected double minimumDice() {
            return 0.7;
        }
    }

    @Nested
    class HnnCnn extends LesionSegmenterContract {
        @Override
        protected LesionSegmenter segmenter() {
            return LesionSegmenters.hnn(MODEL);
        }
    }

    @Nested
    class HnnGc extends LesionSegmenterContract {
        @Override
        protected LesionSegmenter segmenter() {
            return LesionSegmenters.hnnGc(MODEL);
        }
    }
}
