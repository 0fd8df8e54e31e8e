package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A posterior request as it enters the engine: a surrogate, the θ box the posterior will be
 * computed over (the prior's support, the grid's bounds) and the observed experiments. The Java
 * facade calls {@link #validate()} once before any evaluation, and the command line and the HTTP
 * server reach the posterior only through that facade, so inner layers take the request as valid.
 *
 * <p>What is checked, and where the rest lives:
 * <ul>
 *   <li>finite values and at least one event per experiment: by construction of {@link Observation}
 *       (and of {@link org.robotphysicist.data.Matrix} and {@link Box});</li>
 *   <li>here: at least one experiment; the θ box's dimension, each experiment's event columns and
 *       φ length against the surrogate's {@link Dimensions}; the θ box inside the surrogate's θ
 *       range and each φ inside its φ range, under the surrogate's {@link RangePolicy}: with
 *       {@link RangePolicy#FAIL} an {@link org.robotphysicist.data.OutOfSupportException} whose
 *       message says how to extrapolate anyway ({@link RangePolicy#HINT}), with
 *       {@link RangePolicy#WARN} a warning returned to the caller, who reports it;</li>
 *   <li>here, as warnings only: the events at each setting against the sizes the surrogate was
 *       fitted for ({@link SurrogateLikelihood#eventCountWarnings}).</li>
 * </ul>
 * Kept below this boundary, as cheap assertions for callers that enter a lower module directly:
 * {@link SurrogatePosterior} (dimensions, the prior's support, the ranges under
 * {@link RangePolicy#FAIL}), {@link org.robotphysicist.models.SurrogateArguments#requireGridCall}
 * in the evaluators (shapes; ranges under {@link RangePolicy#FAIL}) and each trained model's own
 * range policy on every evaluation.
 *
 * @param surrogate    the likelihood surrogate
 * @param theta        the θ box the posterior is computed over
 * @param observations the experiments, each its events and setting φ
 */
public record PosteriorRequest(SurrogateLikelihood surrogate, Box theta, List<Observation> observations) {

    public PosteriorRequest {
        if (surrogate == null || theta == null || observations == null
                || observations.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("posterior request: expected a surrogate, a theta box and observations"
                    + " but found a null");
        }
        observations = List.copyOf(observations);
    }

    /**
     * Checks the request as described above.
     *
     * @return the warnings to report: one per θ box or φ outside the surrogate's ranges under
     *         {@link RangePolicy#WARN}, and one per setting whose events exceed a size the surrogate
     *         was fitted for ({@link SurrogateLikelihood#eventCountWarnings}); empty otherwise
     * @throws InvalidInputException when there is no experiment
     * @throws DimensionMismatchException when a dimension differs from the surrogate's
     * @throws org.robotphysicist.data.OutOfSupportException when the θ box or a φ lies outside the
     *         surrogate's ranges under {@link RangePolicy#FAIL}
     */
    public List<String> validate() {
        if (observations.isEmpty()) {
            throw new InvalidInputException("observations: expected at least one experiment but found none");
        }
        Dimensions dims = surrogate.dimensions();
        if (theta.dim() != dims.thetaDim()) {
            throw new DimensionMismatchException("theta range: expected dimension " + dims.thetaDim() + " (the"
                    + " surrogate's theta " + dims.thetaNames() + ") but found " + theta.dim());
        }
        requireShapes(dims, observations);
        return warnings(surrogate, theta, observations.stream().map(Observation::phi).toList(),
                observations.stream().map(Observation::size).toList());
    }

    /**
     * The request's warnings from its experiments' settings and event counts alone ({@link #ranges},
     * then {@link #eventCounts}), for callers that hold those rather than the events (a posterior from
     * summed log-likelihoods).
     *
     * @throws org.robotphysicist.data.OutOfSupportException as {@link #ranges} does
     */
    public static List<String> warnings(SurrogateLikelihood surrogate, Box theta, List<double[]> phis,
            List<Integer> events) {
        List<String> warnings = new ArrayList<>(ranges(surrogate, theta, phis));
        warnings.addAll(eventCounts(surrogate, phis, events));
        return List.copyOf(warnings);
    }

    /**
     * The surrogate's {@link SurrogateLikelihood#eventCountWarnings} for the events at each distinct
     * setting (experiments at the same φ add up: their events see the same error of the surrogate
     * there), each prefixed with the setting.
     *
     * @param surrogate the likelihood surrogate asked
     * @param phis      each experiment's φ
     * @param events    each experiment's event count, aligned with {@code phis}
     * @return one line per warning, empty when none
     */
    public static List<String> eventCounts(SurrogateLikelihood surrogate, List<double[]> phis, List<Integer> events) {
        if (phis.size() != events.size()) {
            throw new DimensionMismatchException("experiments: expected one event count per setting but found "
                    + events.size() + " for " + phis.size());
        }
        java.util.Map<List<Double>, Long> eventsAt = new java.util.LinkedHashMap<>();
        for (int e = 0; e < phis.size(); e++) {
            eventsAt.merge(java.util.Arrays.stream(phis.get(e)).boxed().toList(), (long) events.get(e), Long::sum);
        }
        List<String> warnings = new ArrayList<>();
        eventsAt.forEach((phi, pooled) -> surrogate.eventCountWarnings(pooled)
                .forEach(w -> warnings.add("phi " + phi + ": " + w)));
        return warnings;
    }

    /**
     * The range part of {@link #validate()} alone, for requests that carry settings without events
     * (log-likelihood sums computed elsewhere, candidate settings of a design): the θ box inside the
     * surrogate's θ range and each φ (of the surrogate's length) inside its φ range, under its
     * {@link RangePolicy}.
     *
     * @return one warning per θ box or φ outside under {@link RangePolicy#WARN}; empty otherwise
     * @throws org.robotphysicist.data.OutOfSupportException for one outside under {@link RangePolicy#FAIL}
     */
    public static List<String> ranges(SurrogateLikelihood surrogate, Box theta, List<double[]> phis) {
        List<String> warnings = new ArrayList<>();
        SurrogateArguments.thetaBox(surrogate, "prior support", theta).ifPresent(warnings::add);
        for (int e = 0; e < phis.size(); e++) {
            SurrogateArguments.phi(surrogate, "experiment " + e + " phi", phis.get(e)).ifPresent(warnings::add);
        }
        return List.copyOf(warnings);
    }

    /**
     * Each experiment's event columns and φ length against {@code dims}.
     *
     * @param dims         the surrogate's (or simulator's) names of x and φ
     * @param observations the experiments
     * @throws DimensionMismatchException naming the experiment and what it should have
     */
    public static void requireShapes(Dimensions dims, List<Observation> observations) {
        for (int e = 0; e < observations.size(); e++) {
            Observation o = observations.get(e);
            if (o.events().cols() != dims.xDim()) {
                throw new DimensionMismatchException("observation " + e + " events: expected " + dims.xDim()
                        + " columns (the surrogate's x " + dims.xNames() + ") but found " + o.events().cols());
            }
            if (o.phi().length != dims.phiDim()) {
                throw new DimensionMismatchException("observation " + e + " phi: expected " + dims.phiDim()
                        + " values (the surrogate's phi " + dims.phiNames() + ") but found " + o.phi().length);
            }
        }
    }
}
