package org.robotphysicist.training.flow;

import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.testing.SurrogateContractTest;

/** The shared surrogate contract, passed by the MAF trained on the toy problem. */
class MafSurrogateContractTest extends SurrogateContractTest {
    @Override
    protected SurrogateLikelihood surrogate() {
        return ToyFlows.maf();
    }
}
