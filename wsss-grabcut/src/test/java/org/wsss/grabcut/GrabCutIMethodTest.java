package org.wsss.grabcut;

import org.wsss.api.InitialMaskMethod;

/** The initial-mask contract for {@link InitialMasks#grabCutI()}. */
class GrabCutIMethodTest extends InitialMaskMethodContract {

    @Override
    InitialMaskMethod method() {
        return InitialMasks.grabCutI();
    }

    @Override
    double minimumDice() {
        return 0.6;
    }
}
