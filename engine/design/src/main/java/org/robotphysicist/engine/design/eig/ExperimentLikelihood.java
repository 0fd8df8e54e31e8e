package org.robotphysicist.engine.design.eig;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.simulator.CrossSectionModel;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.SimulatedExperiments;
import org.robotphysicist.engine.posterior.SimulatedSums;

/**
 * The log-likelihood of one experiment's outcome X = {x<sub>1</sub>…x<sub>N</sub>} at setting φ
 * on M θ points, as a design round's posterior needs it:
 * <pre>
 *   fixed event count:            ℓ_j = Σ_i log p̂(x_i | θ_j, φ)
 *   fixed luminosity L, extended: ℓ_j = Σ_i log p̂(x_i | θ_j, φ) + N·log ν_j − ν_j,   ν_j = L·σ(θ_j, φ)
 * </pre>
 * Under a fixed luminosity the event count N ~ Poisson(ν(θ)) itself carries information about θ;
 * the extended likelihood (Barlow 1990, "Extended maximum likelihood", NIM A297, 496) keeps it.
 * Surrogates model only the shape p(x | θ, φ), so the rate ν comes from the simulator's
 * {@link CrossSectionModel} (exact and cheap for the built-in simulators); log N! is dropped, being
 * independent of θ. With {@code extended} off, or for a fixed event count, only the shape term is
 * used. A dataset with N = 0 events has shape term 0.
 *
 * <p>Values are up to a θ-independent constant (that of the surrogate), which every grid
 * posterior normalizes away. Thread-safe when the evaluator is.
 */
public final class ExperimentLikelihood {
    private final PosteriorEvaluator evaluator;
    private final Simulator simulator;
    private final Experiment experiment;
    private final boolean extended;

