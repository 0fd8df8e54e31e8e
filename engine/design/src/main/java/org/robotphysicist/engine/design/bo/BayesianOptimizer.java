package org.robotphysicist.engine.design.bo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.engine.design.acquisition.Acquisition;
import org.robotphysicist.engine.design.acquisition.AcquisitionMaximizer;
import org.robotphysicist.engine.design.acquisition.Goal;
import org.robotphysicist.engine.design.acquisition.LogExpectedImprovement;
import org.robotphysicist.engine.design.acquisition.SobolPoints;
import org.robotphysicist.engine.design.acquisition.UpperConfidenceBound;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.GpTrainingData;
import org.robotphysicist.engine.design.gp.UnitBoxScaling;

/**
 * Bayesian optimization of an expensive, possibly noisy objective over a bounded box of settings
 * φ (Jones, Schonlau &amp; Welch 1998; Snoek, Larochelle &amp; Adams 2012). The caller drives it:
 *
 * <pre>
 *   BayesianOptimizer bo = BayesianOptimizer.start(domain, BoConfig.defaults(), seed);
 *   for (round …) {
 *       Matrix next = bo.suggest(q);                       // (q, D)
 *       for each row φ: bo.observe(φ, value(φ), noiseVariance(φ));
 *       bo.save(historyFile);                              // atomic JSON, with provenance
 *   }
 *   bo = BayesianOptimizer.resume(historyFile);            // proposes exactly what the original would
 * </pre>
 *
 * Until {@link BoConfig#initialPoints()} observations exist, suggestions come from a randomly
 * shifted Sobol design. Afterwards each {@code suggest(q)} fits a {@link GaussianProcess} to all
 * observations (maximum marginal likelihood with restarts), maximizes the acquisition over Sobol
 * candidates plus local refinement, and for q &gt; 1 conditions on fantasies ({@link BatchStrategy}).
 * The incumbent of expected improvement is the best GP posterior mean at the observed points
 * (robust to noise; equal to the best observation for exact data).
 *
 * <p>Randomness: from the seed, a master {@link SplittableRandom} splits one stream for the
 * design and one per {@code suggest} call, in order, so results depend only on the seed, the
 * observations and the number of calls — the state saved by {@link #history()}. Not thread-safe.
 */
public final class BayesianOptimizer {
    private final Box domain;
    private final UnitBoxScaling scaling;
    private final BoConfig config;
    private final long seed;
    private final List<Evaluation> evaluations = new ArrayList<>();
    private long suggestCalls;
    private GaussianProcess lastModel;
    private SuggestionReport lastReport;

