package org.robotphysicist.training.flow;

import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.testing.SurrogateContractTest;

/** The shared surrogate contract, passed by the NSF trained on the toy problem. */
class NsfSurrogateContractTest extends SurrogateContractTest {
    @Override
    protected SurrogateLikelihood surrogate() {
        return ToyFlows.nsf();
    }
}
