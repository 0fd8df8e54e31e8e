package org.robotphysicist.training.ratio;

import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.testing.SurrogateContractTest;

/** The shared surrogate contract, passed by the likelihood-to-evidence classifier trained on the toy problem. */
class RatioClassifierContractTest extends SurrogateContractTest {
    @Override
    protected SurrogateLikelihood surrogate() {
        return ToyRatioClassifiers.toy();
    }
}
