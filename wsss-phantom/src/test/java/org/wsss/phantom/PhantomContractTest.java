package org.wsss.phantom;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionDataset;
import org.wsss.api.contract.LesionCaseContract;
import org.wsss.io.DeepLesion;

/** The {@link LesionCaseContract} for phantom cases and for the DeepLesion reader on their export. */
class PhantomContractTest {

    static final PhantomConfig SMALL = PhantomConfig.defaults().withCount(6).withSeed(3);

    @Nested
    class InMemory extends LesionCaseContract {
        @Override
        protected LesionDataset dataset() {
            return Phantom.dataset(SMALL);
        }
    }

    @Nested
    class DeepLesionLayout extends LesionCaseContract {
        @TempDir
        Path dir;

        @Override
        protected LesionDataset dataset() {
            return DeepLesion.open(Phantom.export(SMALL, dir.resolve("ph")));
        }
    }
}
