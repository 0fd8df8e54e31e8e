package org.robotphysicist.engine.server;

import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;

/**
 * What a request will cost, computed from its fields before any work starts, in likelihood
 * evaluations: one (event, θ point) pair through one network. A grid posterior costs
 * N events × M grid points, an MCMC posterior N events × the θ points its chains evaluate
 * ({@link org.robotphysicist.engine.posterior.sampling.McmcPosterior#evaluations}), and S requested
 * samples add S (each is a row of the answer); an EIG request K candidates × D datasets × N events × M grid points
 * (every simulated dataset is evaluated on the whole grid). A model file holding an ensemble of E
 * networks evaluates every pair through each of them (the posterior is the mixture of the member
 * posteriors, the EIG's likelihood the per-event mixture density), so its evaluations count E times. A request above the server's
 * {@link ServerConfig#maxCost()} is refused with a 400 that names its cost, the limit and the
 * option that raises it ({@code --max-cost}), instead of tying up a worker until its timeout.
 *
 * <p>Two fixed limits bound memory rather than time: the events one EIG estimate simulates
 * (datasets × events, {@value #MAX_SIMULATED_EVENTS}) and the credibility levels of a posterior
 * ({@value #MAX_LEVELS}). Immutable.
 *
 * @param what      the request, for messages ("posterior request")
 * @param pairs     likelihood evaluations, saturating at {@link Long#MAX_VALUE}
 * @param breakdown how {@code pairs} was computed, for messages
 */
record RequestCost(String what, long pairs, String breakdown) {
    /** The most events one EIG estimate may simulate (datasets × events): 2²⁴, 128 MiB per x column. */
    static final long MAX_SIMULATED_EVENTS = 1L << 24;
    /** The most credibility levels a posterior request may ask for. */
    static final int MAX_LEVELS = 64;

    /**
     * A posterior of {@code events} events on {@code gridPoints} θ points through {@code members}
     * networks, with {@code samples} draws.
     */
    static RequestCost posterior(long events, long gridPoints, long samples, int members) {
        return new RequestCost("posterior request", sum(product(members, product(events, gridPoints)), samples),
                membersText(members) + events + " events x " + gridPoints + " grid points"
                        + (samples > 0 ? " + " + samples + " samples" : ""));
    }

    /**
     * An MCMC posterior of {@code events} events whose chains evaluate {@code thetaPoints} θ points
     * through {@code members} networks.
     */
    static RequestCost mcmcPosterior(long events, long thetaPoints, long samples, int members) {
        return new RequestCost("posterior request", sum(product(members, product(events, thetaPoints)), samples),
                membersText(members) + events + " events x " + thetaPoints + " MCMC theta points"
                        + (samples > 0 ? " + " + samples + " samples" : ""));
    }

    /**
     * EIG at {@code candidates} settings, {@code datasets} × {@code events} simulated each, on
     * {@code gridPoints}, through {@code members} networks.
     */
    static RequestCost eig(long candidates, long datasets, long events, long gridPoints, int members) {
        if (datasets * events > MAX_SIMULATED_EVENTS) {
            throw new InvalidInputException(String.format(Locale.ROOT, "eig request: expected at most %d simulated"
                    + " events per estimate (datasets x events) but found %d = %d datasets x %d events",
                    MAX_SIMULATED_EVENTS, datasets * events, datasets, events));
        }
        return new RequestCost("eig request", product(members, product(product(candidates, datasets),
                product(events, gridPoints))), membersText(members) + candidates + " candidates x " + datasets
                + " datasets x " + events + " events x " + gridPoints + " grid points");
    }

    /** "E ensemble members x " for an ensemble, nothing for one network. */
    private static String membersText(int members) {
        if (members < 1) {
            throw new IllegalArgumentException("ensemble members: expected at least 1 but found " + members);
        }
        return members == 1 ? "" : members + " ensemble members x ";
    }

    /** Refuses more than {@value #MAX_LEVELS} credibility levels. */
    static void requireLevels(int levels) {
        if (levels > MAX_LEVELS) {
            throw new InvalidInputException("posterior request field 'levels': expected at most " + MAX_LEVELS
                    + " credibility levels but found " + levels);
        }
    }

    /**
     * Returns when the cost is within {@code limit}.
     *
     * @throws InvalidInputException naming the cost, its breakdown, the limit and {@code --max-cost}
     */
    RequestCost requireAtMost(long limit) {
        if (pairs > limit) {
            throw new InvalidInputException(what + ": expected a cost of at most " + limit + " likelihood evaluations"
                    + " (rp serve --max-cost) but found " + (pairs == Long.MAX_VALUE ? "more than " : "") + pairs
                    + " = " + breakdown + "; ask for less or raise --max-cost");
        }
        return this;
    }

    private static long sum(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private static long product(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }
}
