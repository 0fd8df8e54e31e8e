package org.robotphysicist.models.flow;

import java.util.List;
import org.robotphysicist.models.testing.FlowContractTest;

/** Rational-quadratic spline flow, x of dimension 8. */
class NsfEightDimensionalContractTest extends FlowContractTest {
    @Override
    protected FlowSpec spec() {
        return FlowSpec.nsf(8, 2, 2, List.of(64, 64), 8, 3.0);
    }
}
