package org.robotphysicist.engine.posterior;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.TiledGridEvaluator;
import org.robotphysicist.models.TilingConfig;

/** The generic tiled path ({@link TiledGridEvaluator}) on the toy Gaussian's exact likelihood, float64. */
class TiledPosteriorEvaluatorContractTest extends PosteriorEvaluatorContractTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final ExactLikelihood EXACT = new ExactLikelihood(TOY, Box.interval(-1, 1), Box.interval(0.5, 2));

    @Override
    protected PosteriorEvaluator evaluator(int tileRows) {
        return tileRows == 0 ? PosteriorEvaluator.forSurrogate(EXACT)
                : PosteriorEvaluator.of(new TiledGridEvaluator(EXACT, TilingConfig.fixed(tileRows)));
    }

    @Override
    protected Matrix events(int n, long seed) {
        return TOY.simulate(new double[] {0.3}, phi(), n, new SplittableRandom(seed));
    }

    @Override
    protected double[] phi() {
        return new double[] {1.3};
    }
}
