package org.robotphysicist.engine.design.bo;

/** Which acquisition function the optimizer maximizes. */
public enum AcquisitionKind {
    /** {@link org.robotphysicist.engine.design.acquisition.LogExpectedImprovement}. */
    LOG_EXPECTED_IMPROVEMENT,
    /** {@link org.robotphysicist.engine.design.acquisition.UpperConfidenceBound}. */
    UPPER_CONFIDENCE_BOUND
}
