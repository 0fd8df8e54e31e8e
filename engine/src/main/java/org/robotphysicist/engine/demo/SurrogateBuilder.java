package org.robotphysicist.engine.demo;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * Builds the surrogate likelihood the demo's posterior is computed with, from simulations only.
 * Builders are found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.robotphysicist.engine.demo.SurrogateBuilder}) and chosen by
 * {@link #name()} ({@code rp demo --surrogate NAME}), so a new surrogate plugs in without
 * touching the demo.
 */
public interface SurrogateBuilder {

    /** The name users pick it by, e.g. {@code histogram}, {@code classifier}. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /**
     * Builds the surrogate. If the result is {@link AutoCloseable} the demo closes it when done.
     */
    Built build(Request request);

    /**
     * What a builder gets.
     *
     * @param simulator  the simulator to learn from
     * @param thetaRange the prior range of θ the surrogate must cover
     * @param phi        the one experiment setting of the demo
     * @param config     the demo settings (sizes, epochs, device)
     * @param rng        the surrogate's own random stream
     * @param log        progress lines for the user
     * @param progress   progress of long stages
     */
    record Request(Simulator simulator, Box thetaRange, double[] phi, DemoConfig config, SplittableRandom rng,
            Consumer<String> log, ProgressReporter progress) {
    }

    /**
     * What a builder returns.
     *
     * @param surrogate      the surrogate likelihood
     * @param description    one line saying what was built (for the output and its JSON)
     * @param gpuFellBack    true when a GPU was requested for training and the CPU was used
     */
    record Built(SurrogateLikelihood surrogate, String description, boolean gpuFellBack) {
    }
}
