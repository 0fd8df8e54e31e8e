package org.robotphysicist.engine.posterior;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.SplitMlpGridEvaluator;
import org.robotphysicist.models.ratio.calibration.ScoreCalibration;

/**
 * The ratio classifier's split-first-layer path ({@link SplitMlpGridEvaluator}) on the CPU, with a
 * float32 3→32→32→32→1 network. Float32: against the classifier's own row-by-row forward pass only
 * the first layer's rounding order differs, a few float32 ulps per logit (≈ 7·10⁻⁸ measured), so
 * the tolerance is 10⁻⁶ of Σ<sub>i</sub> (1 + |ℓ<sub>ij</sub>|).
 */
class SplitMlpPosteriorEvaluatorContractTest extends PosteriorEvaluatorContractTest {
    private static final double FLOAT32_TOLERANCE = 1e-6;

    private ParameterizedRatioClassifier classifier;

    @BeforeAll
    void build() {
        classifier = SplitMlpPosteriorEvaluatorTest.classifier(ScoreCalibration.none());
    }

    @AfterAll
    void close() {
        classifier.close();
    }

    @Override
    protected PosteriorEvaluator evaluator(int tileRows) {
        return tileRows == 0 ? PosteriorEvaluator.forSurrogate(classifier)
                : PosteriorEvaluator.of(new SplitMlpGridEvaluator(classifier, TilingConfig.fixed(tileRows)));
    }

    @Override
    protected double tolerance() {
        return FLOAT32_TOLERANCE;
    }

    @Override
    protected Matrix events(int n, long seed) {
        return gaussianEvents(n, seed, 0.3, 1.1, -5.9, 5.9);
    }

    @Override
    protected double[] phi() {
        return new double[] {1.3};
    }
}
