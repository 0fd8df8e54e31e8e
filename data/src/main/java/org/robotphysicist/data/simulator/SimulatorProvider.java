package org.robotphysicist.data.simulator;

/**
 * A service through which a user's Java {@link Simulator} becomes available by name, found with
 * {@link java.util.ServiceLoader}: put the implementation on the class path and list its class in
 * {@code META-INF/services/org.robotphysicist.data.simulator.SimulatorProvider}.
 * {@link SimulatorRegistry} then lists it beside the built-in simulators, and {@code rp simulate
 * --simulator NAME} runs it.
 *
 * <p>Implementations need a public no-argument constructor (the {@code ServiceLoader} contract).
 * {@link #name()} must be a stable identifier of lower-case letters, digits and '-', not taken by
 * a built-in simulator.
 */
public interface SimulatorProvider {

    /** The name users pick the simulator by, e.g. {@code "my-detector-sim"}. */
    String name();

    /** One line saying what it simulates (θ, φ and x), shown by listings. */
    String description();

    /** A new simulator instance. */
    Simulator create();
}
