package org.wsss.grabcut;

import org.wsss.api.InitialMaskMethod;

/** The initial-mask contract for {@link InitialMasks#grabCut()}. */
class GrabCutMethodTest extends InitialMaskMethodContract {

    @Override
    InitialMaskMethod method() {
        return InitialMasks.grabCut();
    }

    @Override
    double minimumDice() {
        return 0.3;
    }
}
