package org.robotphysicist.engine.posterior;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.Simulator;

/**
 * K experiments to simulate at one setting φ, as an expected-information-gain estimate draws
 * them: experiment k records {@code experiment.run(simulator, θ_k, φ, streams.get(k))}, θ<sub>k</sub>
 * row k of {@code thetas}, its random stream already past the draw of θ<sub>k</sub>. Where the
 * experiments are simulated does not change them: the streams fix every event.
 *
 * @param simulator    the simulator to run
 * @param experiment   how much data one experiment records
 * @param thetas       (K, D<sub>θ</sub>) the parameters each experiment is simulated at
 * @param phi          the setting, length D<sub>φ</sub>
 * @param streams      K random streams, stream k for experiment k (used up by the simulation)
 * @param cancellation checked between experiments
 */
public record SimulatedExperiments(Simulator simulator, Experiment experiment, Matrix thetas, double[] phi,
        List<SplittableRandom> streams, Cancellation cancellation) {

    public SimulatedExperiments {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(cancellation, "cancellation");
        thetas.requireShape("experiment thetas", -1, simulator.dimensions().thetaDim()).requireNonEmpty(
                "experiment thetas");
        if (phi.length != simulator.dimensions().phiDim()) {
            throw new DimensionMismatchException("experiment setting phi", simulator.dimensions().phiDim(), phi.length);
        }
        phi = phi.clone();
        streams = List.copyOf(streams);
        if (streams.size() != thetas.rows()) {
            throw new InvalidInputException("experiments: expected one random stream per theta (" + thetas.rows()
                    + ") but found " + streams.size());
        }
    }

    /** K. */
    public int count() {
        return thetas.rows();
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    /** Runs experiment k here. */
    public Matrix run(int k) {
        cancellation.check();
        return experiment.run(simulator, thetas.row(k), phi, streams.get(k));
    }

    /** Runs all K experiments here, in parallel; each one's events in order (N<sub>k</sub> ≥ 0 rows). */
    public List<Matrix> runAll() {
        Matrix[] data = new Matrix[count()];
        java.util.stream.IntStream.range(0, data.length).parallel().forEach(i -> data[i] = run(i));
        return java.util.Arrays.asList(data);
    }
}
