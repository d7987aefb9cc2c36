package org.wsss.grabcut;

import org.wsss.api.InitialMaskMethod;

/** The initial-mask contract for {@link InitialMasks#denseCrf()}. */
class DenseCrfMethodTest extends InitialMaskMethodContract {

    @Override
    InitialMaskMethod method() {
        return InitialMasks.denseCrf();
    }

    @Override
    double minimumDice() {
        return 0.6;
    }
}
