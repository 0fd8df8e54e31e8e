package org.robotphysicist.engine.posterior.diagnostics;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.ThetaGrid;

/**
 * The prior-predictive experiment that calibration diagnostics repeat: draw θ* ~ p(θ), simulate
 * N events X* ~ p(x | θ*, φ), and compute the grid posterior p̂(θ | X*, φ) with the surrogate
 * under test. A calibrated posterior treats θ* as a typical draw from itself.
 */
public final class CalibrationProblem {
    private final Simulator simulator;
    private final Prior prior;
    private final PosteriorEvaluator evaluator;
    private final ThetaGrid grid;
    private final double[] phi;
    private final int eventsPerExperiment;

    /**
     * @param simulator           draws the events; its dimensions must match the surrogate's
     * @param prior               the θ* distribution and the posterior's prior; its support must
     *                            lie inside the simulator's θ domain
     * @param evaluator           sums the surrogate log-likelihood
     * @param grid                where the posterior is computed (inside the prior's support and
     *                            the surrogate's θ range)
     * @param phi                 the experiment setting
     * @param eventsPerExperiment N ≥ 1
     */
    public CalibrationProblem(Simulator simulator, Prior prior, PosteriorEvaluator evaluator, ThetaGrid grid,
            double[] phi, int eventsPerExperiment) {
        simulator.dimensions().requireCompatible("surrogate for calibration", evaluator.surrogate().dimensions());
        if (!prior.support().within(simulator.thetaDomain())) {
            throw new OutOfSupportException("calibration prior: expected a support inside the simulator's theta"
                    + " domain " + simulator.thetaDomain() + " but found " + prior.support());
        }
        Require.positive("events per experiment", eventsPerExperiment);
        simulator.phiDomain().require("calibration phi (the simulator's phi domain)", phi);
        evaluator.surrogate().phiUnion().require("calibration phi (the surrogate's phi range)", phi);
        SurrogatePosterior.of(prior, evaluator, List.of()).requireGrid(grid);
        this.simulator = simulator;
        this.prior = prior;
        this.evaluator = evaluator;
        this.grid = grid;
        this.phi = phi.clone();
        this.eventsPerExperiment = eventsPerExperiment;
    }

    /**
     * One prior-predictive experiment and its posterior.
     *
     * @param theta     θ* drawn from the prior (D<sub>θ</sub>)
     * @param events    the N events simulated at θ* (N, D<sub>x</sub>)
     * @param posterior the surrogate's grid posterior given the events
     */
    public record Trial(double[] theta, Matrix events, GridPosterior posterior) {
    }

    public ThetaGrid grid() {
        return grid;
    }

    public Prior prior() {
        return prior;
    }

    /** The experiment setting φ. */
    public double[] phi() {
        return phi.clone();
    }

    /** N, the events per experiment. */
    public int eventsPerExperiment() {
        return eventsPerExperiment;
    }

    /** The simulator the events come from. */
    public Simulator simulator() {
        return simulator;
    }

    /** The name of θ component {@code d} (the surrogate's naming). */
    public String parameterName(int d) {
        return evaluator.surrogate().dimensions().thetaNames().get(d);
    }

    /** Runs one trial with randomness from {@code rng}. */
    public Trial trial(SplittableRandom rng) {
        double[] theta = prior.sample(1, rng).row(0);
        Matrix events = simulator.simulate(theta, phi, eventsPerExperiment, rng);
        GridPosterior posterior = SurrogatePosterior.of(prior, evaluator, List.of(new Observation(events, phi)))
                .onGrid(grid);
        return new Trial(theta, events, posterior);
    }

    /** Datasets a {@link #trialInsideTrainedRanges} draws before it gives up. */
    static final int MAX_REDRAWS = 100;

    /**
     * As {@link #trial}, drawing the dataset again from the same stream while the surrogate refuses
     * it for lying outside the ranges it was trained on (an event beyond a flow's trained x range,
     * which large experiments from an unbounded simulator reach): the trial is then one of the
     * datasets the surrogate can evaluate. Used where κ is fitted, on experiments larger than the
     * certificate's; after {@value #MAX_REDRAWS} refusals the last one is thrown.
     */
    public Trial trialInsideTrainedRanges(SplittableRandom rng) {
        OutOfSupportException last = null;
        for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
            try {
                return trial(rng);
            } catch (OutOfSupportException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * {@link #run(int, SplittableRandom, BiFunction, Progress)} with each trial from
     * {@link #trialInsideTrainedRanges}.
     */
    public <T> List<T> runInsideTrainedRanges(int trials, SplittableRandom rng,
            BiFunction<Trial, SplittableRandom, T> f, Progress progress) {
        return run(trials, rng, f, progress, this::trialInsideTrainedRanges);
    }

    /**
     * Runs {@code trials} independent trials in parallel and maps each with {@code f} (given the
     * trial and a stream for any further randomness). Trial i uses the i-th split of {@code rng},
     * so results do not depend on scheduling.
     */
    public <T> List<T> run(int trials, SplittableRandom rng, BiFunction<Trial, SplittableRandom, T> f) {
        return run(trials, rng, f, Progress.none());
    }

    /** {@link #run(int, SplittableRandom, BiFunction)}, advancing {@code progress} by one per finished trial. */
    public <T> List<T> run(int trials, SplittableRandom rng, BiFunction<Trial, SplittableRandom, T> f,
            Progress progress) {
        return run(trials, rng, f, progress, this::trial);
    }

    private <T> List<T> run(int trials, SplittableRandom rng, BiFunction<Trial, SplittableRandom, T> f,
            Progress progress, Function<SplittableRandom, Trial> draw) {
        Require.positive("number of calibration trials", trials);
        if (rng == null) {
            throw new InvalidInputException("rng: expected a SplittableRandom but found null");
        }
        SplittableRandom[] streams = new SplittableRandom[trials];
        for (int i = 0; i < trials; i++) {
            streams[i] = rng.split();
        }
        return IntStream.range(0, trials).parallel().mapToObj(i -> {
            T result = f.apply(draw.apply(streams[i]), streams[i]);
            progress.advance(1);
            return result;
        }).toList();
    }
}
