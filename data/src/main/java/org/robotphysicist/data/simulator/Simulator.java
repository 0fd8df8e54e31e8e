package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.dataset.EventDataset;

/**
 * A forward model: draws i.i.d. events x ~ p(x | θ, φ). The likelihood itself may be intractable;
 * see {@link TractableSimulator} for the ones where it is not.
 *
 * <p>Randomness comes only from the {@link SplittableRandom} passed in. The batched form splits
 * it once per (θ, φ) pair, in order, so results do not depend on how pairs are scheduled.
 *
 * <p>Implementations provide {@link #draw}; callers use {@link #simulate} and
 * {@link #simulateBatch}, which validate first.
 */
public interface Simulator {

    /** Short stable identifier, recorded in provenance (e.g. {@code "weinberg-lo"}). */
    String name();

    /** Names and dimensions of θ, φ and x. */
    Dimensions dimensions();

    /**
     * The unit of each θ component, for axis labels ("GeV"; "" for a dimensionless one or one
     * whose unit is not declared). Default: none declared.
     */
    default java.util.List<String> thetaUnits() {
        return java.util.Collections.nCopies(dimensions().thetaDim(), "");
    }

    /**
     * Display names and units of θ, φ and x, for plot axes, titles and printed tables. Default: the
     * identifiers of {@link #dimensions()} with {@link #thetaUnits()} and no φ or x units.
     */
    default org.robotphysicist.data.DisplayNames displayNames() {
        return org.robotphysicist.data.DisplayNames.plain(dimensions(), thetaUnits());
    }

    /**
     * The function that turns particle records (Les Houches events) into this simulator's x, where
     * the simulator has one: the same function it applies to its own events, so that event files and
     * simulated events give the same observables. Default: none.
     */
    default java.util.Optional<org.robotphysicist.data.lhe.EventRecordObservables> eventRecordObservables() {
        return java.util.Optional.empty();
    }

    /** The parameter values this simulator accepts. */
    Box thetaDomain();

    /** The experiment settings this simulator accepts. */
    Box phiDomain();

    /** Where events can fall; bounds may be infinite. */
    Box xSupport();

    /**
     * Fills {@code out} (row-major, shape (n, D<sub>x</sub>)) with n events at (θ, φ).
     * Called only with validated arguments: finite, right lengths, inside the domains, n ≥ 1.
     * Throws {@link InvalidInputException} for parameter combinations the model excludes beyond
     * its box domains.
     */
    void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out);

    /** Events at one (θ, φ): a matrix (nEvents, D<sub>x</sub>). */
    default Matrix simulate(double[] theta, double[] phi, int nEvents, SplittableRandom rng) {
        thetaDomain().require("theta", theta);
        phiDomain().require("phi", phi);
        Require.positive("number of events", nEvents);
        if (rng == null) {
            throw new InvalidInputException("rng: expected a SplittableRandom but found null");
        }
        double[] out = new double[nEvents * dimensions().xDim()];
        draw(theta.clone(), phi.clone(), nEvents, rng, out);
        return Matrix.of(nEvents, dimensions().xDim(), out);
    }

    /**
     * Events for K (θ, φ) pairs, {@code nEventsEach} per pair, as one labelled dataset with
     * K·nEventsEach rows (pair k's events are rows [k·n, (k+1)·n)). Pair k draws from the k-th
     * {@code rng.split()}; pairs run in parallel.
     *
     * @param thetas (K, D<sub>θ</sub>)
     * @param phis   (K, D<sub>φ</sub>)
     */
    default EventDataset simulateBatch(Matrix thetas, Matrix phis, int nEventsEach, SplittableRandom rng) {
        Dimensions dims = dimensions();
        SplittableRandom[] streams = BatchStreams.split(this, thetas, phis, nEventsEach, rng);
        int k = thetas.rows();
        int dx = dims.xDim();
        double[][] blocks = new double[k][];
        IntStream.range(0, k).parallel().forEach(i -> {
            double[] out = new double[nEventsEach * dx];
            draw(thetas.row(i), phis.row(i), nEventsEach, streams[i], out);
            blocks[i] = out;
        });
        return EventDataset.fromBlocks(dims, blocks, thetas, phis, nEventsEach);
    }
}
