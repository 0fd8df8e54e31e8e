package org.robotphysicist.engine.cluster;

import java.io.Serializable;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.data.simulator.external.ExternalSimulator;
import org.robotphysicist.data.simulator.external.ExternalSimulatorConfig;

/**
 * How a worker opens the simulator a job names: a built-in or discovered simulator by name, or an
 * external program (docs/simulator-protocol.md) started by the worker itself, one process per task.
 *
 * @param name          the simulator's registry name; for an external program the name it reported
 * @param external      the external program's command line, or {@code null} for a registry simulator
 * @param startupMillis external program: longest wait for each handshake line
 * @param readMillis    external program: longest wait for each reply line
 */
public record SimulatorSpec(String name, String external, long startupMillis, long readMillis)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SimulatorSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("simulator spec: expected a simulator name but found "
                    + (name == null ? "null" : "a blank one"));
        }
        if (external != null && (startupMillis <= 0 || readMillis <= 0)) {
            throw new InvalidInputException("simulator spec: expected positive timeouts for the external program but"
                    + " found " + startupMillis + " ms and " + readMillis + " ms");
        }
    }

    /** A simulator from the registry ({@link SimulatorRegistry#discover()}). */
    public static SimulatorSpec named(String name) {
        return new SimulatorSpec(name, null, 0, 0);
    }

    /**
     * An external program, started with these timeouts.
     *
     * @param commandLine the program and its arguments as one shell-quoted string
     *                    ({@link ExternalSimulatorConfig#parse})
     */
    public static SimulatorSpec external(String name, String commandLine, long startupMillis, long readMillis) {
        ExternalSimulatorConfig.parse(commandLine); // refuse a bad command line here, not on every worker
        return new SimulatorSpec(name, commandLine, startupMillis, readMillis);
    }

    /**
     * Opens the simulator on this machine; the caller closes it ({@link AutoCloseable} for an
     * external program).
     */
    public Simulator open() {
        if (external == null) {
            return SimulatorRegistry.discover().create(name);
        }
        return ExternalSimulator.start(ExternalSimulatorConfig.parse(external).withTimeouts(startupMillis, readMillis));
    }

    /** Closes a simulator from {@link #open()} when it holds resources (an external program). */
    public static void close(Simulator simulator) {
        if (simulator instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the simulator " + simulator.name() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
