package org.robotphysicist.models.flow;

import java.util.List;
import org.robotphysicist.models.testing.FlowContractTest;

/** MAF, x of dimension 1: the conditioner sees the context only. */
class MafOneDimensionalContractTest extends FlowContractTest {
    @Override
    protected FlowSpec spec() {
        return FlowSpec.maf(1, 2, 3, List.of(32, 32));
    }
}
