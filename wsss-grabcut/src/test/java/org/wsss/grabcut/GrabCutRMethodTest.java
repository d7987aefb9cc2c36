package org.wsss.grabcut;

import org.wsss.api.InitialMaskMethod;

/** The initial-mask contract for {@link InitialMasks#grabCutR()}. */
class GrabCutRMethodTest extends InitialMaskMethodContract {

    @Override
    InitialMaskMethod method() {
        return InitialMasks.grabCutR();
    }

    @Override
    double minimumDice() {
        return 0.7;
    }
}
