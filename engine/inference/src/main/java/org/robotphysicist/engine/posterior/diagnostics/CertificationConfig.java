package org.robotphysicist.engine.posterior.diagnostics;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.certificate.CalibrationCertificate;

/**
 * How a {@link CalibrationCertifier} measures a surrogate.
 *
 * <p>The default of {@value #DEFAULT_DATASETS} datasets gives the tolerance its meaning: the
 * binomial standard error of a coverage, √(level·(1 − level)/n), is at most 0.016 (at level 0.5),
 * so the default tolerance ±0.05 is at least 3.2 standard errors at every level and a calibrated
 * surrogate is flagged by chance rarely. Fewer datasets make the verdict noisier: at 200 the
 * standard error at 0.5 is 0.035 and ±0.05 only 1.4 of them.
 *
 * @param eventsPerExperiment    N ≥ 1, the events per experiment the surrogate is meant for
 * @param datasets               prior-predictive datasets, ≥ 1
 * @param seed                   seed of the datasets (θ*, events and posterior draws)
 * @param tolerance              the allowed |coverage − level|, in (0, 1)
 * @param gridPointsPerDimension θ grid points per dimension, ≥ 3 (lowered so the grid holds at
 *                               most {@value #MAX_CERTIFIER_GRID_POINTS} points)
 * @param sbcDraws               posterior draws per dataset for the SBC ranks, L ≥ 1
 * @param sbcBins                rank histogram bins, dividing L + 1
 * @param fitTempering           whether to fit the surrogate's systematic tempering κ on the datasets
 *                               ({@link TemperingFit}, {@link org.robotphysicist.models.certificate.LikelihoodTempering})
 *                               and certify the tempered posteriors; neural kinds only
 * @param temperingNodes         settings along a one-dimensional φ range at which κ is fitted, ≥ 1, each
 *                               on a quarter as many datasets of its own (at least 50): with more than one, κ(φ) is
 *                               interpolated between evenly spaced nodes spanning the surrogate's φ range
 *                               and the certificate then checks it on its own, independent datasets; with
 *                               one (or φ that is not a one-dimensional range) κ is fitted on the
 *                               certificate's datasets and its coverage cross-fitted
 * @param temperingEvents        events per dataset at the tempering nodes, ≥ 1 (default
 *                               {@value #DEFAULT_TEMPERING_EVENTS_FACTOR} × N): the surrogate's bias grows like N
 *                               against a posterior width like 1/√N, so κ in τ = 1 + κN shows best on large
 *                               experiments: from K datasets its standard error is about √(2/K) / N<sub>t</sub>
 * @param temperingCriterion     what κ is fitted to optimize ({@link TemperingFit.Criterion}; default
 *                               {@link TemperingFit.Criterion#LOG_SCORE})
 */
