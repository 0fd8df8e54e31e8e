package org.robotphysicist.engine.posterior;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.TemperedGridEvaluator;
import org.robotphysicist.models.TiledGridEvaluator;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.certificate.LikelihoodTempering;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.testing.SmallFlows;

/**
 * A tempered surrogate's evaluator ({@link TemperedGridEvaluator}) on a float64 MAF with
 * κ = 0.02: the expected sums are Σ<sub>i</sub> ℓ<sub>ij</sub> / τ, τ = 1 + κN, and so is the scale.
 */
class TemperedPosteriorEvaluatorContractTest extends PosteriorEvaluatorContractTest {
    private static final LikelihoodTempering TEMPERING = LikelihoodTempering.uniform(0.02);

    private TrainedSurrogate tempered;

    @BeforeAll
    void build() {
        tempered = TemperedSurrogate.of(SmallFlows.flow(FlowSpec.Kind.MAF, 51, DataType.FLOAT64), TEMPERING);
    }

    @AfterAll
    void close() {
        tempered.close();
    }

    @Override
    protected PosteriorEvaluator evaluator(int tileRows) {
        return tileRows == 0 ? PosteriorEvaluator.forSurrogate(tempered)
                : PosteriorEvaluator.of(new TemperedGridEvaluator(new TiledGridEvaluator(
                        TemperedSurrogate.untempered(tempered), TilingConfig.fixed(tileRows)), tempered, TEMPERING));
    }

    @Override
    protected double[][] expectedSums(SurrogateLikelihood surrogate, Matrix events, Matrix thetas, double[] phi) {
        double[][] untempered = super.expectedSums(surrogate, events, thetas, phi);
        double tau = TEMPERING.temperature(phi, events.rows());
        for (double[] row : untempered) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= tau;
            }
        }
        return untempered;
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
