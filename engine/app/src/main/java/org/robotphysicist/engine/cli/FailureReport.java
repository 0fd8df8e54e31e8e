package org.robotphysicist.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.VisibleText;
import org.robotphysicist.data.simulator.SimulatorFailedException;
import org.robotphysicist.training.TrainingDivergedException;
import org.robotphysicist.training.device.GpuUnavailableException;
import picocli.CommandLine;

/**
 * Turns an exception that ends a command into one line on standard error and an exit code.
 *
 * <p>Invalid input (including unwritable output paths and malformed files) exits
 * {@value Rp#EXIT_INVALID_INPUT}; a failed simulator ({@link SimulatorFailedException}: an external
 * program that crashed, timed out, broke the protocol or reported an error) exits
 * {@value Rp#EXIT_SIMULATOR_FAILED}; an I/O failure while running (a full disk, a
 * port already in use), a diverged training or a missing GPU exits 1 with its message. Anything
 * else is a defect of the program: it also exits 1 with one line. The Java stack trace is printed
 * only when the environment variable {@value #TRACE_VARIABLE} is set to a value other than
 * {@code 0} or empty. Messages are escaped ({@link VisibleText}), so text quoted from a file cannot
 * break the line or reach the terminal as control characters.
 */
final class FailureReport implements CommandLine.IExecutionExceptionHandler {
    /** Environment variable that asks for stack traces. */
    static final String TRACE_VARIABLE = "RP_STACKTRACE";

    private final boolean traces;

    FailureReport(boolean traces) {
        this.traces = traces;
    }

    /** Traces as {@value #TRACE_VARIABLE} asks. */
    static FailureReport fromEnvironment() {
        String v = System.getenv(TRACE_VARIABLE);
        return new FailureReport(v != null && !v.isEmpty() && !v.equals("0"));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine line, CommandLine.ParseResult parseResult) {
        PrintWriter err = line.getErr();
        int exit;
        String text;
        if (ex instanceof InvalidInputException) {
            exit = Rp.EXIT_INVALID_INPUT;
            text = "invalid input: " + ex.getMessage();
        } else if (ex instanceof SimulatorFailedException) {
            exit = Rp.EXIT_SIMULATOR_FAILED;
            text = "simulator failed: " + ex.getMessage();
        } else if (ex instanceof UncheckedIOException || ex instanceof IOException
                || ex instanceof TrainingDivergedException || ex instanceof GpuUnavailableException) {
            exit = 1;
            text = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        } else {
            exit = 1;
            text = "failed: " + ex + (traces ? "" : " (set " + TRACE_VARIABLE + "=1 for the stack trace)");
        }
        err.println("rp: " + VisibleText.escape(text));
        if (traces) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exit;
    }
}
