package org.robotphysicist.data.simulator;

import java.util.SplittableRandom;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;

/** The validation and per-pair random streams shared by the batched simulation methods. */
final class BatchStreams {
    private BatchStreams() {
    }

    /**
     * Checks a batch's parameters against {@code simulator}'s domains and splits {@code rng} once per
     * (θ, φ) pair, in order, so the draws do not depend on how the pairs are scheduled.
     *
     * @param thetas (K, D<sub>θ</sub>), non-empty, within the θ domain
     * @param phis   (K, D<sub>φ</sub>), within the φ domain
     * @return K streams, the k-th for the k-th pair
     */
    static SplittableRandom[] split(Simulator simulator, Matrix thetas, Matrix phis, int nEventsEach,
            SplittableRandom rng) {
        Dimensions dims = simulator.dimensions();
        simulator.thetaDomain().requireRows("thetas", thetas.requireNonEmpty("thetas"));
        simulator.phiDomain().requireRows("phis", phis.requireShape("phis", thetas.rows(), dims.phiDim()));
        Require.positive("number of events per pair", nEventsEach);
        SplittableRandom[] streams = new SplittableRandom[thetas.rows()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = rng.split();
        }
        return streams;
    }
}
