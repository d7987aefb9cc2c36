package org.wsss.api;

import java.util.List;
import org.wsss.api.contract.Fixtures;
import org.wsss.api.contract.LesionCaseContract;

class VolumeLesionCaseContractTest extends LesionCaseContract {

    @Override
    protected LesionDataset dataset() {
        return LesionDataset.of(List.of(Fixtures.lesionCase()));
    }
}
