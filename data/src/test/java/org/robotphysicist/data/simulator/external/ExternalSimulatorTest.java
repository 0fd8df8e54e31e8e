package org.robotphysicist.data.simulator.external;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.simulator.SimulatorFailedException;

/**
 * The client against a deliberately misbehaving program (a POSIX sh script in the test
 * resources): every failure must end in a clear exception within the timeouts, never a hang, and
 * leave no process behind.
 */
class ExternalSimulatorTest {
    private static final Path SCRIPT = Path.of("src/test/resources/org/robotphysicist/data/simulator/external/"
            + "misbehaving-simulator.sh").toAbsolutePath();
    private static final double[] THETA = {1.5};
    private static final double[] PHI = {0.5};

    @TempDir
    Path dir;

    private static ExternalSimulatorConfig config(String mode, String... more) {
        String[] cmd = new String[3 + more.length];
        cmd[0] = "sh";
        cmd[1] = SCRIPT.toString();
        cmd[2] = mode;
        System.arraycopy(more, 0, cmd, 3, more.length);
        return ExternalSimulatorConfig.of(cmd).withTimeouts(2_000, 400);
    }

    private static <T extends Throwable> T failsWithin(Class<T> type, Duration limit,
            org.junit.jupiter.api.function.Executable body) {
        return assertTimeoutPreemptively(limit, () -> assertThrows(type, body));
    }

    private static Matrix simulateOnce(String mode) {
        try (ExternalSimulator s = ExternalSimulator.start(config(mode))) {
            return s.simulate(THETA, PHI, 5, new SplittableRandom(1));
        }
    }

    @Test
    void aWellBehavedProgramServesRequestsAndAnnouncesItsDomains() {
        try (ExternalSimulator s = ExternalSimulator.start(config("ok"))) {
            assertEquals("misbehaving", s.name());
            assertEquals(1, s.protocolVersion());
            assertEquals(List.of("t"), s.dimensions().thetaNames());
            assertEquals(List.of("v"), s.dimensions().xNames());
            assertEquals(Box.interval(-10, 10), s.thetaDomain());
            assertEquals(Box.interval(-5, 5), s.xSupport());
            Matrix x = s.simulate(THETA, PHI, 7, new SplittableRandom(1));
            assertEquals(7, x.rows());
            for (int i = 0; i < 7; i++) {
                assertEquals(1.5, x.get(i, 0));
            }
            // validation happens before anything is sent
            assertThrows(OutOfSupportException.class, () -> s.simulate(new double[] {11}, PHI, 1, new SplittableRandom(1)));
        }
    }

    @Test
    void aProgramWithoutPhiLinesHasExperimentsWithoutSetting() {
        try (ExternalSimulator s = ExternalSimulator.start(config("no-phi"))) {
            assertEquals(List.of(), s.dimensions().phiNames());
            assertEquals(Box.empty(), s.phiDomain());
            Matrix x = s.simulate(THETA, new double[0], 3, new SplittableRandom(1));
            assertEquals(Matrix.ofColumn(1.5, 1.5, 1.5), x);
            var e = assertThrows(org.robotphysicist.data.DimensionMismatchException.class,
                    () -> s.simulate(THETA, PHI, 1, new SplittableRandom(1)));
            assertTrue(e.getMessage().contains("phi length"), e.getMessage());
        }
    }

    @Test
    void batchedSimulationRunsThroughAPoolOfProcesses() {
        try (ExternalSimulator s = ExternalSimulator.start(config("ok").withProcesses(3))) {
            Matrix thetas = Matrix.ofColumn(-2, -1, 0, 1, 2, 3, 4, 4.5);
            Matrix phis = Matrix.repeatRow(PHI, 8);
            EventDataset d = s.simulateBatch(thetas, phis, 50, new SplittableRandom(3));
            assertEquals(400, d.size());
            Matrix x = d.x();
            Matrix t = d.theta();
            for (int i = 0; i < d.size(); i++) {
                assertEquals(t.get(i, 0), x.get(i, 0), "row " + i + ": the event echoes its own theta");
            }
            assertTrue(s.pids().size() >= 1 && s.pids().size() <= 3, "pool size " + s.pids());
        }
    }

