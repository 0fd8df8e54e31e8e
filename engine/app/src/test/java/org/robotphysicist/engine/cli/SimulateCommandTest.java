package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.simulator.WeinbergLoPhysics;
import org.robotphysicist.data.testing.Python3;
import org.robotphysicist.data.testing.StatisticalAssertions;

class SimulateCommandTest {
    private static final Path MISBEHAVING = Path.of("..", "..", "data", "src", "test", "resources", "org", "robotphysicist",
            "data", "simulator", "external", "misbehaving-simulator.sh").toAbsolutePath().normalize();
    private static final Path PYTHON_EXAMPLES = Path.of("..", "..", "examples", "python-simulator").toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    @Test
    void aBuiltInSimulatorWritesLabelledEventsWithProvenance() {
        Path out = dir.resolve("w.csv");
        CliRun r = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.2312", "--phi", "58", "--events",
                "10000", "--pairs", "2", "--seed", "7", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote 20000 events (2 pairs x 10000) from weinberg-lo"), r.out());
        assertTrue(r.err().contains("simulate: done, 20000/20000 events"), "progress on stderr: " + r.err());
        EventCsv.Contents c = EventCsv.read(out);
        assertEquals(20_000, c.dataset().size());
        assertTrue(Arrays.stream(c.dataset().theta().column(0)).allMatch(v -> v == 0.2312));
        assertTrue(Arrays.stream(c.dataset().phi().column(0)).allMatch(v -> v == 58.0));
        assertEquals("weinberg-lo", c.metadata().get("simulator"));
        assertEquals("7", c.metadata().get("seed"));
        assertEquals(c.dataset().sha256(), c.metadata().get("data_sha256"));
        Provenance p = Json.read(c.metadata().get("provenance"), Provenance.class, "CSV provenance");
        assertEquals("rp simulate", p.producer());
        assertEquals(7L, p.seeds().get("master"));
        assertEquals(10000, ((Number) p.config().get("events")).intValue());

        double[] cosTheta = c.dataset().x().column(0);
        double afb = (2.0 * Arrays.stream(cosTheta).filter(v -> v > 0).count() - cosTheta.length) / cosTheta.length;
        double expected = WeinbergLoPhysics.forwardBackwardAsymmetry(0.2312, 58);
        StatisticalAssertions.assertWithinSigmas("A_FB of simulated events", expected, afb,
                Math.sqrt((1 - expected * expected) / cosTheta.length), 4);
    }

    @Test
    void theSeedDecidesTheEvents() {
        String[] base = {"simulate", "-q", "--simulator", "toy-gaussian", "--theta", "1", "--phi", "2", "--events",
            "500", "--pairs", "3"};
        String a = hash(base, "--seed", "1", "a.csv");
        String b = hash(base, "--seed", "1", "b.csv");
        String c = hash(base, "--seed", "2", "c.csv");
        assertEquals(a, b, "equal seeds give equal events");
        assertNotEquals(a, c, "other seeds give other events");
    }

    private String hash(String[] base, String seedOption, String seed, String file) {
        String[] args = Arrays.copyOf(base, base.length + 4);
        args[base.length] = seedOption;
        args[base.length + 1] = seed;
        args[base.length + 2] = "--out";
        args[base.length + 3] = dir.resolve(file).toString();
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        assertEquals(dir.resolve(file).toString(), r.out().trim(), "quiet prints only the path");
        assertEquals("", r.err(), "quiet shows no progress");
        return EventCsv.read(dir.resolve(file)).dataset().sha256();
    }