    /**
     * @param evaluator  sums the surrogate's log p̂ over events
     * @param simulator  the simulator behind the experiment (for the cross-section)
     * @param experiment how much data one experiment records
     * @param extended   include the Poisson rate term under a fixed luminosity
     * @throws InvalidInputException when the rate term is asked for and the simulator has no cross-section
     */
    public ExperimentLikelihood(PosteriorEvaluator evaluator, Simulator simulator, Experiment experiment,
            boolean extended) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        simulator.dimensions().requireCompatible("surrogate " + evaluator.surrogate(),
                evaluator.surrogate().dimensions());
        if (experiment instanceof Experiment.FixedLuminosity && !(simulator instanceof CrossSectionModel)) {
            throw new InvalidInputException("fixed-luminosity experiment: expected a simulator with a cross-section"
                    + " model but found '" + simulator.name() + "', which has none");
        }
        this.extended = extended;
    }

    public PosteriorEvaluator evaluator() {
        return evaluator;
    }

    public Simulator simulator() {
        return simulator;
    }

    public Experiment experiment() {
        return experiment;
    }

    /** Whether the Poisson rate term is part of the likelihood. */
    public boolean includesRate() {
        return extended && experiment instanceof Experiment.FixedLuminosity;
    }

    /**
     * ℓ<sub>j</sub> for one outcome.
     *
     * @param events (N, D<sub>x</sub>), N ≥ 0
     * @param thetas (M, D<sub>θ</sub>) inside the surrogate's θ range
     * @param phi    length D<sub>φ</sub>, inside the surrogate's φ range
     * @return length M, finite or −∞
     */
    public double[] logLikelihood(Matrix events, Matrix thetas, double[] phi) {
        return logLikelihoods(List.of(events), thetas, phi)[0];
    }

    /**
     * ℓ<sub>k,j</sub> for K outcomes at the same φ: the non-empty datasets go through one
     * {@link PosteriorEvaluator#logLikelihoodSums(List, Matrix, double[])} call, the rate term
     * ν<sub>j</sub> is computed once.
     *
     * @return K arrays of length M
     */
    public double[][] logLikelihoods(List<Matrix> datasets, Matrix thetas, double[] phi) {
        int dx = simulator.dimensions().xDim();
        for (int k = 0; k < datasets.size(); k++) {
            datasets.get(k).requireShape("dataset " + k + " events", -1, dx);
        }
        return withRate(SimulatedSums.of(evaluator, datasets, thetas, phi), thetas, phi);
    }

    /**
     * ℓ<sub>k,j</sub> for K experiments simulated by this experiment on {@code thetaDraws} with
     * {@code streams} (stream k past the draw of θ<sub>k</sub>): the evaluator simulates and sums them
     * ({@link PosteriorEvaluator#simulateAndSum}, here or where it runs), and the rate term is added.
     *
     * @return the log-likelihoods (K arrays of length M) and each experiment's event count
     */
    public SimulatedLogLikelihoods simulatedLogLikelihoods(Matrix thetaDraws, List<SplittableRandom> streams,
            Matrix thetas, double[] phi, Cancellation cancellation) {
        SimulatedSums sums = evaluator.simulateAndSum(new SimulatedExperiments(simulator, experiment, thetaDraws, phi,
                streams, cancellation), thetas);
        return new SimulatedLogLikelihoods(withRate(sums, thetas, phi), sums.events());
    }

    /**
     * For a surrogate ensemble ({@link PosteriorEvaluator#members()} not empty): ℓ<sup>(m)</sup><sub>k,j</sub>
     * under every member m of the K experiments simulated here once on {@code thetaDraws} with
     * {@code streams}, so that each experiment's posterior can be the mixture of the member
     * posteriors, as the ensemble's posterior is. The rate term is the simulator's and the same for
     * every member.
     *
     * @return the log-likelihoods ([member][k] arrays of length M) and each experiment's event count
     */
    public MemberLogLikelihoods simulatedMemberLogLikelihoods(Matrix thetaDraws, List<SplittableRandom> streams,
            Matrix thetas, double[] phi, Cancellation cancellation) {
        List<? extends PosteriorEvaluator> members = evaluator.members();
        if (members.isEmpty()) {
            throw new InvalidInputException("member log-likelihoods: expected a surrogate ensemble but found "
                    + evaluator.surrogate() + ", which has no members");
        }
        List<Matrix> data = new SimulatedExperiments(simulator, experiment, thetaDraws, phi, streams, cancellation)
                .runAll();
        double[][][] out = new double[members.size()][][];
        int[] events = null;
        for (int m = 0; m < out.length; m++) {
            SimulatedSums sums = SimulatedSums.of(members.get(m), data, thetas, phi);
            out[m] = withRate(sums, thetas, phi);
            events = sums.events();
        }
        return new MemberLogLikelihoods(out, events);
    }

    /**
     * The log-likelihoods of simulated experiments under each member of a surrogate ensemble.
     *
     * @param logLikelihoods [member][k] arrays of length M
     * @param events         the events each experiment recorded
     */
    public record MemberLogLikelihoods(double[][][] logLikelihoods, int[] events) {
    }

    /**
     * The log-likelihoods of simulated experiments.
     *
     * @param logLikelihoods K arrays of length M
     * @param events         the events each experiment recorded
     */
    public record SimulatedLogLikelihoods(double[][] logLikelihoods, int[] events) {
    }

    /** The shape sums (0 where there are no events) plus the Poisson rate term when it is included. */
    private double[][] withRate(SimulatedSums sums, Matrix thetas, double[] phi) {
        double[] rate = includesRate() ? expectedEvents(thetas, phi) : null;
        double[][] out = new double[sums.events().length][];
        for (int k = 0; k < out.length; k++) {
            int n = sums.events()[k];
            double[] ll = n > 0 ? sums.sums()[k] : new double[thetas.rows()];
            if (rate != null) {
                for (int j = 0; j < ll.length; j++) {
                    ll[j] += poissonTerm(n, rate[j]);
                }
            }
            out[k] = ll;
        }
        return out;
    }

    /** ν<sub>j</sub> = L·σ(θ<sub>j</sub>, φ) for every row of {@code thetas}; only under a fixed luminosity. */
    public double[] expectedEvents(Matrix thetas, double[] phi) {
        if (!(experiment instanceof Experiment.FixedLuminosity lumi)) {
            throw new InvalidInputException("expected events: only a fixed-luminosity experiment has a rate, but the"
                    + " experiment is " + experiment);
        }
        double[] nu = new double[thetas.rows()];
        for (int j = 0; j < nu.length; j++) {
            nu[j] = lumi.expectedEvents(simulator, thetas.row(j), phi);
        }
        return nu;
    }

    /** N·log ν − ν; 0 for N = ν = 0 and −∞ for N &gt; 0 = ν. */
    static double poissonTerm(int n, double nu) {
        if (n == 0) {
            return -nu;
        }
        return nu > 0 ? n * Math.log(nu) - nu : Double.NEGATIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "ExperimentLikelihood(" + experiment + (includesRate() ? ", extended" : "") + ", " + evaluator + ")";
    }
}
