package org.robotphysicist.models.flow;

import java.util.List;
import org.robotphysicist.models.testing.FlowContractTest;

/** Rational-quadratic spline flow, x of dimension 1. */
class NsfOneDimensionalContractTest extends FlowContractTest {
    @Override
    protected FlowSpec spec() {
        return FlowSpec.nsf(1, 2, 2, List.of(32, 32), 8, 3.0);
    }
}
