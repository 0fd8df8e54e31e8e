package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.compute.Cancellation;
import org.robotphysicist.models.certificate.LikelihoodTempering;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The evaluator of a {@link SurrogateEnsemble}: as a {@link PosteriorEvaluator} it sums the
 * ensemble's per-event mixture density log p̄(x | θ, φ) (what a single-likelihood consumer such
 * as an expected-information-gain estimate uses), and it carries one evaluator per member
 * ({@link #members()}, each the fastest for its kind), from which {@link SurrogatePosterior} builds
 * the ensemble's posterior: the equal-weight mixture of the member posteriors
 * ({@link GridPosterior#mixture}). Thread-safe when the members' evaluators are.
 */
public final class EnsemblePosteriorEvaluator implements PosteriorEvaluator {
    private final SurrogateEnsemble ensemble;
    private final PosteriorEvaluator mixtureDensity;
    private final List<PosteriorEvaluator> members;

    /** Evaluators for {@code ensemble} and each of its members, checking {@code cancellation} before every tile. */
    public EnsemblePosteriorEvaluator(SurrogateEnsemble ensemble, Cancellation cancellation) {
        this(ensemble, LikelihoodTempering.none(), cancellation);
    }

    /**
     * As {@link #EnsemblePosteriorEvaluator(SurrogateEnsemble, Cancellation)} with every member's
     * sums, and the mixture density's, tempered by {@code tempering} ({@link TemperedPosteriorEvaluator}).
     */
    public EnsemblePosteriorEvaluator(SurrogateEnsemble ensemble, LikelihoodTempering tempering,
            Cancellation cancellation) {
        this.ensemble = ensemble;
        this.mixtureDensity = tempered(new TiledPosteriorEvaluator(ensemble, TilingConfig.automatic(), cancellation),
                tempering);
        List<PosteriorEvaluator> each = new ArrayList<>();
        for (TrainedSurrogate m : ensemble.members()) {
            each.add(tempered(PosteriorEvaluator.forSurrogate(m, cancellation), tempering));
        }
        this.members = List.copyOf(each);
    }

    private static PosteriorEvaluator tempered(PosteriorEvaluator e, LikelihoodTempering tempering) {
        return tempering.isNone() ? e : new TemperedPosteriorEvaluator(e, e.surrogate(), tempering);
    }

    @Override
    public SurrogateEnsemble surrogate() {
        return ensemble;
    }

    /** One evaluator per member, in member order. */
    public List<PosteriorEvaluator> members() {
        return members;
    }

    /** Σ<sub>i</sub> log p̄(x<sub>i</sub> | θ<sub>j</sub>, φ) with the per-event mixture density. */
    @Override
    public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
        return mixtureDensity.logLikelihoodSums(events, thetas, phi);
    }

    @Override
    public String device() {
        return members.get(0).device();
    }

    @Override
    public String toString() {
        return "EnsemblePosteriorEvaluator(" + members.size() + " members, " + members.get(0) + ")";
    }
}
