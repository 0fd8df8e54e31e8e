package org.robotphysicist.engine.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code rp} command line. Exit codes a script can rely on: 0 success, 2 bad usage (unknown
 * option, missing value), 3 invalid input (bad values, malformed files), 4 a GPU was requested
 * and the engine fell back to the CPU ({@code rp info}), 5 a trained surrogate outside its calibration
 * tolerance under {@code rp train --require-calibrated}, 6 a simulator failed (an external
 * simulator crashed, timed out, broke the protocol or reported an error), 1 any other failure. Every command takes
 * {@code --config FILE}, a JSON or YAML file equivalent to its flags ({@link ConfigFileDefaults}), {@code --verbose} and {@code --log-file FILE} ({@link LoggingOptions}).
 * A failure is reported in one line ({@link FailureReport}); {@code RP_STACKTRACE=1} adds the
 * Java stack trace.
 */
@Command(name = "rp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Robot Physicist: simulation-based inference and adaptive experiment design.",
        subcommands = {CertifyCommand.class, DemoCommand.class, DesignCommand.class, InfoCommand.class,
            PosteriorCommand.class, ServeCommand.class, SimulateCommand.class, TrainCommand.class, KeygenCommand.class,
            SignCommand.class, CommandLine.HelpCommand.class})
public final class Rp implements Runnable {
    /** The exit code for invalid input (bad values, malformed files). */
    public static final int EXIT_INVALID_INPUT = 3;
    /** The exit code for a simulator that failed (an external program crashed, timed out or broke the protocol). */
    public static final int EXIT_SIMULATOR_FAILED = 6;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Prints the usage: {@code rp} without a command. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the project's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Rp());
        ConfigFileDefaults configFiles = new ConfigFileDefaults();
        cl.setDefaultValueProvider(configFiles);
        cl.setExecutionStrategy(parseResult -> {
            configFiles.validate(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler(FailureReport.fromEnvironment());
        return cl;
    }

    /**
     * Runs the command line and exits with its code. The logging options ({@link LoggingOptions})
     * are applied first, before any logger exists.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        try {
            LoggingOptions.configure(java.util.Arrays.asList(args));
        } catch (org.robotphysicist.data.InvalidInputException e) {
            System.err.println("rp: invalid input: " + e.getMessage());
            System.exit(EXIT_INVALID_INPUT);
        }
        int exit;
        try {
            exit = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // not an Exception, so no handler sees it; the limits of each command should prevent it
            System.err.println("rp: out of memory (the JVM may use " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB): ask for less work, or give it more memory (RP_JAVA_OPTS=-Xmx...)");
            exit = 1;
        }
        System.exit(exit);
    }
}
