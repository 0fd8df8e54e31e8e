package org.robotphysicist.models;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.testing.SurrogateContractTest;

/** The exact likelihood trivially passes the contract; this checks the contract itself runs. */
class ExactLikelihoodContractTest extends SurrogateContractTest {
    @Override
    protected SurrogateLikelihood surrogate() {
        return new ExactLikelihood(new ToyGaussianSimulator(), Box.interval(PROBLEM.thetaLower, PROBLEM.thetaUpper),
                Box.interval(PROBLEM.phiLower, PROBLEM.phiUpper));
    }
}