    @Test
    void aDiscoveredSimulatorRunsAtParametersDrawnFromThePrior() {
        CliRun list = CliRun.of("simulate", "--list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("test-uniform-window") && list.out().contains("weinberg-lo"), list.out());

        Path out = dir.resolve("u.csv");
        CliRun r = CliRun.of("simulate", "--simulator", "test-uniform-window", "--prior", "0.2,0.6", "--phi-range",
                "0.1,0.3", "--pairs", "6", "--events", "200", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        EventCsv.Contents c = EventCsv.read(out);
        Matrix x = c.dataset().x();
        Matrix theta = c.dataset().theta();
        Matrix phi = c.dataset().phi();
        Set<Double> thetas = new HashSet<>();
        for (int i = 0; i < c.dataset().size(); i++) {
            double t = theta.get(i, 0);
            double w = phi.get(i, 0);
            thetas.add(t);
            assertTrue(t >= 0.2 && t <= 0.6 && w >= 0.1 && w <= 0.3, "row " + i + ": theta " + t + ", phi " + w);
            assertTrue(x.get(i, 0) >= t && x.get(i, 0) <= t + w, "row " + i + ": x " + x.get(i, 0));
        }
        assertEquals(6, thetas.size(), "one theta drawn per pair");
    }

    @Test
    void badRequestsExitWithUsageOrInvalidInputCodes() {
        CliRun neither = CliRun.of("simulate", "--theta", "1", "--phi", "1");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("expected exactly one of --simulator NAME or --external COMMAND but found"
                + " neither"), neither.err());
        assertEquals(2, CliRun.of("simulate", "--simulator", "toy-gaussian", "--external", "x", "--phi", "1").exit());
        CliRun both = CliRun.of("simulate", "--simulator", "toy-gaussian", "--theta", "1", "--prior", "0,1", "--phi",
                "1");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("expected either --theta or --prior but found both"), both.err());
        CliRun unknown = CliRun.of("simulate", "--simulator", "weinberg", "--theta", "0.2", "--phi", "50");
        assertEquals(Rp.EXIT_INVALID_INPUT, unknown.exit());
        assertTrue(unknown.err().contains("expected one of toy-gaussian, weinberg-lo, active-sciencing-toy"),
                unknown.err());
        CliRun outside = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "1.5", "--phi", "50");
        assertEquals(Rp.EXIT_INVALID_INPUT, outside.exit());
        assertTrue(outside.err().contains("--theta[0]: expected a value in [0.01, 0.99] but found 1.5"), outside.err());
        CliRun oddRange = CliRun.of("simulate", "--simulator", "weinberg-lo", "--prior", "0.2", "--phi", "50");
        assertEquals(Rp.EXIT_INVALID_INPUT, oddRange.exit());
        assertTrue(oddRange.err().contains("--prior: expected 2 values (LO,HI for each of 1 components) but found 1"),
                oddRange.err());
        CliRun wide = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.2", "--phi-range", "5,600",
                "--out", dir.resolve("never.csv").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, wide.exit());
        assertTrue(wide.err().contains("--phi-range: expected a box inside the simulator's domain Box[[10.0, 500.0]]"
                + " but found Box[[5.0, 600.0]]"), wide.err());
    }

    @Test
    void aDatasetTooLargeForMemoryIsRefusedBeforeAnythingIsDrawn() {
        CliRun pairs = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.23", "--phi", "58", "--pairs",
                "2000000000", "--out", dir.resolve("big.csv").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, pairs.exit(), pairs.err());
        assertTrue(pairs.err().contains("simulation size: expected at most 2147483639 values in one dataset but"
                + " 2000000000 pairs x 1000 events x 3 columns make 6000000000000 values"), pairs.err());
        CliRun events = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.23", "--phi", "58",
                "--events", "2000000000", "--out", dir.resolve("big.csv").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, events.exit(), events.err());
        assertTrue(events.err().contains("simulation size: expected at most"), events.err());
        // 3 columns per event: just over half the heap, where the heap is smaller than the largest array
        long overHalfTheHeap = Runtime.getRuntime().maxMemory() / 2 / Double.BYTES / 3 + 1;
        if (3 * overHalfTheHeap < Integer.MAX_VALUE - 8) {
            CliRun heap = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.23", "--phi", "58",
                    "--events", Long.toString(overHalfTheHeap), "--out", dir.resolve("big.csv").toString());
            assertEquals(Rp.EXIT_INVALID_INPUT, heap.exit(), heap.err());
            assertTrue(heap.err().contains("MiB the JVM may use"), heap.err());
        }
    }

    @Test
    void externalSimulatorOptionsAreRefusedWithABuiltInSimulatorAndValidatedAlways() throws Exception {
        CliRun timeout = CliRun.of("simulate", "--simulator", "toy-gaussian", "--theta", "1", "--phi", "1", "--timeout",
                "NaN", "--out", dir.resolve("t.csv").toString());
        assertEquals(2, timeout.exit(), timeout.err());
        assertTrue(timeout.err().contains("expected --timeout only with --external COMMAND"), timeout.err());
        CliRun processes = CliRun.of("simulate", "--simulator", "toy-gaussian", "--theta", "1", "--phi", "1",
                "--processes", "-2", "--startup-timeout", "3", "--out", dir.resolve("p.csv").toString());
        assertEquals(2, processes.exit(), processes.err());
        assertTrue(processes.err().contains("expected --startup-timeout, --processes only with --external"),
                processes.err());
        CliRun negative = CliRun.of("simulate", "--external", "sh '" + MISBEHAVING + "' ok", "--theta", "1", "--phi",
                "0.5", "--processes", "-2", "--out", dir.resolve("n.csv").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, negative.exit(), negative.err());
        assertTrue(negative.err().contains("--processes: expected at least 1 copy of the program but found -2"),
                negative.err());
        Path yaml = java.nio.file.Files.writeString(dir.resolve("sim.yaml"), "simulator: toy-gaussian\ntheta: 1\n"
                + "phi: 1\ntimeout: NaN\n");
        CliRun fromFile = CliRun.of("simulate", "--config", yaml.toString(), "--out", dir.resolve("f.csv").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, fromFile.exit(), fromFile.err());
        assertTrue(fromFile.err().contains("--timeout: expected a positive number of seconds but found NaN"),
                fromFile.err());
    }

    @Test
    void outputAfterTheLastReplyLeavesNoFile() {
        Path out = dir.resolve("trailing.csv");
        CliRun r = CliRun.of("simulate", "--external", "sh '" + MISBEHAVING + "' trailing-line", "--theta", "1",
                "--phi", "0.5", "--events", "3", "--out", out.toString());
        assertEquals(Rp.EXIT_SIMULATOR_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains("found 'one more thing' when asked to quit"), r.err());
        assertTrue(java.nio.file.Files.notExists(out), "nothing written from a simulator that broke the protocol");
    }

    @Test
    void anExternalSimulatorThatCrashesOrTimesOutExitsWithSimulatorFailed() {
        CliRun r = CliRun.of("simulate", "--external", "sh '" + MISBEHAVING + "' crash", "--theta", "1", "--phi",
                "0.5", "--timeout", "5", "--out", dir.resolve("x.csv").toString());
        assertEquals(Rp.EXIT_SIMULATOR_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains("rp: simulator failed: external simulator"), r.err());
        assertTrue(r.err().contains("exited with status 139"), r.err());
        CliRun hang = CliRun.of("simulate", "--external", "sh '" + MISBEHAVING + "' hang", "--theta", "1", "--phi",
                "0.5", "--timeout", "0.3", "--out", dir.resolve("y.csv").toString());
        assertEquals(Rp.EXIT_SIMULATOR_FAILED, hang.exit(), hang.err());
        assertTrue(hang.err().contains("within 300 ms (read timeout)"), hang.err());
    }

    @Test
    void thePythonExampleRunsThroughTheCommandLine() {
        Assumptions.assumeTrue(Python3.available(), Python3.SKIP_REASON);
        Path out = dir.resolve("py.csv");
        CliRun r = CliRun.of("simulate", "--external", "python3 '" + PYTHON_EXAMPLES.resolve("toy_gaussian.py") + "'",
                "--theta", "1.0", "--phi", "4.0", "--events", "4000", "--processes", "2", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        EventCsv.Contents c = EventCsv.read(out);
        assertEquals("toy-gaussian-python", c.metadata().get("simulator"));
        assertTrue(c.metadata().get("external").contains("toy_gaussian.py"));
        double mean = Arrays.stream(c.dataset().x().column(0)).average().orElseThrow();
        StatisticalAssertions.assertWithinSigmas("mean of the Python toy Gaussian", 1.0, mean, 2.0 / Math.sqrt(4000), 4);
    }
}
