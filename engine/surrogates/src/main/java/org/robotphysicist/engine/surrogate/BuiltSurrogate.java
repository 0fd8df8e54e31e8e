package org.robotphysicist.engine.surrogate;

import java.util.Objects;
import java.util.Optional;
import org.robotphysicist.data.io.DeviceUsed;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * What a {@link SurrogateKindProvider} returns. A neural surrogate holds native memory and is
 * {@link AutoCloseable}; whoever receives it closes it.
 *
 * @param surrogate   the surrogate likelihood
 * @param kind        the kind's name
 * @param description one line saying what was built (for the output and its JSON)
 * @param gpuFellBack true when a GPU was requested for training and the CPU was used
 * @param scoreFit    how much of the simulator's joint scores the network's θ-score explains, measured where it was
 *                    trained with a score weight from a simulator that returns them ({@link ScoreFit}); empty
 *                    otherwise
 */
public record BuiltSurrogate(SurrogateLikelihood surrogate, String kind, String description, boolean gpuFellBack,
        Optional<ScoreFit> scoreFit) {

    public BuiltSurrogate {
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scoreFit, "score fit (Optional.empty() when none)");
    }

    /** A build without a {@link ScoreFit}. */
    public BuiltSurrogate(SurrogateLikelihood surrogate, String kind, String description, boolean gpuFellBack) {
        this(surrogate, kind, description, gpuFellBack, Optional.empty());
    }

    /**
     * A trained surrogate; whether a GPU request fell back to the CPU is the {@link DeviceUsed#fellBack()}
     * its provenance records (false where none is recorded).
     */
    public static BuiltSurrogate trained(TrainedSurrogate surrogate, String kind, String description) {
        DeviceUsed used = surrogate.provenance().device();
        return new BuiltSurrogate(surrogate, kind, description, used != null && used.fellBack());
    }

    /** ", regressing the joint scores (weight α)" for a description where α &gt; 0; "" otherwise. */
    public static String scoreText(double scoreWeight) {
        return scoreWeight > 0 ? String.format(java.util.Locale.ROOT, ", regressing the joint scores (weight %s)",
                java.math.BigDecimal.valueOf(scoreWeight).stripTrailingZeros().toPlainString()) : "";
    }

    /** The device {@code surrogate} was trained on, as its provenance records it ({@code ""} where none is). */
    public static String trainedOn(TrainedSurrogate surrogate) {
        DeviceUsed used = surrogate.provenance().device();
        return used == null ? "" : used.actual();
    }
}
