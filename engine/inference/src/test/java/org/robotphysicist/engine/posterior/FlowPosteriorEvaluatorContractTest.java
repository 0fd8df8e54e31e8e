package org.robotphysicist.engine.posterior;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.TiledGridEvaluator;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.testing.SmallFlows;

/**
 * A trained flow's path (tiles of events through the flow's device reduction), with a small
 * untrained flow in float64 ({@link SmallFlows}), so the float64 tolerance applies; one subclass
 * per flow kind.
 */
abstract class FlowPosteriorEvaluatorContractTest extends PosteriorEvaluatorContractTest {
    private TrainedFlow flow;

    /** MAF or NSF. */
    abstract FlowSpec.Kind kind();

    @BeforeAll
    void build() {
        flow = SmallFlows.flow(kind(), 31, DataType.FLOAT64);
    }

    @AfterAll
    void close() {
        flow.close();
    }

    @Override
    protected PosteriorEvaluator evaluator(int tileRows) {
        return tileRows == 0 ? PosteriorEvaluator.forSurrogate(flow)
                : PosteriorEvaluator.of(new TiledGridEvaluator(flow, TilingConfig.fixed(tileRows)));
    }

    @Override
    protected Matrix events(int n, long seed) {
        return gaussianEvents(n, seed, 0.2, 1.3, -5.9, 5.9);
    }

    @Override
    protected double[] phi() {
        return new double[] {1.4};
    }
}
