package org.robotphysicist.engine.posterior;

import org.robotphysicist.models.flow.FlowSpec;

/** A masked autoregressive flow's grid path passes the evaluator contract. */
class MafPosteriorEvaluatorContractTest extends FlowPosteriorEvaluatorContractTest {
    @Override
    FlowSpec.Kind kind() {
        return FlowSpec.Kind.MAF;
    }
}
