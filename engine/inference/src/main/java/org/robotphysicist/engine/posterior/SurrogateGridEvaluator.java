package org.robotphysicist.engine.posterior;

import java.util.List;
import java.util.Objects;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A surrogate's {@link GridEvaluator} as the engine's {@link PosteriorEvaluator}: every call goes
 * to it unchanged; an ensemble's member evaluators are wrapped once, in member order.
 */
final class SurrogateGridEvaluator implements PosteriorEvaluator {
    private final GridEvaluator evaluator;
    private final List<PosteriorEvaluator> members;

    SurrogateGridEvaluator(GridEvaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "grid evaluator");
        this.members = evaluator.members().stream().map(PosteriorEvaluator::of).toList();
    }

    @Override
    public SurrogateLikelihood surrogate() {
        return evaluator.surrogate();
    }

    @Override
    public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
        return evaluator.logLikelihoodSums(events, thetas, phi);
    }

    @Override
    public double[][] logLikelihoodSums(List<Matrix> datasets, Matrix thetas, double[] phi) {
        return evaluator.logLikelihoodSums(datasets, thetas, phi);
    }

    @Override
    public String device() {
        return evaluator.device();
    }

    @Override
    public List<PosteriorEvaluator> members() {
        return members;
    }

    /** The wrapped evaluator. */
    GridEvaluator gridEvaluator() {
        return evaluator;
    }

    @Override
    public String toString() {
        return evaluator.toString();
    }
}
