package org.robotphysicist.engine.surrogate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.training.data.JointScoreRows;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.SimulatedTrainingSet;

/**
 * Sequential training of a likelihood surrogate for one observation X<sub>o</sub>, as sequential
 * neural likelihood (SNL; Papamakarios, Sterratt &amp; Murray 2019) does: the simulation budget is
 * spent where the posterior p(θ | X<sub>o</sub>) is, not over the whole prior.
 *
 * <p>Round 1 simulates n<sub>1</sub> rows (x, θ, φ) with θ ~ prior and φ from the setting sampler, and
 * trains. Round r ≥ 2 draws n<sub>r</sub> θ from the current surrogate's posterior
 * p̂<sub>r−1</sub>(θ | X<sub>o</sub>) ∝ p(θ) ∏<sub>i</sub> p̂<sub>r−1</sub>(x<sub>o,i</sub> | θ, φ<sub>o</sub>)
 * (the caller's {@link Proposal}: MCMC or a grid), simulates one row at each, and trains on all
 * rows of rounds 1..r — from round r − 1's weights ({@link SequentialTrainingConfig.Continuation#FINE_TUNE})
 * or afresh ({@code RETRAIN}). The rows then come from the mixture
 * q(θ) = Σ<sub>k</sub> n<sub>k</sub> π<sub>k</sub>(θ) / Σ n<sub>k</sub> of the proposals so far.
 *
 * <p>Why the result is still a likelihood: a flow maximizes E<sub>q(θ) p(φ) p(x|θ,φ)</sub> log p̂(x | θ, φ),
 * whose optimum is p(x | θ, φ) wherever q covers; a ratio classifier learns
 * p(x | θ, φ) / p<sub>q</sub>(x | φ), whose denominator does not depend on θ and cancels in the
 * posterior (the ratio form of Hermans et al. 2020 needs no correction). What changes is where the
 * surrogate is accurate: near the posterior of X<sub>o</sub>, coarser elsewhere. A sequentially
 * trained surrogate is therefore not amortized: it is meant for X<sub>o</sub> and data like it, and
 * its provenance says so ({@code sequential*} entries of the source it was trained from). Its θ range
 * stays the prior's, since round 1's rows cover the prior.
 *
 * <p>Joint scores: where the {@link RoundTrainer} regresses the network's score on the simulator's
 * joint scores ({@link RoundTrainer#scoreWeight()} above 0), every round simulates each row with its
 * joint score ∇<sub>θ</sub> log p(x, z | θ, φ) ({@link JointScoreSimulator}; the same rows as without
 * them), and {@link RoundData#scores()} carries them. The score regression's optimum is the
 * likelihood's score whatever θ's proposal, so it stays unbiased round after round.
 *
 * <p>Randomness: round r's stream is split r of the configuration's seed; from it come the θ draws
 * (prior or proposal), then the φ draws, then the simulations. The {@link RoundTrainer} brings its
 * own training seed. Not thread-safe; each call is independent.
 */
public final class SequentialTraining {

