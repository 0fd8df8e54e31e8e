package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.TiledGridEvaluator;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.ensemble.EnsembleGridEvaluator;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.testing.SmallFlows;

/**
 * A surrogate ensemble's evaluator ({@link EnsembleGridEvaluator}) of two float64 NSFs from
 * different seeds: its own sums are the per-event mixture density's, and each of its
 * {@link PosteriorEvaluator#members()} passes the same sums check against its member.
 */
class EnsemblePosteriorEvaluatorContractTest extends PosteriorEvaluatorContractTest {
    private SurrogateEnsemble ensemble;

    @BeforeAll
    void build() {
        ensemble = SurrogateEnsemble.of(List.of(SmallFlows.flow(FlowSpec.Kind.NSF, 41, DataType.FLOAT64),
                SmallFlows.flow(FlowSpec.Kind.NSF, 42, DataType.FLOAT64)));
    }

    @AfterAll
    void close() {
        ensemble.close();
    }

    @Override
    protected PosteriorEvaluator evaluator(int tileRows) {
        if (tileRows == 0) {
            return PosteriorEvaluator.forSurrogate(ensemble);
        }
        TilingConfig tiles = TilingConfig.fixed(tileRows);
        List<GridEvaluator> members = new ArrayList<>();
        for (TrainedSurrogate m : ensemble.members()) {
            members.add(new TiledGridEvaluator(m, tiles));
        }
        return PosteriorEvaluator.of(new EnsembleGridEvaluator(ensemble, new TiledGridEvaluator(ensemble, tiles),
                members));
    }

    @Override
    protected Matrix events(int n, long seed) {
        return gaussianEvents(n, seed, 0.2, 1.3, -5.9, 5.9);
    }

    @Override
    protected double[] phi() {
        return new double[] {1.4};
    }

    @Test
    void eachMemberEvaluatorSumsItsMembersLogLikelihood() {
        PosteriorEvaluator e = evaluator(0);
        assertEquals(ensemble.size(), e.members().size(), "one evaluator per member");
        Matrix x = events(EVENTS, 6);
        Matrix thetas = thetas(ensemble, THETAS);
        for (int k = 0; k < ensemble.size(); k++) {
            PosteriorEvaluator member = e.members().get(k);
            assertEquals(ensemble.members().get(k), member.surrogate(), "member " + k + "'s surrogate");
            double[][] expected = expectedSums(member.surrogate(), x, thetas, phi());
            assertSums("member " + k, expected[0], expected[1], member.logLikelihoodSums(x, thetas, phi()));
        }
    }
}
