package org.robotphysicist.models.flow;

import java.util.List;
import org.robotphysicist.models.testing.FlowContractTest;

/** MAF, x of dimension 8, random orderings between layers. */
class MafEightDimensionalContractTest extends FlowContractTest {
    @Override
    protected FlowSpec spec() {
        return FlowSpec.maf(8, 3, 3, List.of(48, 48)).withOrdering(FlowSpec.Ordering.RANDOM, 11);
    }
}
