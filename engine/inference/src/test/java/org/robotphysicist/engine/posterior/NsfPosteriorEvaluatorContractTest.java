package org.robotphysicist.engine.posterior;

import org.robotphysicist.models.flow.FlowSpec;

/** A neural spline flow's grid path passes the evaluator contract. */
class NsfPosteriorEvaluatorContractTest extends FlowPosteriorEvaluatorContractTest {
    @Override
    FlowSpec.Kind kind() {
        return FlowSpec.Kind.NSF;
    }
}