    @Test
    void closingStopsEveryProcess() throws Exception {
        List<Long> pids;
        try (ExternalSimulator s = ExternalSimulator.start(config("ok").withProcesses(2))) {
            s.simulateBatch(Matrix.ofColumn(0, 1, 2, 3), Matrix.repeatRow(PHI, 4), 10, new SplittableRandom(1));
            pids = s.pids();
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " alive");
        }
    }

    @Test
    void silenceAtStartTimesOutAndKillsTheProgramAndItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        SimulatorTimeoutException e = failsWithin(SimulatorTimeoutException.class, Duration.ofSeconds(10),
                () -> ExternalSimulator.start(config("no-handshake", pidFile.toString()).withTimeouts(500, 400)));
        assertTrue(e.getMessage().contains("expected the handshake line 'rp-simulator 1' within 500 ms (start-up"
                + " timeout) but nothing came"), e.getMessage());
        assertChildGone(pidFile);
    }

    @Test
    void silenceAfterARequestTimesOutAndKillsTheProgramAndItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        try (ExternalSimulator s = ExternalSimulator.start(config("hang", pidFile.toString()))) {
            SimulatorTimeoutException e = failsWithin(SimulatorTimeoutException.class, Duration.ofSeconds(10),
                    () -> s.simulate(THETA, PHI, 5, new SplittableRandom(1)));
            assertTrue(e.getMessage().contains("expected 'events 1 5' within 400 ms (read timeout)"), e.getMessage());
            assertTrue(e.getMessage().contains("misbehaving simulator ready in mode hang"),
                    "stderr is quoted: " + e.getMessage());
            assertTrue(s.pids().isEmpty(), "the timed-out process left the pool: " + s.pids());
        }
        assertChildGone(pidFile);
    }

    @Test
    void aChildLeftRunningByAProgramThatQuitsCleanlyIsStoppedAtClose() throws Exception {
        Path pidFile = dir.resolve("orphan.pid");
        try (ExternalSimulator s = ExternalSimulator.start(config("orphan", pidFile.toString()))) {
            assertArrayEquals(new double[] {1.5, 1.5}, s.simulate(THETA, PHI, 2, new SplittableRandom(1)).column(0));
        }
        assertChildGone(pidFile);
    }

    @Test
    void aChildLeftRunningByAProgramThatCrashesIsStopped() throws Exception {
        Path pidFile = dir.resolve("orphan.pid");
        try (ExternalSimulator s = ExternalSimulator.start(config("orphan-crash", pidFile.toString()))) {
            SimulatorCrashedException e = failsWithin(SimulatorCrashedException.class, Duration.ofSeconds(10),
                    () -> s.simulate(THETA, PHI, 2, new SplittableRandom(1)));
            assertTrue(e.getMessage().contains("exited with status 139"), e.getMessage());
            assertChildGone(pidFile);
        }
    }

    @Test
    void outputAfterTheLastReplyIsAProtocolErrorAtQuit() {
        ExternalSimulator s = ExternalSimulator.start(config("trailing-line"));
        assertArrayEquals(new double[] {1.5}, s.simulate(THETA, PHI, 1, new SplittableRandom(1)).column(0));
        long pid = s.pids().get(0);
        SimulatorProtocolException e = failsWithin(SimulatorProtocolException.class, Duration.ofSeconds(10), s::close);
        assertTrue(e.getMessage().contains("expected nothing on standard output after the last reply but found 'one"
                + " more thing' when asked to quit"), e.getMessage());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the program was stopped");
    }

    private static void assertChildGone(Path pidFile) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        boolean alive = true;
        while (System.nanoTime() < deadline && (alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
            Thread.sleep(20);
        }
        assertFalse(alive, "the program's child process " + pid + " is still running");
    }

    @Test
    void aCrashIsReportedWithItsExitStatusAndStandardError() {
        SimulatorCrashedException e = failsWithin(SimulatorCrashedException.class, Duration.ofSeconds(10),
                () -> simulateOnce("crash"));
        assertTrue(e.getMessage().contains("exited with status 139"), e.getMessage());
        assertTrue(e.getMessage().contains("simulated segmentation fault at theta=1.5"), e.getMessage());
        SimulatorCrashedException atStart = failsWithin(SimulatorCrashedException.class, Duration.ofSeconds(10),
                () -> ExternalSimulator.start(config("crash-at-start")));
        assertTrue(atStart.getMessage().contains("expected 'name <name>' but the program exited with status 7"),
                atStart.getMessage());
        assertTrue(atStart.getMessage().contains("fatal: cannot load tables"), atStart.getMessage());
        SimulatorCrashedException missing = assertThrows(SimulatorCrashedException.class,
                () -> ExternalSimulator.start(ExternalSimulatorConfig.of(dir.resolve("no-such-program").toString())));
        assertTrue(missing.getMessage().contains("expected a program that can be started"), missing.getMessage());
    }

    @Test
    void aCrashedProcessIsReplacedAtTheNextRequest() {
        try (ExternalSimulator s = ExternalSimulator.start(config("exit-quietly"))) {
            assertThrows(SimulatorCrashedException.class, () -> s.simulate(THETA, PHI, 2, new SplittableRandom(1)));
            // the replacement starts, handshakes, and exits again at its first request
            SimulatorCrashedException again = assertThrows(SimulatorCrashedException.class,
                    () -> s.simulate(THETA, PHI, 2, new SplittableRandom(1)));
            assertTrue(again.getMessage().contains("exited with status 0"), again.getMessage());
        }
    }

    @Test
    void malformedHandshakesAreProtocolErrors() {
        assertProtocolErrorAtStart("bad-version", "expected protocol version 1 (the versions this client speaks) but"
                + " the program speaks version 99");
        assertProtocolErrorAtStart("garbage-handshake", "expected the handshake line 'rp-simulator 1' but found"
                + " 'hello world'");
        assertProtocolErrorAtStart("no-theta", "expected at least one 'theta <name> <lower> <upper>' line but found"
                + " 'phi p 0 1'");
        assertProtocolErrorAtStart("nan-bound", "expected a number, inf or -inf as bound but found 'nan'");
        assertProtocolErrorAtStart("unknown-label", "expected 'label <name> <unit or -> <display name>' for one of the"
                + " names [t, p, v] but found 'label w GeV W'");
        SimulatorReportedErrorException refused = assertThrows(SimulatorReportedErrorException.class,
                () -> ExternalSimulator.start(config("refuse-start")));
        assertTrue(refused.getMessage().contains("refused to start: licence file /opt/sim/licence not found"),
                refused.getMessage());
    }

    private static void assertProtocolErrorAtStart(String mode, String expected) {
        SimulatorProtocolException e = failsWithin(SimulatorProtocolException.class, Duration.ofSeconds(10),
                () -> ExternalSimulator.start(config(mode)));
        assertTrue(e.getMessage().contains(expected), mode + ": " + e.getMessage());
    }

    @Test
    void malformedRepliesAreProtocolErrorsNamingWhatWasWrong() {
        assertProtocolError("chatty", "expected 'events 1 5' (or 'error 1 <message>') in reply to request 1 but found"
                + " 'computing 5 events ...'");
        assertProtocolError("wrong-id", "expected 'events 1 5' (or 'error 1 <message>') in reply to request 1 but found"
                + " 'events 999 5'");
        assertProtocolError("wrong-count", "expected 5 events in reply to request 1 but the program announced '6'");
        assertProtocolError("too-few", "expected 5 events in reply to request 1 but found 'end 1' after only 4");
        assertProtocolError("too-many", "expected 'end 1' after 5 events but found '1.5' (more events than the 5"
                + " requested)");
        assertProtocolError("wide", "expected 1 number [v] on event line 1 of request 1 but found 2: '1.5 1.5'");
        assertProtocolError("nan", "expected a finite number for v on event line 2 of request 1 but found nan");
        assertProtocolError("outside", "expected v in [-5.0, 5.0] (the announced x interval) on event line 1 of"
                + " request 1 but found 7.5");
        assertProtocolError("word", "expected a number for v on event line 1 of request 1 but found 'seven'");
    }

    private static void assertProtocolError(String mode, String expected) {
        SimulatorProtocolException e = failsWithin(SimulatorProtocolException.class, Duration.ofSeconds(10),
                () -> simulateOnce(mode));
        assertTrue(e.getMessage().contains(expected), mode + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("docs/simulator-protocol.md"), e.getMessage());
    }

    @Test
    void anErrorReplyIsReportedAndTheProcessKeepsServing() {
        try (ExternalSimulator s = ExternalSimulator.start(config("error-first"))) {
            long pid = s.pids().get(0);
            SimulatorReportedErrorException e = assertThrows(SimulatorReportedErrorException.class,
                    () -> s.simulate(THETA, PHI, 3, new SplittableRandom(1)));
            assertTrue(e.getMessage().contains("could not simulate 3 events at theta = [1.5], phi = [0.5]: theta 1.5 is"
                    + " not allowed today"), e.getMessage());
            assertInstanceOf(SimulatorFailedException.class, e, "a refusal is a simulator failure");
            assertFalse(InvalidInputException.class.isInstance(e), "a refusal is not invalid input");
            assertArrayEquals(new double[] {1.5, 1.5, 1.5}, s.simulate(THETA, PHI, 3, new SplittableRandom(1)).column(0));
            assertEquals(List.of(pid), s.pids(), "the same process served the second request");
        }
    }

    @Test
    void aClosedSimulatorRefusesWork() {
        ExternalSimulator s = ExternalSimulator.start(config("ok"));
        s.close();
        s.close();
        ExternalSimulatorException e = assertThrows(ExternalSimulatorException.class,
                () -> s.simulate(THETA, PHI, 1, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("it was closed"), e.getMessage());
    }

    @Test
    void protocolNumbersArePlainDecimalsOrTheNamedSpecialValues() {
        assertEquals(1.5e-3, Tokens.real("1.5e-3"));
        assertEquals(Double.NEGATIVE_INFINITY, Tokens.real("-inf"));
        assertTrue(Double.isNaN(Tokens.real("nan")));
        for (String bad : List.of("0.5d", "1F", "+0x1p1", "0X10", "0.5\0", "\u00011", "1e", "")) {
            assertThrows(NumberFormatException.class, () -> Tokens.real(bad), bad);
        }
    }

    @Test
    void commandLinesSplitLikeAShell() {
        assertEquals(List.of("python3", "my sim.py", "--name", "a \"b\"", "c\\d", "e f"),
                ExternalSimulatorConfig.splitCommandLine("python3 'my sim.py'  --name \"a \\\"b\\\"\" c\\\\d e\\ f"));
        assertEquals(List.of("x", ""), ExternalSimulatorConfig.splitCommandLine("x ''"));
        assertThrows(InvalidInputException.class, () -> ExternalSimulatorConfig.splitCommandLine("python3 'sim.py"));
        assertThrows(InvalidInputException.class, () -> ExternalSimulatorConfig.splitCommandLine("   "));
        assertEquals("python3 'my sim.py'", ExternalSimulatorConfig.of("python3", "my sim.py").commandLine());
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> ExternalSimulatorConfig.of("sim").withTimeouts(0, 10));
        assertTrue(bad.getMessage().contains("expected at least 1 ms but found start-up 0 ms"), bad.getMessage());
    }
}
