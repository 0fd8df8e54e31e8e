package org.robotphysicist.engine.api;

import java.util.List;
import java.util.Objects;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.PosteriorRequest;
import org.robotphysicist.engine.posterior.PosteriorSummary;
import org.robotphysicist.engine.posterior.sampling.McmcDiagnostics;
import org.robotphysicist.engine.posterior.sampling.PosteriorSamples;
import org.robotphysicist.engine.posterior.sampling.SamplerChoice;

/**
 * A posterior from {@link RobotPhysicist#posterior}: on a grid, the normalized grid posterior
 * p(θ<sub>j</sub> | X, φ) (null under MCMC), its summary (MAP, mean, sd, central and HPD intervals
 * per θ component), the experiments it combines and the posterior draws when asked for.
 * {@code posterior().asPrior()} is the next round's prior.
 *
 * @param posterior   the grid posterior, or null when MCMC realized it
 * @param summary     its summary at the requested levels
 * @param experiments each experiment's event count and setting, at least one
 * @param sampler     {@link SamplerChoice#GRID} or {@link SamplerChoice#MCMC}
 * @param mcmc        the MCMC run's diagnostics (null on a grid)
 * @param samples     posterior draws, or null when none were asked for
 * @param ensemble    for a surrogate ensemble, the between-member spread of the member posteriors' means and
 *                    sds ({@link EnsembleSpread}; the posterior itself is their equal-weight mixture); null for a
 *                    single surrogate
 * @param requestWarnings one line per prior support or φ outside the surrogate's trained ranges that a model
 *                    loaded with {@code RangePolicy.WARN} extrapolated to, and per setting whose events exceed a
 *                    size the surrogate was fitted for ({@link PosteriorRequest}); empty when none
 */
