package org.robotphysicist.engine.surrogate;

import java.util.Objects;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Simulator;

/**
 * What a {@link SurrogateFactory} is asked for: a surrogate of {@code simulator}'s likelihood over
 * θ ∈ {@code thetaRange} and φ ∈ {@code phiRange} (both inside the simulator's domains), with the
 * settings of each kind, a random stream and somewhere to report progress.
 *
 * @param histogram settings of the histogram surrogate (ignored by other kinds)
 */
public record SurrogateRequest(Simulator simulator, Box thetaRange, Box phiRange, HistogramSettings histogram,
        SplittableRandom rng, ProgressReporter progress) {

    public SurrogateRequest {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(thetaRange, "theta range");
        Objects.requireNonNull(phiRange, "phi range");
        Objects.requireNonNull(histogram, "histogram settings");
        Objects.requireNonNull(rng, "rng");
        progress = progress == null ? ProgressReporter.silent() : progress;
        if (!thetaRange.within(simulator.thetaDomain())) {
            throw new OutOfSupportException("surrogate theta range: expected a box inside the simulator's theta domain "
                    + simulator.thetaDomain() + " but found " + thetaRange);
        }
        if (!phiRange.within(simulator.phiDomain())) {
            throw new OutOfSupportException("surrogate phi range: expected a box inside the simulator's phi domain "
                    + simulator.phiDomain() + " but found " + phiRange);
        }
    }
}
