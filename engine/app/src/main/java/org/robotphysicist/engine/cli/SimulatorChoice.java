package org.robotphysicist.engine.cli;

import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.data.simulator.external.ExternalSimulator;
import org.robotphysicist.data.simulator.external.ExternalSimulatorConfig;
import org.robotphysicist.engine.cluster.SimulatorSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The simulator a surrogate is built from or a design is run with ({@code rp train},
 * {@code rp design}): a built-in or discovered one by name, or an external program speaking the
 * simulator protocol. Whoever opens it closes it ({@link #close}).
 */
final class SimulatorChoice {
    /** The built-in simulator used when neither option is given. */
    static final String DEFAULT = "weinberg-lo";

    @Option(names = "--simulator", paramLabel = "NAME",
            description = "A built-in or discovered simulator (rp simulate --list; default " + DEFAULT + ").")
    String name;

    @Option(names = "--external", paramLabel = "COMMAND",
            description = "An external simulator program and its arguments, as one shell-quoted string"
                    + " (docs/simulator-protocol.md).")
    String external;

    /** Whether the simulator is an external program. */
    boolean isExternal() {
        return external != null;
    }

    /**
     * Starts the chosen simulator: the external program, the named one, or {@code fallback} by name
     * when neither option was given.
     *
     * @throws CommandLine.ParameterException when both options are given
     */
    Simulator open(CommandLine commandLine, String fallback) {
        if (name != null && external != null) {
            throw new CommandLine.ParameterException(commandLine, "expected at most one of --simulator NAME or"
                    + " --external COMMAND but found both");
        }
        return external != null ? ExternalSimulator.start(ExternalSimulatorConfig.parse(external))
                : SimulatorRegistry.discover().create(name != null ? name : fallback);
    }

    /**
     * How a cluster worker opens the simulator {@code opened} (from {@link #open}): the external
     * program's command line with its default timeouts, or the registry name.
     */
    SimulatorSpec spec(Simulator opened) {
        if (external == null) {
            return SimulatorSpec.named(opened.name());
        }
        ExternalSimulatorConfig config = ExternalSimulatorConfig.parse(external);
        return SimulatorSpec.external(opened.name(), external, config.startupTimeoutMillis(),
                config.readTimeoutMillis());
    }

    /** Stops an external simulator's processes (a built-in one holds nothing). */
    static void close(Simulator simulator) {
        if (simulator instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("rp: warning: closing the simulator: " + e.getMessage());
            }
        }
    }
}
