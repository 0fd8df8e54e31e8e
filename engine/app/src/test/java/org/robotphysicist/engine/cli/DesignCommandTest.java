package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.engine.design.loop.DesignConfig;
import org.robotphysicist.engine.design.loop.DesignHistory;
import org.robotphysicist.engine.design.loop.ExperimentSpec;

class DesignCommandTest {
    /** A run of a second or two: the exact likelihood, small EIG budgets, a coarse grid. */
    private static final String[] SMALL = {"--surrogate", "exact", "--eig-datasets", "8", "--evaluations", "5",
        "--initial-points", "3", "--grid", "101"};

    @TempDir
    Path dir;

    private static CliRun run(String[] base, String... more) {
        List<String> args = new ArrayList<>(List.of("design"));
        args.addAll(Arrays.asList(base));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void fixedEventCountRunWritesHistoryEventsAndPlotsAndResumes() {
        Path out = dir.resolve("events");
        CliRun r = run(SMALL, "--rounds", "2", "--events", "150", "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertEquals(out.resolve("history.json").toString(), r.out().trim());
        assertEquals("", r.err(), "quiet mode reports no progress");
        DesignHistory h = DesignHistory.read(out.resolve("history.json"));
        assertEquals(2, h.rounds().size());
        assertEquals(ExperimentSpec.events(150), h.config().experiment());
        assertEquals("exact", h.config().surrogate());
        assertEquals(0.2312, h.hiddenTheta()[0]);
        for (String f : List.of("events-round-01.csv", "events-round-02.csv", "eig-round-02.png",
                "posterior-round-02.png", "posteriors.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), () -> f + " missing from " + out);
        }

        CliRun more = CliRun.of("design", "--resume", "--rounds", "3", "--out", out.toString());
        assertEquals(0, more.exit(), more.err());
        assertTrue(more.out().contains("resumed after round 2 of 3"), more.out());
        assertTrue(more.out().contains("round 3/3"), more.out());
        assertTrue(more.out().contains("hidden sin2_theta_w = 0.23120"), more.out());
        assertEquals(3, DesignHistory.read(out.resolve("history.json")).rounds().size());

        CliRun mixed = CliRun.of("design", "--resume", "--events", "10", "--out", out.toString());
        assertEquals(2, mixed.exit(), mixed.out());
        assertTrue(mixed.err().contains("found --events"), mixed.err());
        CliRun missing = CliRun.of("design", "--resume", "--out", dir.resolve("nothing").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, missing.exit());
        assertTrue(missing.err().contains("expected a design history at"), missing.err());
    }

    @Test
    void aResumedRunDrawsPlotsOnlyIfTheRunItContinuesDid() {
        Path out = dir.resolve("quiet");
        CliRun first = run(SMALL, "--rounds", "1", "--events", "100", "--no-plot", "--out", out.toString(), "-q");
        assertEquals(0, first.exit(), first.err());
        CliRun resumed = CliRun.of("design", "--resume", "--rounds", "2", "--out", out.toString(), "-q");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(2, DesignHistory.read(out.resolve("history.json")).rounds().size());
        assertTrue(Files.isRegularFile(out.resolve("events-round-02.csv")));
        assertTrue(Files.notExists(out.resolve("eig-round-02.png")) && Files.notExists(out.resolve("posteriors.png")),
                "a run started with --no-plot stays without plots");
        CliRun plotted = CliRun.of("design", "--resume", "--rounds", "3", "--plot", "--out", out.toString(), "-q");
        assertEquals(0, plotted.exit(), plotted.err());
        assertTrue(Files.isRegularFile(out.resolve("eig-round-03.png")), "--plot given now wins");
    }

    @Test
    void fixedLuminosityRunFromAConfigFile() throws Exception {
        Path out = dir.resolve("lumi");
        Path yaml = dir.resolve("design.yaml");
        Files.writeString(yaml, "surrogate: exact\neig-datasets: 8\nevaluations: 4\ninitial-points: 2\ngrid: 101\n"
                + "rounds: 1\nluminosity: 0.4\nphi-range: [60, 95]\nplot: false\nout: " + out + "\n");
        CliRun r = CliRun.of("design", "--config", yaml.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("round 1/1"), r.out());
        DesignHistory h = DesignHistory.read(out.resolve("history.json"));
        assertEquals(ExperimentSpec.luminosity(0.4), h.config().experiment());
        assertTrue(h.config().extendedLikelihood());
        assertEquals(60.0, h.config().phiLower()[0]);
        assertTrue(Files.notExists(out.resolve("posteriors.png")), "plot: false draws nothing");
    }

    @Test
    void badInputExitsWithClearMessages() {
        CliRun phi = run(SMALL, "--phi-range", "5,100", "--out", dir.toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, phi.exit());
        assertTrue(phi.err().contains("expected a box inside the simulator's domain"), phi.err());
        CliRun rounds = run(SMALL, "--rounds", "0");
        assertEquals(Rp.EXIT_INVALID_INPUT, rounds.exit());
        assertTrue(rounds.err().contains("rounds: expected at least 1"), rounds.err());
        CliRun hidden = run(SMALL, "--hidden-theta", "0.5");
        assertEquals(Rp.EXIT_INVALID_INPUT, hidden.exit());
        assertTrue(hidden.err().contains("expected a value inside the prior range"), hidden.err());
        CliRun both = run(SMALL, "--events", "10", "--luminosity", "1");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("either --events N or --luminosity L but found both"), both.err());
        CliRun surrogate = CliRun.of("design", "--surrogate", "flow", "--out", dir.toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, surrogate.exit());
        assertTrue(surrogate.err().contains("expected one of [exact, histogram, classifier, maf, nsf"),
                surrogate.err());
        CliRun prior = run(SMALL, "--prior", "0.2");
        assertEquals(Rp.EXIT_INVALID_INPUT, prior.exit());
        assertTrue(prior.err().contains("--prior: expected 2 values (LO,HI for each of 1 components)"), prior.err());
        CliRun target = run(SMALL, "--target", "Gamma_Z");
        assertEquals(Rp.EXIT_INVALID_INPUT, target.exit());
        assertTrue(target.err().contains("EIG target: expected theta components among [sin2_theta_w] but found"
                + " 'Gamma_Z'"), target.err());
    }

    @Test
    void theVerificationsDatasetsAndRivalReachTheHistory() {
        Path byDefault = dir.resolve("default-verification");
        CliRun r = run(SMALL, "--rounds", "1", "--events", "100", "--out", byDefault.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        DesignHistory h = DesignHistory.read(byDefault.resolve("history.json"));
        assertEquals(4 * 8, h.config().verificationDatasets(), "by default 4 x --eig-datasets per re-estimate");
        assertTrue(h.config().verifyRival());
        assertTrue(h.rounds().get(0).verification().stream().allMatch(e -> e.datasets() == 32),
                () -> h.rounds().get(0).verification().toString());

        Path plain = dir.resolve("plain-verification");
        CliRun p = run(SMALL, "--rounds", "1", "--events", "100", "--verify-datasets", "8", "--no-verify-rival",
                "--out", plain.toString(), "-q");
        assertEquals(0, p.exit(), p.err());
        DesignHistory ph = DesignHistory.read(plain.resolve("history.json"));
        assertEquals(8, ph.config().verificationDatasets());
        assertFalse(ph.config().verifyRival());
        assertEquals(DesignConfig.DEFAULT_VERIFICATIONS, ph.rounds().get(0).verification().size(),
                "without the rival only the search's best settings are re-estimated");

        CliRun one = run(SMALL, "--verify-datasets", "1", "--out", dir.resolve("one").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, one.exit());
        assertTrue(one.err().contains("EIG verification datasets: expected at least 2 simulated datasets per"
                + " re-estimate (for a standard error) but found 1"), one.err());
    }

    @Test
    void helpListsTheOptions() {
        CliRun help = CliRun.of("design", "--help");
        assertEquals(0, help.exit());
        for (String option : List.of("--events", "--luminosity", "--rounds", "--phi-range", "--hidden-theta", "--prior",
                "--seed", "--surrogate", "--out", "--resume", "--quiet", "--config", "--target", "--verify-datasets",
                "verify-rival")) {
            assertTrue(help.out().contains(option), () -> option + " missing from " + help.out());
        }
        assertTrue(CliRun.of("--help").out().contains("design"));
    }
}
