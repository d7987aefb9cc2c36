package org.wsss.hnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsss.api.LesionCase;
import org.wsss.api.VolumeLesionCase;
import org.wsss.api.contract.Fixtures;

/** The pretraining examples: lesion slices, plus background slices past each end. */
class SupervisedExamplesTest {

    @Test
    void everyLesionSliceAndMarginSlicesPastEachEndWithTheRecistRoi() {
        VolumeLesionCase c = Fixtures.lesionCase();   // lesion on slices 3..9 of 0..12
        List<TrainingExample> ex = SupervisedExamples.of(List.of(c), 2);
        assertEquals(11, ex.size(), "slices 1..11");
        for (int i = 0; i < ex.size(); i++) {
            int z = i + 1;
            TrainingExample e = ex.get(i);
            assertEquals(Fixtures.truth(z), e.groundTruth(), "target of slice " + z);
            assertEquals(Fixtures.slice(z), e.slice());
            assertEquals(RoiSampler.recistRoi(c.recist()), e.roi());
            assertEquals(z < 3 || z > 9, e.groundTruth().count() == 0, "background exactly past the ends, slice " + z);
        }
        assertEquals(13, SupervisedExamples.of(List.of(c), 10).size(), "the margin stops at the stored slices");
        assertEquals(7, SupervisedExamples.of(List.of(c), 0).size());
    }

    @Test
    void aCaseWithoutGroundTruthIsNamed() {
        VolumeLesionCase c = Fixtures.lesionCase();
        LesionCase bare = LesionCase.of("no-truth-7", c.volume(), c.recist(), c.window());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SupervisedExamples.of(List.of(bare), 1));
        assertTrue(e.getMessage().contains("no-truth-7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SupervisedExamples.of(List.of(c), -1));
    }
}
