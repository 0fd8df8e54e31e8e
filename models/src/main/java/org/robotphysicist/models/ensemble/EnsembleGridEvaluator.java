package org.robotphysicist.models.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.TiledGridEvaluator;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.certificate.LikelihoodTempering;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The grid evaluator of a {@link SurrogateEnsemble}: its own sums are those of the ensemble's
 * per-event mixture density log p̄(x | θ, φ) (what a single-likelihood consumer such as an
 * expected-information-gain estimate uses), and it carries one evaluator per member
 * ({@link #members()}, each the member's own {@link SurrogateLikelihood#gridEvaluator}), from which
 * a posterior is built as the equal-weight mixture of the member posteriors and the members' spread
 * is reported. Tempering it ({@link #tempered}) tempers the mixture density and every member.
 * Thread-safe when the members' evaluators are.
 */
public final class EnsembleGridEvaluator implements GridEvaluator {
    private final SurrogateEnsemble ensemble;
    private final GridEvaluator mixtureDensity;
    private final List<GridEvaluator> members;

    /** Evaluators for {@code ensemble} and each of its members, checking {@code cancellation} before every tile. */
    public EnsembleGridEvaluator(SurrogateEnsemble ensemble, Cancellation cancellation) {
        this(ensemble, new TiledGridEvaluator(ensemble, TilingConfig.automatic(), cancellation),
                memberEvaluators(ensemble, cancellation));
    }

    /**
     * From explicit evaluators (for example with fixed tiles).
     *
     * @param ensemble       the ensemble reported by {@link #surrogate()}
     * @param mixtureDensity sums of the ensemble's per-event mixture density
     * @param members        one evaluator per member, in member order
     */
    public EnsembleGridEvaluator(SurrogateEnsemble ensemble, GridEvaluator mixtureDensity,
            List<? extends GridEvaluator> members) {
        if (members.size() != ensemble.size()) {
            throw new InvalidInputException("ensemble evaluator: expected one evaluator per"
                    + " member (" + ensemble.size() + ") but found " + members.size());
        }
        this.ensemble = ensemble;
        this.mixtureDensity = mixtureDensity;
        this.members = List.copyOf(members);
    }

    private static List<GridEvaluator> memberEvaluators(SurrogateEnsemble ensemble, Cancellation cancellation) {
        List<GridEvaluator> each = new ArrayList<>();
        for (TrainedSurrogate m : ensemble.members()) {
            each.add(m.gridEvaluator(cancellation));
        }
        return each;
    }

    /**
     * The mixture density's sums and every member's divided by τ(φ, N); the evaluator still reports
     * the ensemble as its surrogate, and its members their own surrogates.
     */
    @Override
    public GridEvaluator tempered(LikelihoodTempering tempering, SurrogateLikelihood reported) {
        if (tempering.isNone()) {
            return this;
        }
        List<GridEvaluator> each = new ArrayList<>();
        for (GridEvaluator m : members) {
            each.add(m.tempered(tempering, m.surrogate()));
        }
        return new EnsembleGridEvaluator(ensemble, mixtureDensity.tempered(tempering, ensemble), each);
    }

    @Override
    public SurrogateEnsemble surrogate() {
        return ensemble;
    }

    /** One evaluator per member, in member order. */
    @Override
    public List<GridEvaluator> members() {
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
        return "EnsembleGridEvaluator(" + members.size() + " members, " + members.get(0) + ")";
    }
}
