package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.simulator.external.SimulatorCrashedException;
import picocli.CommandLine;

class FailureReportTest {
    private record Report(int exit, String err) {
    }

    private static Report report(boolean traces, Exception e) {
        CommandLine cl = Rp.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = new FailureReport(traces).handleExecutionException(e, cl, null);
        return new Report(exit, err.toString());
    }

    @Test
    void invalidInputIsOneLineWithExitThree() {
        Report r = report(false, new MalformedDataException("f.csv line 2: expected a number but found 'x'"));
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit());
        assertEquals("rp: invalid input: f.csv line 2: expected a number but found 'x'" + System.lineSeparator(),
                r.err());
    }

    @Test
    void aFailedSimulatorIsOneLineWithItsOwnExitCode() {
        Report r = report(false, new SimulatorCrashedException("external simulator 'sim': expected a reply but the"
                + " program exited with status 139"));
        assertEquals(Rp.EXIT_SIMULATOR_FAILED, r.exit());
        assertEquals("rp: simulator failed: external simulator 'sim': expected a reply but the program exited with"
                + " status 139" + System.lineSeparator(), r.err());
    }

    @Test
    void anIoFailureIsOneLineWithExitOne() {
        Report r = report(false, new UncheckedIOException("could not write m.rpm: No space left on device",
                new IOException("No space left on device")));
        assertEquals(1, r.exit());
        assertEquals("rp: could not write m.rpm: No space left on device" + System.lineSeparator(), r.err());
    }

    @Test
    void anUnexpectedFailureIsOneLineUnlessTracesAreAskedFor() {
        Report quiet = report(false, new IllegalStateException("boom"));
        assertEquals(1, quiet.exit());
        assertEquals("rp: failed: java.lang.IllegalStateException: boom (set " + FailureReport.TRACE_VARIABLE
                + "=1 for the stack trace)" + System.lineSeparator(), quiet.err());
        Report traced = report(true, new IllegalStateException("boom"));
        assertEquals(1, traced.exit());
        assertTrue(traced.err().contains("\tat org.robotphysicist.engine.cli.FailureReportTest"), traced.err());
    }

    @Test
    void controlCharactersInMessagesAreEscaped() {
        Report r = report(false, new MalformedDataException("found 'a\0b\u001B[2J\nc'"));
        assertEquals("rp: invalid input: found 'a\\x00b\\x1B[2J\\x0Ac'" + System.lineSeparator(), r.err());
    }
}