public record PosteriorResult(GridPosterior posterior, PosteriorSummary summary, List<Experiment> experiments,
        SamplerChoice sampler, McmcDiagnostics mcmc, PosteriorSamples samples, EnsembleSpread ensemble,
        List<String> requestWarnings) {

    /**
     * The result of a single surrogate (no ensemble spread).
     *
     * @param posterior   the grid posterior, or null when MCMC realized it
     * @param summary     its summary at the requested levels
     * @param experiments each experiment's event count and setting, at least one
     * @param sampler     {@link SamplerChoice#GRID} or {@link SamplerChoice#MCMC}
     * @param mcmc        the MCMC run's diagnostics (null on a grid)
     * @param samples     posterior draws, or null when none were asked for
     */
    public PosteriorResult(GridPosterior posterior, PosteriorSummary summary, List<Experiment> experiments,
            SamplerChoice sampler, McmcDiagnostics mcmc, PosteriorSamples samples) {
        this(posterior, summary, experiments, sampler, mcmc, samples, null);
    }

    /**
     * A result without request warnings.
     *
     * @param posterior   the grid posterior, or null when MCMC realized it
     * @param summary     its summary at the requested levels
     * @param experiments each experiment's event count and setting, at least one
     * @param sampler     {@link SamplerChoice#GRID} or {@link SamplerChoice#MCMC}
     * @param mcmc        the MCMC run's diagnostics (null on a grid)
     * @param samples     posterior draws, or null when none were asked for
     * @param ensemble    the between-member spread for a surrogate ensemble; null for a single surrogate
     */
    public PosteriorResult(GridPosterior posterior, PosteriorSummary summary, List<Experiment> experiments,
            SamplerChoice sampler, McmcDiagnostics mcmc, PosteriorSamples samples, EnsembleSpread ensemble) {
        this(posterior, summary, experiments, sampler, mcmc, samples, ensemble, List.of());
    }

    /**
     * The same result with the warnings of its request.
     *
     * @param warnings the warnings {@link PosteriorRequest#validate()} returned
     * @return the changed result
     */
    public PosteriorResult withRequestWarnings(List<String> warnings) {
        return new PosteriorResult(posterior, summary, experiments, sampler, mcmc, samples, ensemble, warnings);
    }

    /**
     * One experiment's events and setting.
     *
     * @param events N, the number of events
     * @param phi    the setting they were recorded at
     */
    public record Experiment(int events, double[] phi) {
        /**
         * Copies the setting.
         *
         * @param events N, the number of events
         * @param phi    the setting they were recorded at
         */
        public Experiment {
            phi = phi.clone();
        }

        /**
         * The setting the events were recorded at.
         *
         * @return a copy of φ, length D<sub>φ</sub> (0 for a simulator without settings)
         */
        @Override
        public double[] phi() {
            return phi.clone();
        }
    }

    /**
     * Validates that the sampler matches what is present: a grid posterior for the grid, diagnostics for MCMC.
     *
     * @param posterior   the grid posterior, or null when MCMC realized it
     * @param summary     its summary at the requested levels
     * @param experiments each experiment's event count and setting, at least one
     * @param sampler     {@link SamplerChoice#GRID} or {@link SamplerChoice#MCMC}
     * @param mcmc        the MCMC run's diagnostics (null on a grid)
     * @param samples     posterior draws, or null when none were asked for
     * @param ensemble    for a surrogate ensemble, the between-member spread of the member posteriors' means and
     *                    sds ({@link EnsembleSpread}; the posterior itself is their equal-weight mixture); null for a
     *                    single surrogate
     * @param requestWarnings warnings about ranges the surrogate extrapolated to and event counts beyond what it
     *                    was fitted for; empty when none
     */
    public PosteriorResult {
        Objects.requireNonNull(summary, "summary");
        experiments = List.copyOf(experiments);
        requestWarnings = List.copyOf(requestWarnings);
        if (experiments.isEmpty()) {
            throw new InvalidInputException("posterior result: expected at least one experiment but found none");
        }
        if ((sampler == SamplerChoice.GRID) != (posterior != null) || (sampler == SamplerChoice.MCMC) != (mcmc != null)) {
            throw new InvalidInputException("posterior result: expected a grid posterior exactly for sampler grid and"
                    + " MCMC diagnostics exactly for sampler mcmc but found sampler " + sampler);
        }
    }

    /**
     * The events of all experiments together.
     *
     * @return N = Σ<sub>e</sub> N<sub>e</sub>
     */
    public int events() {
        return experiments.stream().mapToInt(Experiment::events).sum();
    }

    /**
     * The first experiment's setting (the only one for a single experiment).
     *
     * @return a copy of the first experiment's φ
     */
    public double[] phi() {
        return experiments.get(0).phi();
    }

    /**
     * Whether a grid realized the posterior.
     *
     * @return true when {@link #posterior()} and {@link #density()} are available, false under MCMC
     */
    public boolean onGrid() {
        return posterior != null;
    }

    /**
     * The ensemble's spread, when the surrogate was an ensemble.
     *
     * @return the between-member spread of the member posteriors, or empty for a single surrogate
     */
    public java.util.Optional<EnsembleSpread> ensembleSpread() {
        return java.util.Optional.ofNullable(ensemble);
    }

    /**
     * Warnings about the result's reliability.
     *
     * @return the {@link #requestWarnings()}, then one line per MCMC convergence warning (R̂ or ESS short of their
     *         targets); empty when none
     */
    public List<String> warnings() {
        List<String> all = new java.util.ArrayList<>(requestWarnings);
        if (mcmc != null) {
            all.addAll(mcmc.warnings());
        }
        return List.copyOf(all);
    }

    /**
     * The normalized density at every grid point.
     *
     * @return p(θ<sub>j</sub> | X), length M, in the order of the grid's points
     * @throws InvalidInputException when MCMC realized the posterior (there is no grid; use {@link #samples()})
     */
    public double[] density() {
        if (posterior == null) {
            throw new InvalidInputException("posterior density: expected a grid posterior but this one was sampled"
                    + " by MCMC; use samples()");
        }
        double[] log = posterior.logDensity();
        double[] out = new double[log.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.exp(log[j]);
        }
        return out;
    }
}
