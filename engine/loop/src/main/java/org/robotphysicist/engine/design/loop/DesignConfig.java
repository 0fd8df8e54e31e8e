package org.robotphysicist.engine.design.loop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;

/**
 * Settings of an {@link ExperimentDesigner} run; validated here as far as they do not depend on
 * the simulator (the designer checks the ranges against its domains). Round-trips to JSON.
 *
 * @param rounds              R ≥ 1, experiments to design and run
 * @param phiLower            lower corner of the φ range searched, length D<sub>φ</sub>
 * @param phiUpper            upper corner, each &gt; the lower one
 * @param thetaLower          lower corner of the uniform initial prior on θ (and of the θ grid), length D<sub>θ</sub>
 * @param thetaUpper          upper corner, each &gt; the lower one
 * @param gridPoints          θ grid points per dimension (≥ 2): posteriors, entropies and EIG live on it
 * @param experiment          how much data each experiment records
 * @param extendedLikelihood  include the Poisson rate term under a fixed luminosity ({@code ExperimentLikelihood})
 * @param eigDatasets         K ≥ 2 simulated datasets per EIG estimate
 * @param evaluationsPerRound EIG estimates the Bayesian optimizer may spend per round (≥ initialPoints)
 * @param initialPoints       of which the first come from a space-filling design (≥ 1)
 * @param commonRandomNumbers whether every EIG estimate within a round reuses the same random stream, so
 *                            that differences between settings are far less noisy than the estimates
 * @param verifications       k ≥ 0: before each round's choice, k evaluated settings — those of highest GP mean
 *                            and of highest estimate, in turn — are re-estimated with an independent stream and the
 *                            best re-estimate is chosen ({@code EigSearch#verify}; k more estimates per round, one
 *                            more with {@code verifyRival});
 *                            0 chooses by the GP mean alone.
 *                            Absent in histories written before verification, which then read as 0 (as they ran)
 * @param surrogate           the surrogate kind that stands in for the likelihood, by name
 *                            ({@link org.robotphysicist.engine.surrogate.SurrogateRegistry}); built once over the θ
 *                            range × φ range before round 1
 * @param histogram           histogram surrogate settings (used when {@code surrogate} is the histogram)
 * @param training            training controls of a neural kind (rows, epochs, ...; absent in histories written
 *                            before neural kinds could drive the loop, which then read as the defaults); their
 *                            seed is ignored, the surrogate's seed follows from {@code seed}
 * @param modelFile           a model file the surrogate is read from instead of being built (reused every round,
 *                            also on resume), or {@code null}; {@code surrogate} then names the file's kind
 * @param seed                master seed of every random stream
 * @param target              the θ components the EIG is about, by name, the others marginalized as
 *                            nuisances; {@code null} (also in histories written before it existed): all of θ
 * @param refineRows          sequential refinement of a neural surrogate: before every round after the first, the
 *                            surrogate is retrained on all simulations so far plus this many new ones whose θ are
 *                            drawn from the current posterior ({@link SurrogateRefinement}); {@code null} (also in
 *                            histories written before refinement existed): the surrogate of round 1 serves every
 *                            round. At least {@link SurrogateTrainingConfig#MIN_ROWS}. With a model file, round 1 uses
 *                            the file and each later round fine-tunes the previous round's network on its new
 *                            rows alone, starting from its weights
 * @param verificationDatasets K<sub>v</sub> ≥ 2 simulated datasets per re-estimate of the verification
 *                            ({@link #VERIFICATION_DATASETS_FACTOR} · K by default); absent in histories written
 *                            before it existed, which then read as K (as they ran)
 * @param verifyRival         whether the verification also re-estimates the best setting of another maximum of
 *                            the GP mean, at least {@code EigSearch#RIVAL_SEPARATION} of the range from the others
 *                            ({@code true} by default; absent in histories written before it existed, which then
 *                            read as {@code false}, as they ran)
 */
