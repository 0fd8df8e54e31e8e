package org.robotphysicist.engine.cluster;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.simulator.BlockedSimulation;
import org.robotphysicist.data.simulator.SimulationSeed;

/**
 * A simulation to spread over a cluster: K pairs (θ<sub>k</sub>, φ<sub>k</sub>) of n events
 * each, pair k's events drawn from the k-th split of the seed's event stream exactly as
 * {@link BlockedSimulation#run} draws them, so any split of the pairs into partitions gives the
 * events of the single-machine {@code rp simulate} with the same seed.
 *
 * @param simulator     the simulator every worker opens
 * @param thetas        K·D<sub>θ</sub> values, pair after pair
 * @param thetaDim      D<sub>θ</sub> ≥ 1
 * @param phis          K·D<sub>φ</sub> values, pair after pair (empty where experiments have no setting)
 * @param phiDim        D<sub>φ</sub> ≥ 0
 * @param eventsPerPair n ≥ 1
 * @param seed          the master seed the event stream derives from
 * @param metadata      key/value provenance written with the events (as the CSV's comment lines)
 */
public record ClusterSimulation(SimulatorSpec simulator, double[] thetas, int thetaDim, double[] phis, int phiDim,
        int eventsPerPair, SimulationSeed seed, Map<String, String> metadata) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ClusterSimulation {
        if (simulator == null || seed == null || thetas == null || phis == null) {
            throw new InvalidInputException("cluster simulation: expected a simulator, a seed, thetas and phis but"
                    + " found a null");
        }
        Require.positive("theta dimension", thetaDim);
        Require.positive("events per pair", eventsPerPair);
        if (phiDim < 0 || thetas.length == 0 || thetas.length % thetaDim != 0
                || phis.length != thetas.length / thetaDim * phiDim) {
            throw new InvalidInputException("cluster simulation: expected K x " + thetaDim + " theta values and K x "
                    + phiDim + " phi values for K >= 1 pairs but found " + thetas.length + " and " + phis.length);
        }
        Require.finite("cluster simulation thetas", thetas);
        Require.finite("cluster simulation phis", phis);
        thetas = thetas.clone();
        phis = phis.clone();
        metadata = Map.copyOf(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
    }

    /** From (K, D<sub>θ</sub>) and (K, D<sub>φ</sub>) matrices. */
    public static ClusterSimulation of(SimulatorSpec simulator, Matrix thetas, Matrix phis, int eventsPerPair,
            SimulationSeed seed, Map<String, String> metadata) {
        phis.requireShape("phis", thetas.rows(), -1);
        return new ClusterSimulation(simulator, thetas.toArray(), thetas.cols(), phis.toArray(), phis.cols(),
                eventsPerPair, seed, metadata);
    }

    /** K. */
    public int pairs() {
        return thetas.length / thetaDim;
    }

    /** K·n. */
    public long events() {
        return (long) pairs() * eventsPerPair;
    }

    /** θ of pair k. */
    public double[] theta(int k) {
        return java.util.Arrays.copyOfRange(thetas, k * thetaDim, (k + 1) * thetaDim);
    }

    /** φ of pair k (empty where experiments have no setting). */
    public double[] phi(int k) {
        return java.util.Arrays.copyOfRange(phis, k * phiDim, (k + 1) * phiDim);
    }

    @Override
    public double[] thetas() {
        return thetas.clone();
    }

    @Override
    public double[] phis() {
        return phis.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterSimulation c && c.simulator.equals(simulator) && c.thetaDim == thetaDim
                && c.phiDim == phiDim && c.eventsPerPair == eventsPerPair && c.seed.equals(seed)
                && java.util.Arrays.equals(c.thetas, thetas) && java.util.Arrays.equals(c.phis, phis)
                && c.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(simulator, thetaDim, phiDim, eventsPerPair, seed, metadata,
                java.util.Arrays.hashCode(thetas), java.util.Arrays.hashCode(phis));
    }

    @Override
    public String toString() {
        return "ClusterSimulation(" + simulator.name() + ", " + pairs() + " pairs x " + eventsPerPair + " events, seed "
                + seed.master() + ")";
    }
}