public record CertificationConfig(int eventsPerExperiment, int datasets, long seed, double tolerance,
        int gridPointsPerDimension, int sbcDraws, int sbcBins, boolean fitTempering, int temperingNodes,
        int temperingEvents, TemperingFit.Criterion temperingCriterion) {
    /**
     * Default tempering nodes along a one-dimensional φ range: on Weinberg LO over √s ∈ [40, 100] GeV
     * a surrogate's κ peaked between 75 and 80 GeV, between the nodes of a coarser table.
     */
    public static final int DEFAULT_TEMPERING_NODES = 13;
    /** Default events per dataset at the tempering nodes, as a multiple of the certificate's N. */
    public static final int DEFAULT_TEMPERING_EVENTS_FACTOR = 5;
    /** Default number of prior-predictive datasets (see above). */
    public static final int DEFAULT_DATASETS = 1000;
    /** Default θ grid points per dimension. */
    public static final int DEFAULT_GRID_POINTS = 201;
    /**
     * The largest θ grid the certifier builds: one posterior per dataset keeps it well below a
     * single posterior's limit, {@link org.robotphysicist.engine.posterior.ThetaGrid#MAX_POINTS}.
     */
    public static final int MAX_CERTIFIER_GRID_POINTS = 200_000;

    public CertificationConfig {
        if (eventsPerExperiment < 1 || datasets < 1) {
            throw new InvalidInputException("calibration settings: expected at least 1 event per experiment and 1"
                    + " dataset but found " + eventsPerExperiment + " and " + datasets);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidInputException("calibration tolerance: expected a value in (0, 1) but found " + tolerance);
        }
        if (gridPointsPerDimension < 3) {
            throw new InvalidInputException("calibration grid: expected at least 3 points per dimension but found "
                    + gridPointsPerDimension);
        }
        if (temperingEvents < 1) {
            throw new InvalidInputException("calibration tempering events: expected at least 1 event per dataset but"
                    + " found " + temperingEvents);
        }
        if (temperingNodes < 1 || temperingNodes > 64) {
            throw new InvalidInputException("calibration tempering nodes: expected 1 to 64 but found " + temperingNodes);
        }
        if (temperingCriterion == null) {
            throw new InvalidInputException("calibration tempering fit: expected a criterion (coverage or log-score)"
                    + " but found none");
        }
        if (sbcDraws < 1 || sbcBins < 2 || (sbcDraws + 1) % sbcBins != 0) {
            throw new InvalidInputException("calibration SBC: expected L >= 1 draws and at least 2 bins dividing L + 1"
                    + " but found L = " + sbcDraws + " and " + sbcBins + " bins");
        }
    }

    /**
     * N events per experiment, {@value #DEFAULT_DATASETS} datasets, seed 1, tolerance
     * {@value CalibrationCertificate#DEFAULT_TOLERANCE}, {@value #DEFAULT_GRID_POINTS} grid points
     * per dimension, 99 SBC draws in 20 bins, the tempering fitted at
     * {@value #DEFAULT_TEMPERING_NODES} nodes on datasets of {@value #DEFAULT_TEMPERING_EVENTS_FACTOR}·N events
     * by the log score ({@link TemperingFit.Criterion#LOG_SCORE}).
     */
    public static CertificationConfig defaults(int eventsPerExperiment) {
        if (eventsPerExperiment < 1) {
            throw new InvalidInputException("calibration settings: expected at least 1 event per experiment but found "
                    + eventsPerExperiment);
        }
        return new CertificationConfig(eventsPerExperiment, DEFAULT_DATASETS, 1, CalibrationCertificate.DEFAULT_TOLERANCE,
                DEFAULT_GRID_POINTS, 99, 20, true, DEFAULT_TEMPERING_NODES,
                Math.multiplyExact(DEFAULT_TEMPERING_EVENTS_FACTOR, eventsPerExperiment), TemperingFit.Criterion.LOG_SCORE);
    }

    public CertificationConfig withDatasets(int n) {
        return new CertificationConfig(eventsPerExperiment, n, seed, tolerance, gridPointsPerDimension, sbcDraws,
                sbcBins, fitTempering, temperingNodes, temperingEvents, temperingCriterion);
    }

    public CertificationConfig withSeed(long s) {
        return new CertificationConfig(eventsPerExperiment, datasets, s, tolerance, gridPointsPerDimension, sbcDraws,
                sbcBins, fitTempering, temperingNodes, temperingEvents, temperingCriterion);
    }

    public CertificationConfig withTolerance(double t) {
        return new CertificationConfig(eventsPerExperiment, datasets, seed, t, gridPointsPerDimension, sbcDraws,
                sbcBins, fitTempering, temperingNodes, temperingEvents, temperingCriterion);
    }

    public CertificationConfig withGridPointsPerDimension(int points) {
        return new CertificationConfig(eventsPerExperiment, datasets, seed, tolerance, points, sbcDraws, sbcBins,
                fitTempering, temperingNodes, temperingEvents, temperingCriterion);
    }

    /** The same settings fitting the tempering or not. */
    public CertificationConfig withTemperingFit(boolean fit) {
        return new CertificationConfig(eventsPerExperiment, datasets, seed, tolerance, gridPointsPerDimension, sbcDraws,
                sbcBins, fit, temperingNodes, temperingEvents, temperingCriterion);
    }

    /** The same settings fitting κ at {@code nodes} settings along the φ range (1: at the certificate's φ). */
    public CertificationConfig withTemperingNodes(int nodes) {
        return new CertificationConfig(eventsPerExperiment, datasets, seed, tolerance, gridPointsPerDimension, sbcDraws,
                sbcBins, fitTempering, nodes, temperingEvents, temperingCriterion);
    }

    /** The same settings fitting κ on datasets of {@code events} events at the nodes. */
    public CertificationConfig withTemperingEvents(int events) {
        return new CertificationConfig(eventsPerExperiment, datasets, seed, tolerance, gridPointsPerDimension, sbcDraws,
                sbcBins, fitTempering, temperingNodes, events, temperingCriterion);
    }

    /** The same settings fitting κ by {@code criterion}. */
    public CertificationConfig withTemperingCriterion(TemperingFit.Criterion criterion) {
        return new CertificationConfig(eventsPerExperiment, datasets, seed, tolerance, gridPointsPerDimension, sbcDraws,
                sbcBins, fitTempering, temperingNodes, temperingEvents, criterion);
    }
}