public record DesignConfig(int rounds, double[] phiLower, double[] phiUpper, double[] thetaLower, double[] thetaUpper,
        int gridPoints, ExperimentSpec experiment, boolean extendedLikelihood, int eigDatasets,
        int evaluationsPerRound, int initialPoints, boolean commonRandomNumbers, Integer verifications,
        String surrogate, HistogramGridConfig histogram, SurrogateTrainingConfig training, String modelFile, long seed,
        List<String> target, Integer refineRows, Integer verificationDatasets, Boolean verifyRival) {

    /** Training controls of a neural kind when none are given: {@link SurrogateTrainingConfig#defaults}. */
    public static final SurrogateTrainingConfig DEFAULT_TRAINING = SurrogateTrainingConfig.defaults(0);
    /** Settings re-estimated before each round's choice unless configured otherwise. */
    public static final int DEFAULT_VERIFICATIONS = 3;

    /**
     * Simulated datasets per re-estimate of the verification, as a multiple of those per search
     * estimate, unless a design names another number: a re-estimate half as noisy as a search
     * estimate, so that a rival maximum is no coin toss (benchmarks/README.md, "A rival maximum,
     * re-estimated precisely").
     */
    public static final int VERIFICATION_DATASETS_FACTOR = 4;

    /** Simulated datasets per EIG estimate unless a design names another number. */
    public static final int DEFAULT_EIG_DATASETS = 128;

    public DesignConfig {
        if (rounds < 1) {
            throw new InvalidInputException("rounds: expected at least 1 experiment to design but found " + rounds);
        }
        phiLower = box("phi range", phiLower, phiUpper).lower();
        phiUpper = phiUpper.clone();
        thetaLower = box("theta prior range", thetaLower, thetaUpper).lower();
        thetaUpper = thetaUpper.clone();
        if (gridPoints < 2) {
            throw new InvalidInputException("theta grid points: expected at least 2 per dimension but found "
                    + gridPoints);
        }
        Objects.requireNonNull(experiment, "experiment");
        if (eigDatasets < 2) {
            throw new InvalidInputException("EIG datasets: expected at least 2 (for a standard error) but found "
                    + eigDatasets);
        }
        if (initialPoints < 1 || evaluationsPerRound < initialPoints) {
            throw new InvalidInputException("EIG evaluations per round: expected 1 <= initial points <= evaluations but"
                    + " found " + initialPoints + " initial and " + evaluationsPerRound + " in all");
        }
        if (surrogate == null || !surrogate.toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9-]*")) {
            throw new InvalidInputException("surrogate: expected a kind name such as 'histogram' or 'nsf' but found '"
                    + surrogate + "'");
        }
        surrogate = surrogate.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(histogram, "histogram settings");
        training = training == null ? DEFAULT_TRAINING : training.withSeed(0);
        if (modelFile != null && modelFile.isBlank()) {
            throw new InvalidInputException("model file: expected a path or none but found a blank string");
        }
        verifications = verifications == null ? 0 : verifications;
        if (verifications < 0) {
            throw new InvalidInputException("EIG verifications: expected 0 (none) or more settings to re-estimate per"
                    + " round but found " + verifications);
        }
        verificationDatasets = verificationDatasets == null ? eigDatasets : verificationDatasets;
        if (verificationDatasets < 2) {
            throw new InvalidInputException("EIG verification datasets: expected at least 2 simulated datasets per"
                    + " re-estimate (for a standard error) but found " + verificationDatasets);
        }
        verifyRival = verifyRival != null && verifyRival;
        if (target != null) {
            target = List.copyOf(target);
            if (target.isEmpty()) {
                target = null;
            } else if (new java.util.HashSet<>(target).size() != target.size()) {
                throw new InvalidInputException("EIG target: expected distinct theta components but found " + target);
            }
        }
        if (refineRows != null) {
            if (refineRows < SurrogateTrainingConfig.MIN_ROWS) {
                throw new InvalidInputException("refinement rows: expected at least " + SurrogateTrainingConfig.MIN_ROWS
                        + " simulations added per round but found " + refineRows);
            }
            if (training != null && training.trainsEnsemble()) {
                throw new InvalidInputException("refinement: expected one network per round but found an ensemble of "
                        + training.ensembleMembers() + " (refining ensembles is not supported; drop --ensemble or"
                        + " --refine)");
            }
        }
    }

    private static Box box(String what, double[] lower, double[] upper) {
        if (lower == null || upper == null || lower.length != upper.length || lower.length == 0) {
            throw new InvalidInputException(what + ": expected lower and upper corners of equal, non-zero length but"
                    + " found " + Arrays.toString(lower) + " and " + Arrays.toString(upper));
        }
        for (int d = 0; d < lower.length; d++) {
            if (!Double.isFinite(lower[d]) || !Double.isFinite(upper[d]) || !(lower[d] < upper[d])) {
                throw new InvalidInputException(what + " dimension " + d + ": expected finite lower < upper but found ["
                        + lower[d] + ", " + upper[d] + "]");
            }
        }
        return new Box(lower, upper);
    }

    /** The φ box searched. */
    public Box phiRange() {
        return new Box(phiLower, phiUpper);
    }

    /** The θ box of the initial prior and the grid. */
    public Box thetaRange() {
        return new Box(thetaLower, thetaUpper);
    }

    @Override
    public double[] phiLower() {
        return phiLower.clone();
    }

    @Override
    public double[] phiUpper() {
        return phiUpper.clone();
    }

    @Override
    public double[] thetaLower() {
        return thetaLower.clone();
    }

    @Override
    public double[] thetaUpper() {
        return thetaUpper.clone();
    }

    /**
     * For 1-D θ and φ: 5 rounds of 200 events, 201 grid points, extended likelihood, 128 datasets per
     * EIG, 12 EIG evaluations per round of which 4 from the design, common random numbers, 3 settings
     * and a rival re-estimated with 512 datasets each before each choice, the
     * histogram surrogate with {@link HistogramGridConfig#defaults()} and {@link #DEFAULT_TRAINING}, no model
     * file, seed 20261122, the EIG about all of θ, no refinement. Call sites start here and change what
     * they need with the {@code with…} methods, e.g. {@code defaults(theta, phi).withRounds(3).withSeed(7)}.
     */
    public static DesignConfig defaults(Box thetaRange, Box phiRange) {
        return new DesignConfig(5, phiRange.lower(), phiRange.upper(), thetaRange.lower(), thetaRange.upper(), 201,
                ExperimentSpec.events(200), true, DEFAULT_EIG_DATASETS, 12, 4, true, DEFAULT_VERIFICATIONS, "histogram",
                HistogramGridConfig.defaults(), DEFAULT_TRAINING, null, 20261122L, null, null,
                VERIFICATION_DATASETS_FACTOR * DEFAULT_EIG_DATASETS, true);
    }

    public DesignConfig withRounds(int r) {
        return new DesignConfig(r, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications, surrogate,
                histogram, training, modelFile, seed, target, refineRows, verificationDatasets, verifyRival);
    }

    public DesignConfig withExperiment(ExperimentSpec e) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, e, extendedLikelihood,
                eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications,
                surrogate, histogram, training, modelFile, seed, target, refineRows, verificationDatasets, verifyRival);
    }

    public DesignConfig withGridPoints(int m) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, m, experiment, extendedLikelihood,
                eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications,
                surrogate, histogram, training, modelFile, seed, target, refineRows, verificationDatasets, verifyRival);
    }

    /**
     * K datasets per estimate, {@code evaluations} estimates per round of which {@code initial} from the
     * design, and {@link #VERIFICATION_DATASETS_FACTOR} · K per re-estimate (change that after this
     * with {@link #withVerification}).
     */
    public DesignConfig withEig(int datasets, int evaluations, int initial) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, datasets, evaluations, initial, commonRandomNumbers, verifications,
                surrogate, histogram, training, modelFile, seed, target, refineRows,
                Math.multiplyExact(VERIFICATION_DATASETS_FACTOR, datasets), verifyRival);
    }

    public DesignConfig withSurrogate(String kind, HistogramGridConfig h) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications, kind, h,
                training, modelFile, seed, target, refineRows, verificationDatasets, verifyRival);
    }

    /**
     * The same with the surrogate read from {@code path}, a model file of kind {@code kind}, every round
     * ({@code path} null: the surrogate of kind {@code kind} is built instead).
     */
    public DesignConfig withModelFile(String kind, String path) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications, kind,
                histogram, training, path, seed, target, refineRows, verificationDatasets, verifyRival);
    }

    /** The same with a neural kind's training controls (their seed is replaced by one derived from {@link #seed}). */
    public DesignConfig withTraining(SurrogateTrainingConfig t) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications, surrogate,
                histogram, t, modelFile, seed, target, refineRows, verificationDatasets, verifyRival);
    }

    /** The same re-estimating {@code k} settings before each round's choice (0: none). */
    public DesignConfig withVerifications(int k) {
        return withVerification(k, verificationDatasets, verifyRival);
    }

    /**
     * The same re-estimating {@code k} settings before each round's choice (0: none), each with
     * {@code datasets} simulated datasets, and with {@code rival} the best setting of another maximum
     * as well ({@code EigSearch#verify}).
     */
    public DesignConfig withVerification(int k, int datasets, boolean rival) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, k, surrogate,
                histogram, training, modelFile, seed, target, refineRows, datasets, rival);
    }

    public DesignConfig withExtendedLikelihood(boolean extended) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment, extended,
                eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications,
                surrogate, histogram, training, modelFile, seed, target, refineRows, verificationDatasets, verifyRival);
    }

    public DesignConfig withSeed(long s) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications, surrogate,
                histogram, training, modelFile, s, target, refineRows, verificationDatasets, verifyRival);
    }

    /**
     * The same with the EIG about the θ components named in {@code names} only, the others
     * marginalized as nuisances; {@code null} or empty: all of θ.
     */
    public DesignConfig withTarget(List<String> names) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications, surrogate,
                histogram, training, modelFile, seed, names, refineRows, verificationDatasets, verifyRival);
    }

    /**
     * The same refining the surrogate every round with {@code rows} new simulations whose θ come from
     * the posterior so far ({@code null}: no refinement).
     */
    public DesignConfig withRefinement(Integer rows) {
        return new DesignConfig(rounds, phiLower, phiUpper, thetaLower, thetaUpper, gridPoints, experiment,
                extendedLikelihood, eigDatasets, evaluationsPerRound, initialPoints, commonRandomNumbers, verifications,
                surrogate, histogram, training, modelFile, seed, target, rows, verificationDatasets, verifyRival);
    }

    /** Whether the surrogate is retrained every round ({@link #refineRows()} set). */
    public boolean refines() {
        return refineRows != null;
    }

    /**
     * The indices of {@link #target} among the simulator's θ names (all of θ when none is set).
     *
     * @throws InvalidInputException for a name θ does not have
     */
    public int[] targetIndices(org.robotphysicist.data.Dimensions dims) {
        List<String> names = dims.thetaNames();
        if (target == null) {
            return java.util.stream.IntStream.range(0, names.size()).toArray();
        }
        int[] out = new int[target.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.indexOf(target.get(i));
            if (out[i] < 0) {
                throw new InvalidInputException("EIG target: expected theta components among " + names + " but found '"
                        + target.get(i) + "'");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DesignConfig c && c.rounds == rounds && Arrays.equals(c.phiLower, phiLower)
                && Arrays.equals(c.phiUpper, phiUpper) && Arrays.equals(c.thetaLower, thetaLower)
                && Arrays.equals(c.thetaUpper, thetaUpper) && c.gridPoints == gridPoints
                && c.experiment.equals(experiment) && c.extendedLikelihood == extendedLikelihood
                && c.eigDatasets == eigDatasets && c.evaluationsPerRound == evaluationsPerRound
                && c.initialPoints == initialPoints && c.commonRandomNumbers == commonRandomNumbers
                && c.verifications.equals(verifications)
                && c.surrogate.equals(surrogate) && c.histogram.equals(histogram) && c.training.equals(training)
                && Objects.equals(c.modelFile, modelFile)
                && c.seed == seed && Objects.equals(c.target, target) && Objects.equals(c.refineRows, refineRows)
                && c.verificationDatasets.equals(verificationDatasets) && c.verifyRival.equals(verifyRival);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rounds, Arrays.hashCode(phiLower), Arrays.hashCode(phiUpper), Arrays.hashCode(thetaLower),
                Arrays.hashCode(thetaUpper), gridPoints, experiment, extendedLikelihood, eigDatasets,
                evaluationsPerRound, initialPoints, commonRandomNumbers, verifications, surrogate, histogram, training, modelFile,
                seed, target, refineRows, verificationDatasets, verifyRival);
    }

    @Override
    public String toString() {
        return "DesignConfig[rounds=" + rounds + ", phi=" + phiRange() + ", theta=" + thetaRange() + ", grid="
                + gridPoints + ", experiment=" + experiment.describe() + ", extended=" + extendedLikelihood
                + ", eigDatasets=" + eigDatasets + ", evaluations=" + evaluationsPerRound + " (" + initialPoints
                + " initial), crn=" + commonRandomNumbers + ", verifications=" + verifications + " of "
                + verificationDatasets + " datasets" + (verifyRival ? " + a rival" : "") + ", surrogate="
                + surrogate + ", " + histogram + ", " + training + (modelFile == null ? "" : ", model=" + modelFile)
                + ", seed=" + seed + (target == null ? "" : ", target=" + target)
                + (refineRows == null ? "" : ", refineRows=" + refineRows) + "]";
    }
}
