package org.robotphysicist.engine.design.loop;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.Simulator;

/**
 * A stand-in for the real apparatus: each experiment is simulated at a hidden true θ, with the
 * experiment's event count (fixed, or Poisson(L·σ) under a fixed luminosity).
 */
public final class SimulatedExperimentRunner implements ExperimentRunner {
    private final Simulator simulator;
    private final Experiment experiment;
    private final double[] hiddenTheta;

    /** @param hiddenTheta the true θ, inside the simulator's θ domain */
    public SimulatedExperimentRunner(Simulator simulator, Experiment experiment, double[] hiddenTheta) {
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.hiddenTheta = simulator.thetaDomain().require("hidden theta", hiddenTheta).clone();
    }

    @Override
    public Matrix run(int round, double[] phi, SplittableRandom rng) {
        return experiment.run(simulator, hiddenTheta, phi, rng);
    }

    @Override
    public Optional<double[]> truth() {
        return Optional.of(hiddenTheta.clone());
    }

    @Override
    public String describe() {
        return "simulated by " + simulator.name() + " at hidden theta " + Arrays.toString(hiddenTheta);
    }
}
