package org.wsss.hnn.model;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.contract.SliceSegmenterContract;
import org.wsss.hnn.Hnn;

/** The {@link SliceSegmenterContract} for an (untrained) HNN and UNet. */
class HnnModelContractTest {

    static final HnnModel HNN = Hnn.create(new HnnConfig(List.of(4, 8), List.of(1, 1), 32), 3L);
    static final HnnModel UNET = Hnn.create(new HnnConfig(List.of(4, 8), List.of(1, 1), 32, Architecture.UNET), 3L);

    @AfterAll
    static void close() {
        HNN.close();
        UNET.close();
    }

    @org.junit.jupiter.api.Nested
    class HnnPreset extends SliceSegmenterContract {
        @Override
        protected SliceSegmenter segmenter() {
            return HNN;
        }
    }

    @org.junit.jupiter.api.Nested
    class UNetPreset extends SliceSegmenterContract {
        @Override
        protected SliceSegmenter segmenter() {
            return UNET;
        }
    }
}