    private BayesianOptimizer(Box domain, BoConfig config, long seed, long suggestCalls, List<Evaluation> previous) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.scaling = UnitBoxScaling.of(domain);
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        if (suggestCalls < 0) {
            throw new InvalidInputException("suggest calls: expected a count >= 0 but found " + suggestCalls);
        }
        this.suggestCalls = suggestCalls;
        for (Evaluation o : previous) {
            observe(o.phi(), o.value(), o.noiseVariance());
        }
    }

    /** A fresh optimizer over {@code domain} (bounded, positive widths). */
    public static BayesianOptimizer start(Box domain, BoConfig config, long seed) {
        return new BayesianOptimizer(domain, config, seed, 0, List.of());
    }

    /** The optimizer whose state {@code history} records; its next suggestions equal the original's. */
    public static BayesianOptimizer fromHistory(BoHistory history) {
        if (!BoHistory.SCHEMA.equals(history.schema())) {
            throw new MalformedDataException("optimizer history: expected schema " + BoHistory.SCHEMA + " but found "
                    + history.schema());
        }
        if (history.lower() == null || history.upper() == null) {
            throw new MalformedDataException("optimizer history: expected domain bounds 'lower' and 'upper'");
        }
        return new BayesianOptimizer(new Box(history.lower(), history.upper()), history.config(), history.seed(),
                history.suggestCalls(), history.evaluations());
    }

    /** Reads a history written by {@link #save} and resumes from it. */
    public static BayesianOptimizer resume(Path historyFile) {
        return fromHistory(Json.readFile(historyFile, BoHistory.class));
    }

    /**
     * Records an evaluation. {@code phi} must lie in the domain; {@code value} must be finite;
     * {@code noiseVariance} ≥ 0 is its known noise variance (0 if exact or unknown).
     */
    public void observe(double[] phi, double value, double noiseVariance) {
        domain.require("observed phi", phi);
        evaluations.add(new Evaluation(phi, value, noiseVariance));
    }

    /** {@link #observe(double[], double, double)} with no known noise. */
    public void observe(double[] phi, double value) {
        observe(phi, value, 0.0);
    }

    /**
     * The next q settings to evaluate, as a (q, D) matrix inside the domain. Each call advances
     * the random stream, so calling twice without observing gives different points.
     */
    public Matrix suggest(int q) {
        return suggest(q, 0.0);
    }

    /**
     * As {@link #suggest(int)}, but after the initial design every suggestion keeps at least
     * {@code minSeparation} (Euclidean distance in the unit box, where the domain's widths are 1)
     * from every observation and earlier suggestion of the batch — for objectives whose repeated
     * evaluation at nearly the same point adds no information (an EIG estimate with common random
     * numbers returns the same value there). 0 allows any point.
     */
    public Matrix suggest(int q, double minSeparation) {
        Require.positive("batch size q", q);
        Require.nonNegative("minimum separation", minSeparation);
        SplittableRandom rng = streamForCall(suggestCalls);
        suggestCalls++;
        int n = evaluations.size();
        int d = domain.dim();
        if (n < config.initialPoints()) {
            double[] design = SobolPoints.shifted(d, n + q, designStream());
            lastReport = new SuggestionReport(true, n, q, 0, 0, 0, null, new double[0]);
            return scaling.fromUnit(Arrays.copyOfRange(design, n * d, (n + q) * d), q);
        }
        long t0 = System.nanoTime();
        GaussianProcess gp = fitModel(rng.split());
        long t1 = System.nanoTime();
        lastModel = gp;
        double liar = worstObservedValue();
        double[] chosen = new double[q * d];
        double[] values = new double[q];
        for (int j = 0; j < q; j++) {
            AcquisitionMaximizer.Exclusion exclusion = minSeparation > 0
                    ? new AcquisitionMaximizer.Exclusion(gp.unitPoints(), gp.size(), minSeparation)
                    : AcquisitionMaximizer.Exclusion.NONE;
            AcquisitionMaximizer.Result r = AcquisitionMaximizer.maximize(acquisition(gp), config.search(), rng.split(),
                    exclusion);
            double[] u = r.unitPoint();
            values[j] = r.value();
            System.arraycopy(u, 0, chosen, j * d, d);
            if (j + 1 < q) {
                double fantasy = config.batch() == BatchStrategy.KRIGING_BELIEVER ? gp.predictUnit(u, 1).mean(0) : liar;
                gp = gp.withObservationAt(u, fantasy, 0.0);
            }
        }
        lastReport = new SuggestionReport(false, n, q, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
                lastModel.fitEvaluations(), lastModel.hyperparameters(), values);
        return scaling.fromUnit(chosen, q);
    }

    /**
     * The maximizer (for the goal) of the GP posterior mean over the domain, at least
     * {@code minSeparation} from every observation (unit-box distance; 0 allows any point): pure
     * exploitation, for a final evaluation that refines the incumbent where the model puts the
     * optimum. Falls back to {@link #suggest(int, double)} during the initial design. Advances the
     * random stream as one suggest call.
     */
    public double[] suggestModelOptimum(double minSeparation) {
        Require.nonNegative("minimum separation", minSeparation);
        if (evaluations.size() < config.initialPoints()) {
            return suggest(1, minSeparation).row(0);
        }
        SplittableRandom rng = streamForCall(suggestCalls);
        suggestCalls++;
        long t0 = System.nanoTime();
        GaussianProcess gp = fitModel(rng.split());
        long t1 = System.nanoTime();
        lastModel = gp;
        AcquisitionMaximizer.Exclusion exclusion = minSeparation > 0
                ? new AcquisitionMaximizer.Exclusion(gp.unitPoints(), gp.size(), minSeparation)
                : AcquisitionMaximizer.Exclusion.NONE;
        AcquisitionMaximizer.Result r = AcquisitionMaximizer.maximize(new UpperConfidenceBound(gp, config.goal(), 0.0),
                config.search(), rng.split(), exclusion);
        lastReport = new SuggestionReport(false, evaluations.size(), 1, (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9, gp.fitEvaluations(), gp.hyperparameters(), new double[] {r.value()});
        return scaling.fromUnit(r.unitPoint(), 1).row(0);
    }

    private Acquisition acquisition(GaussianProcess gp) {
        Goal goal = config.goal();
        if (config.acquisition() == AcquisitionKind.UPPER_CONFIDENCE_BOUND) {
            return new UpperConfidenceBound(gp, goal, config.ucbBeta());
        }
        double[] means = gp.predictUnit(gp.unitPoints(), gp.size()).mean();
        double incumbent = means[0];
        for (double m : means) {
            if (goal.better(m, incumbent)) {
                incumbent = m;
            }
        }
        return new LogExpectedImprovement(gp, goal, incumbent);
    }

    private double worstObservedValue() {
        double worst = evaluations.get(0).value();
        for (Evaluation o : evaluations) {
            if (config.goal().better(worst, o.value())) {
                worst = o.value();
            }
        }
        return worst;
    }

    /**
     * Fits the GP to every observation so far (for example to plot its mean ± 2 sd beside the
     * observations); {@code rng} draws the hyperparameter restarts.
     *
     * @throws InvalidInputException when there are no observations yet
     */
    public GaussianProcess fitModel(SplittableRandom rng) {
        if (evaluations.isEmpty()) {
            throw new InvalidInputException("optimizer model: expected at least one observation to fit a Gaussian "
                    + "process but found none");
        }
        int n = evaluations.size();
        int d = domain.dim();
        double[] pts = new double[n * d];
        double[] values = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            Evaluation o = evaluations.get(i);
            System.arraycopy(o.phi(), 0, pts, i * d, d);
            values[i] = o.value();
            noise[i] = o.noiseVariance();
        }
        return GaussianProcess.fit(new GpTrainingData(domain, Matrix.of(n, d, pts), values, noise), config.gp(), rng);
    }

    /** The model fitted by the last model-based {@code suggest}, if any (fantasies not included). */
    public Optional<GaussianProcess> lastModel() {
        return Optional.ofNullable(lastModel);
    }

    /** What the last {@code suggest} call did (empty before the first call). */
    public Optional<SuggestionReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /** The best evaluation so far under the goal (empty before the first). */
    public Optional<Evaluation> best() {
        Evaluation best = null;
        for (Evaluation o : evaluations) {
            if (best == null || config.goal().better(o.value(), best.value())) {
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every evaluation observed so far, in order (unmodifiable). */
    public List<Evaluation> evaluations() {
        return Collections.unmodifiableList(new ArrayList<>(evaluations));
    }

    public Box domain() {
        return domain;
    }

    public BoConfig config() {
        return config;
    }

    /** The full state, with provenance captured now. */
    public BoHistory history() {
        Provenance provenance = Provenance.capture("org.robotphysicist.engine.design.bo.BayesianOptimizer",
                Json.toMap(config), Map.of("seed", seed), Map.of());
        return new BoHistory(BoHistory.SCHEMA, provenance, config, domain.lower(), domain.upper(), seed, suggestCalls,
                evaluations);
    }

    /** Writes {@link #history()} to {@code path} as JSON, atomically. */
    public void save(Path path) {
        Json.writeFile(path, history());
    }

    /** The stream of the design: the first split of the master stream. */
    private SplittableRandom designStream() {
        return new SplittableRandom(seed).split();
    }

    /** The stream of suggest call k: split k + 2 of the master stream (after the design's). */
    private SplittableRandom streamForCall(long k) {
        SplittableRandom master = new SplittableRandom(seed);
        master.split();
        for (long i = 0; i < k; i++) {
            master.split();
        }
        return master.split();
    }
}
