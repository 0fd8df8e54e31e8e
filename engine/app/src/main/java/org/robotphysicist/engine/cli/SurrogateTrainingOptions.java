package org.robotphysicist.engine.cli;

import java.time.Duration;
import org.robotphysicist.engine.surrogate.ClassifierSurrogateKind;
import org.robotphysicist.engine.surrogate.FlowSurrogateKind;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.training.TimeBudgets;
import org.robotphysicist.training.ratio.RatioTrainingConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The training controls of a neural surrogate on the command line ({@code rp train},
 * {@code rp design}): rows always, the epochs and the rest left to the kind's defaults unless given
 * ({@link SurrogateTrainingConfig}); {@code --no-evidence-normalization} switches the classifier's per-θ
 * normalization off and {@code --contrast} and {@code --contrast-odds} set its contrastive loss (all refused for
 * other kinds), and
 * {@code --score-weight} sets the neural kinds' joint-score regression (refused for tabulated kinds).
 */
final class SurrogateTrainingOptions {
    @Option(names = "--training-rows", paramLabel = "N",
            description = "Simulated rows a neural surrogate trains on (default ${DEFAULT-VALUE}).")
    int rows = SurrogateTrainingConfig.DEFAULT_ROWS;

    @Option(names = "--epochs", paramLabel = "E", description = "Most training epochs (default "
            + SurrogateTrainingConfig.DEFAULT_EPOCHS + "; rp design trains an nsf for "
            + FlowSurrogateKind.Nsf.DESIGN_EPOCHS + ").")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Rows per mini-batch (default: the kind's, 512).")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "ETA",
            description = "Adam's base learning rate, decayed by a cosine schedule (default: the kind's).")
    Double learningRate;

    @Option(names = "--hidden-layers", paramLabel = "L",
            description = "Hidden layers of each network (default: the kind's, 3 for classifier, 2 per flow block).")
    Integer hiddenLayers;

    @Option(names = "--hidden-width", paramLabel = "W",
            description = "Units per hidden layer (default: the kind's, 64).")
    Integer hiddenWidth;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Share of rows held out to keep the best epoch, in [0, 0.5] (default: the kind's).")
    Double validationFraction;

    @Option(names = "--patience", paramLabel = "P",
            description = "Epochs without a validation improvement before stopping; 0 never stops early (default:"
                    + " the kind's, 0).")
    Integer patience;

    @Option(names = "--gradient-clip", paramLabel = "C",
            description = "Largest global L2 norm of a training step's gradient over all the network's parameters;"
                    + " a longer one is scaled down to C, and each epoch's progress line counts the steps clipped;"
                    + " 0 never clips (default: " + (int) FlowSurrogateKind.SCORE_REGRESSION_GRADIENT_CLIP + " for a"
                    + " maf or nsf trained with a score weight, otherwise none).")
    Double gradientClip;

    @Option(names = "--time-budget", paramLabel = "DURATION",
            description = "Most wall time for training, e.g. 90s, 5m, 1h30m: each network stops after the epoch in"
                    + " which its share ran out, keeping its best-validation epoch, and says so (default: none).")
    String timeBudget;

    @Option(names = "--ensemble", paramLabel = "K",
            description = "Train K networks of a neural kind with independent seeds and simulated rows; the"
                    + " posterior is the mixture of their posteriors, printed with their spread (default"
                    + " ${DEFAULT-VALUE}: one network).")
    int ensemble = 1;

    @Option(names = "--score-weight", paramLabel = "ALPHA",
            description = "classifier, maf and nsf: weight of the regression of the network's theta-score on the"
                    + " joint scores of a simulator that returns them (weinberg-lo does), or of event files that carry"
                    + " them (rp simulate --joint-scores); 0 trains by the kind's"
                    + " likelihood or cross-entropy alone (default 0; rp design trains a classifier with "
                    + (int) ClassifierSurrogateKind.DESIGN_SCORE_WEIGHT + ", a maf with "
                    + (int) FlowSurrogateKind.Maf.DESIGN_SCORE_WEIGHT + " and an nsf with "
                    + (int) FlowSurrogateKind.Nsf.DESIGN_SCORE_WEIGHT + " where the simulator returns joint scores).")
    Double scoreWeight;

    @Option(names = "--contrast", paramLabel = "K",
            description = "classifier only: candidate parameters each event is contrasted with in the contrastive"
                    + " cross-entropy, 1 to " + RatioTrainingConfig.Contrast.MAX_CLASSES + "; each training step"
                    + " evaluates K + 1 pairs per event instead of 2 (default 1: one positive and one negative per"
                    + " event).")
    Integer contrast;

    @Option(names = "--contrast-odds", paramLabel = "GAMMA",
            description = "classifier only: odds gamma > 0 with which the contrastive cross-entropy weighs an event's K"
                    + " joint classes against its marginal one; every gamma has the same optimum, the"
                    + " likelihood-to-evidence ratio, and changes only how much each class's rows weigh (default 1).")
    Double contrastOdds;

    @CommandLine.Mixin
    EvidenceNormalizationOption evidenceNormalization;

    /** The controls these options spell, with {@code seed}; the normalization is set only when switched off. */
    SurrogateTrainingConfig toControls(long seed) {
        Duration budget = timeBudget == null ? null : TimeBudgets.parse(timeBudget);
        return SurrogateTrainingConfig.builder(rows, epochs, seed).batchSize(batchSize).learningRate(learningRate)
                .hiddenLayers(hiddenLayers).hiddenWidth(hiddenWidth).validationFraction(validationFraction)
                .patience(patience).timeBudget(budget).ensembleMembers(ensemble)
                .evidenceNormalization(evidenceNormalization.value()).scoreWeight(scoreWeight).contrast(contrast)
                .contrastOdds(contrastOdds).gradientClip(gradientClip).build();
    }
}
