package org.robotphysicist.training.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.training.ScoreRegressionObjective;
import org.robotphysicist.training.TrainingLoopConfig;

/**
 * How a conditional flow surrogate is trained by {@link FlowTrainer}. Immutable, validated,
 * round-trips through JSON.
 *
 * @param network            the flow's architecture; its x dimension must be the simulator's
 *                           D<sub>x</sub> and its context dimension D<sub>θ</sub> + D<sub>φ</sub>
 * @param trainingRows       simulated rows (x, θ, φ), ≥ 4 (the validation split is taken from them)
 * @param eventsPerParameter events simulated per (θ, φ) draw, ≥ 1 (1 gives every row its own θ)
 * @param dataSeed           seed of the simulation
 * @param training           the optimizer loop ({@link TrainingLoopConfig}, whose seed drives
 *                           initialization, split and shuffles)
 * @param scoreWeight        α ≥ 0, the weight of the joint-score regression in the loss
 *                           ({@link ScoreRegressionObjective}); 0 trains by maximum likelihood alone,
 *                           &gt; 0 needs a simulator that returns joint scores
 *                           ({@link org.robotphysicist.data.simulator.JointScoreSimulator})
 */
public record FlowTrainingConfig(FlowSpec network, int trainingRows, int eventsPerParameter, long dataSeed,
        TrainingLoopConfig training, double scoreWeight) {

    public FlowTrainingConfig {
        if (network == null || training == null) {
            throw new InvalidInputException("flow training config: expected a flow architecture and a training config"
                    + " but found " + network + " and " + training);
        }
        if (trainingRows < 4) {
            throw new InvalidInputException("flow training rows: expected at least 4 but found " + trainingRows);
        }
        Require.positive("events per parameter draw", eventsPerParameter);
        ScoreRegressionObjective.requireWeight(scoreWeight);
    }

    /** Reads JSON written before the score weight existed as maximum likelihood alone (weight 0). */
    @JsonCreator
    private static FlowTrainingConfig fromJson(@JsonProperty("network") FlowSpec network,
            @JsonProperty("trainingRows") int trainingRows, @JsonProperty("eventsPerParameter") int eventsPerParameter,
            @JsonProperty("dataSeed") long dataSeed, @JsonProperty("training") TrainingLoopConfig training,
            @JsonProperty("scoreWeight") Double scoreWeight) {
        return new FlowTrainingConfig(network, trainingRows, eventsPerParameter, dataSeed, training,
                scoreWeight == null ? 0 : scoreWeight);
    }

    /** Maximum likelihood alone (score weight 0). */
    public FlowTrainingConfig(FlowSpec network, int trainingRows, int eventsPerParameter, long dataSeed,
            TrainingLoopConfig training) {
        this(network, trainingRows, eventsPerParameter, dataSeed, training, 0);
    }

    /** Whether the loss regresses the flow's score on the simulator's joint scores. */
    public boolean regressesScores() {
        return scoreWeight > 0;
    }

    /**
     * Defaults for x of dimension {@code xDim} and a context of {@code contextDim} = D<sub>θ</sub> + D<sub>φ</sub>:
     * MAF with 5 layers of MADE 2 × 64, or NSF with 3 layers of MADE 2 × 64, 8 bins on [−3, 3];
     * 100 000 rows with one event per θ, data seed 1, {@link TrainingLoopConfig#defaults()}.
     */
    public static FlowTrainingConfig defaults(FlowSpec.Kind kind, int xDim, int contextDim) {
        FlowSpec spec = kind == FlowSpec.Kind.MAF ? FlowSpec.maf(xDim, contextDim, 5, List.of(64, 64))
                : FlowSpec.nsf(xDim, contextDim, 3, List.of(64, 64), FlowSpec.DEFAULT_BINS, FlowSpec.DEFAULT_TAIL_BOUND);
        return new FlowTrainingConfig(spec, 100_000, 1, 1, TrainingLoopConfig.defaults());
    }

    public FlowTrainingConfig withNetwork(FlowSpec spec) {
        return new FlowTrainingConfig(spec, trainingRows, eventsPerParameter, dataSeed, training, scoreWeight);
    }

    public FlowTrainingConfig withData(int rows, int perParameter, long seed) {
        return new FlowTrainingConfig(network, rows, perParameter, seed, training, scoreWeight);
    }

    public FlowTrainingConfig withTraining(TrainingLoopConfig t) {
        return new FlowTrainingConfig(network, trainingRows, eventsPerParameter, dataSeed, t, scoreWeight);
    }

    /** The same with score weight {@code alpha} (0: maximum likelihood alone). */
    public FlowTrainingConfig withScoreWeight(double alpha) {
        return new FlowTrainingConfig(network, trainingRows, eventsPerParameter, dataSeed, training, alpha);
    }
}
