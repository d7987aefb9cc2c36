package org.wsss.propagation.geometry;

import org.wsss.api.RecistPropagator;
import org.wsss.api.contract.RecistPropagatorContract;

/** The {@link RecistPropagatorContract} for the Pythagorean propagation (Sec. 2.3). */
class PythagoreanContractTest extends RecistPropagatorContract {

    @Override
    protected RecistPropagator propagator() {
        return Propagation.pythagorean();
    }
}
