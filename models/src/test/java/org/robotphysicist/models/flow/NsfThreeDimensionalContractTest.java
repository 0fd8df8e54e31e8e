package org.robotphysicist.models.flow;

import java.util.List;
import org.robotphysicist.models.testing.FlowContractTest;

/** Rational-quadratic spline flow, x of dimension 3, reversed orderings, a narrow interval. */
class NsfThreeDimensionalContractTest extends FlowContractTest {
    @Override
    protected FlowSpec spec() {
        return FlowSpec.nsf(3, 1, 3, List.of(32), 6, 2.0);
    }
}
