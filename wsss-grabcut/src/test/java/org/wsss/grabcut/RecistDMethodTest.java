package org.wsss.grabcut;

import org.wsss.api.InitialMaskMethod;

/** The initial-mask contract for {@link InitialMasks#recistD()}. */
class RecistDMethodTest extends InitialMaskMethodContract {

    @Override
    InitialMaskMethod method() {
        return InitialMasks.recistD();
    }

    @Override
    double minimumDice() {
        return 0.3;
    }
}