    /**
     * The rows a round trains on and how to describe them.
     *
     * @param round  r, 1-based
     * @param rows   every row of rounds 1..r, in round order, (N<sub>r</sub>, D<sub>x</sub> + D<sub>θ</sub> + D<sub>φ</sub>)
     * @param scores where the trainer regresses scores, each row's joint score in the rows' order,
     *               (N<sub>r</sub>, D<sub>θ</sub>); else null
     * @param ranges the surrogate's ranges: the prior's θ range, the setting sampler's φ boxes and the rows' x range
     * @param source provenance entries naming the simulator, samplers, round and target
     * @param hashes SHA-256 of the rows, by role
     */
    public record RoundData(int round, EventDataset rows, Matrix scores, TrainedRanges ranges,
            Map<String, Object> source, Map<String, String> hashes) {
        public RoundData {
            if (scores != null) {
                scores.requireShape("round " + round + "'s joint scores", rows.size(),
                        rows.schema().thetaNames().size());
            }
            source = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(source));
            hashes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
        }
    }

    /** Trains one round's surrogate; how (kind, architecture, optimizer) is the caller's. */
    @FunctionalInterface
    public interface RoundTrainer {
        /**
         * @param data     the rows of rounds 1..r and their description
         * @param previous round r − 1's surrogate to continue from (fine-tuning, r ≥ 2), else null for a fresh
         *                 network; read, never closed here
         * @return round r's surrogate, owned by the caller of {@link SequentialTraining#train}
         */
        TrainedSurrogate train(RoundData data, TrainedSurrogate previous);

        /**
         * The weight α of the trainer's regression on the simulator's joint scores: 0 (the default)
         * for none; above 0 the rounds simulate the scores and pass them in {@link RoundData#scores()}.
         */
        default double scoreWeight() {
            return 0;
        }
    }

    /** θ draws from the posterior of the observation under a surrogate. */
    @FunctionalInterface
    public interface Proposal {
        /**
         * @param surrogate the current round's surrogate (read, never closed)
         * @param n         how many draws
         * @param rng       the only source of randomness
         * @return n draws, (n, D<sub>θ</sub>), each inside the prior's range
         */
        Matrix draw(TrainedSurrogate surrogate, int n, SplittableRandom rng);
    }

    /**
     * What one round did.
     *
     * @param round      r
     * @param newRows    n<sub>r</sub>, the rows simulated this round
     * @param totalRows  N<sub>r</sub>, the rows trained on
     * @param thetaFrom  where this round's θ came from
     * @param thetaMean  the mean of this round's θ, D<sub>θ</sub> values
     * @param thetaSd    their standard deviation, D<sub>θ</sub> values
     * @param epochs     epochs the round trained
     * @param seconds    wall time of the round: the proposal's draws, the simulations and the training
     */
    public record Round(int round, int newRows, int totalRows, String thetaFrom, double[] thetaMean,
            double[] thetaSd, int epochs, double seconds) {
        public Round {
            thetaMean = thetaMean.clone();
            thetaSd = thetaSd.clone();
        }

        @Override
        public double[] thetaMean() {
            return thetaMean.clone();
        }

        @Override
        public double[] thetaSd() {
            return thetaSd.clone();
        }
    }

    /**
     * The last round's surrogate and every round's record.
     *
     * @param surrogate the surrogate of round R; the caller closes it
     * @param rounds    rounds 1..R in order
     */
    public record Result(TrainedSurrogate surrogate, List<Round> rounds) {
        public Result {
            Objects.requireNonNull(surrogate, "surrogate");
            rounds = List.copyOf(rounds);
        }
    }

    private final SequentialTrainingConfig config;
    private final Consumer<String> log;

    /**
     * @param config rounds, budget, continuation and seed
     * @param log    receives one line per round, or null for none
     */
    public SequentialTraining(SequentialTrainingConfig config, Consumer<String> log) {
        this.config = Objects.requireNonNull(config, "sequential configuration");
        this.log = log == null ? line -> { } : log;
    }

    /**
     * Runs the rounds.
     *
     * @param simulator the simulator (one row per θ draw)
     * @param prior     round 1's θ; its range is the surrogate's θ range and bounds every proposal draw
     * @param phi       every round's φ
     * @param target    a short description of the observation the proposal targets (e.g. its SHA-256), recorded
     *                  in the provenance
     * @param proposal  posterior draws given the observation under a round's surrogate
     * @param trainer   trains a round's surrogate
     * @return round R's surrogate and the rounds' records
     * @throws InvalidInputException when a proposal draw has the wrong shape, is not finite, or lies outside the
     *                               prior's range, or the trainer regresses scores and the simulator returns none
     *                               (before anything is simulated)
     */
    public Result train(Simulator simulator, ParameterSampler prior, ParameterSampler phi, String target,
            Proposal proposal, RoundTrainer trainer) {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(prior, "prior sampler");
        Objects.requireNonNull(phi, "phi sampler");
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(trainer, "round trainer");
        int thetaDim = simulator.dimensions().thetaDim();
        if (prior.dim() != thetaDim || phi.dim() != simulator.dimensions().phiDim()) {
            throw new DimensionMismatchException("sequential training of " + simulator.name() + ": expected theta and"
                    + " phi samplers of dimensions " + thetaDim + " and " + simulator.dimensions().phiDim()
                    + " but found " + prior.dim() + " and " + phi.dim());
        }
        double scoreWeight = trainer.scoreWeight();
        JointScoreSimulator scoring = scoreWeight > 0
                ? JointScoreRows.require(simulator, "sequential training", scoreWeight) : null;
        SplittableRandom master = new SplittableRandom(config.seed());
        List<EventDataset> parts = new ArrayList<>();
        List<Matrix> scoreParts = new ArrayList<>();
        List<Round> records = new ArrayList<>();
        TrainedSurrogate current = null;
        try {
            for (int r = 1; r <= config.rounds(); r++) {
                long t0 = System.nanoTime();
                SplittableRandom stream = master.split();
                int n = config.rowsInRound(r);
                String thetaFrom = r == 1 ? "the prior " + prior : "the posterior of round " + (r - 1)
                        + "'s surrogate";
                Matrix thetas = r == 1 ? prior.sample(n, stream.split())
                        : checkedDraws(proposal.draw(current, n, stream.split()), n, prior.range(), r);
                Matrix phis = phi.sample(n, stream.split());
                EventDataset added;
                if (scoring != null) {
                    JointScoreSimulator.ScoredEvents scored = scoring.simulateBatchWithScores(thetas, phis, 1,
                            stream.split());
                    added = scored.events();
                    scoreParts.add(scored.scores());
                } else {
                    added = simulator.simulateBatch(thetas, phis, 1, stream.split());
                }
                parts.add(added);
                EventDataset rows = EventDataset.concat(parts);
                Matrix scores = scoring == null ? null : Matrix.stackRows(scoreParts);
                TrainedRanges ranges = TrainedRanges.of(prior.range(), phi.union(),
                        SimulatedTrainingSet.xRange(simulator, rows));
                Map<String, String> hashes = new LinkedHashMap<>();
                hashes.put("training-data/joint", rows.sha256());
                if (scores != null) {
                    hashes.put("training-data/joint-scores",
                            new JointScoreSimulator.ScoredEvents(rows, scores).scoresSha256());
                }
                RoundData data = new RoundData(r, rows, scores, ranges, source(simulator, prior, phi, target, r),
                        hashes);
                boolean continues = r > 1 && config.continuation() == SequentialTrainingConfig.Continuation.FINE_TUNE;
                TrainedSurrogate next = trainer.train(data, continues ? current : null);
                if (current != null) {
                    current.close();
                }
                current = next;
                int firstTheta = simulator.dimensions().xDim();
                Round record = new Round(r, n, rows.size(), thetaFrom, Arrays.copyOfRange(added.columnMeans(),
                        firstTheta, firstTheta + thetaDim), Arrays.copyOfRange(added.columnStandardDeviations(),
                        firstTheta, firstTheta + thetaDim),
                        epochs(current.trainingCurve()), (System.nanoTime() - t0) / 1e9);
                records.add(record);
                log.accept(String.format(Locale.ROOT, "sequential round %d of %d: %d new rows (theta from %s: mean %s,"
                        + " sd %s), trained on %d (%s), %d epochs, %.1f s", r, config.rounds(), n, thetaFrom,
                        format(record.thetaMean()), format(record.thetaSd()), rows.size(),
                        continues ? "continuing round " + (r - 1) + "'s network" : "a fresh network", record.epochs(),
                        record.seconds()));
            }
            return new Result(current, records);
        } catch (RuntimeException e) {
            if (current != null) {
                current.close();
            }
            throw e;
        }
    }

    /** Provenance entries of round {@code r}'s training rows. */
    private Map<String, Object> source(Simulator simulator, ParameterSampler prior, ParameterSampler phi,
            String target, int r) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("simulator", simulator.name());
        source.put("thetaSampler", r == 1 ? prior.toString() : "sequential: round 1 " + prior + ", rounds 2-" + r
                + " the posterior of the previous round's surrogate");
        source.put("phiSampler", phi.toString());
        source.put("sequentialRound", r + " of " + config.rounds());
        source.put("sequentialSimulations", config.simulations());
        source.put("sequentialContinuation", config.continuation().label());
        source.put("sequentialSeed", config.seed());
        source.put("sequentialTarget", target);
        return source;
    }

    /** The proposal's draws, checked: n rows of D<sub>θ</sub> finite values inside {@code range}. */
    private static Matrix checkedDraws(Matrix draws, int n, Box range, int round) {
        if (draws == null || draws.rows() != n || draws.cols() != range.dim()) {
            throw new InvalidInputException("sequential round " + round + ": expected " + n + " posterior draws of "
                    + range.dim() + " theta values but found " + (draws == null ? "none"
                            : draws.rows() + " x " + draws.cols()));
        }
        return range.requireRows("sequential round " + round + ": posterior draws (expected inside the prior's range "
                + range + ")", draws);
    }

    private static int epochs(TrainingCurve curve) {
        return curve == null ? 0 : curve.epochs().size();
    }

    private static String format(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.3g", x)).toList().toString();
    }
}
