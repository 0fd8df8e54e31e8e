package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.dataset.EventCsv;

/**
 * {@code rp simulate/train/posterior} for a simulator whose experiments have no setting
 * ({@code crescent}): no {@code --phi}, a clear error when one is given, and a clear error when it
 * is left out for a simulator that has φ; {@code rp design} refuses, having nothing to choose.
 */
class NoSettingCommandTest {
    private static final String NO_SETTING = "the simulator's experiments have no setting";

    @TempDir
    Path dir;

    @Test
    void simulateTrainAndPosteriorRunWithoutPhi() throws Exception {
        Path events = dir.resolve("crescent.csv");
        CliRun sim = CliRun.of("simulate", "-q", "--simulator", "crescent", "--theta", "0.5,-1", "--events", "50",
                "--seed", "3", "--out", events.toString());
        assertEquals(0, sim.exit(), sim.err());
        assertEquals("x:x1,x:x2,theta:theta1,theta:theta2", Files.readAllLines(events).stream()
                .filter(l -> !l.startsWith("#")).findFirst().orElseThrow(), "header without phi columns");
        assertEquals(List.of(), EventCsv.read(events).dataset().schema().phiNames());

        Path model = dir.resolve("crescent.rpm");
        CliRun train = CliRun.of("train", "--simulator", "crescent", "--surrogate", "maf", "--training-rows", "2000",
                "--epochs", "1", "--hidden-layers", "1", "--hidden-width", "8", "--device", "cpu", "--no-certify",
                "--no-plot", "--seed", "5", "-o", model.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("maf"), train.out());

        Path out = dir.resolve("posterior.json");
        CliRun post = CliRun.of("posterior", "--model", model.toString(), "--events", events.toString(), "--grid",
                "21", "--no-plot", "--out", out.toString());
        assertEquals(0, post.exit(), post.err());
        assertTrue(post.out().startsWith("50 events\n"), "no setting in the summary: " + post.out());
        assertTrue(Files.readString(out).contains("\"phi\" : [ ]"), "the JSON's empty phi");
    }

    @Test
    void eventFilesWithoutPhiColumnsTrainAModelWithoutPhi() {
        Path events = dir.resolve("rows.csv");
        assertEquals(0, CliRun.of("simulate", "-q", "--simulator", "crescent", "--pairs", "300", "--events", "1",
                "--seed", "4", "--out", events.toString()).exit());
        Path model = dir.resolve("rows.rpm");
        CliRun train = CliRun.of("train", "--events-from", events.toString(), "--surrogate", "maf", "--epochs", "1",
                "--hidden-layers", "1", "--hidden-width", "8", "--device", "cpu", "--no-plot", "-o",
                model.toString());
        assertEquals(0, train.exit(), train.err());
        try (var s = org.robotphysicist.models.file.SurrogateFiles.load(model,
                org.robotphysicist.models.file.LoadOptions.defaults())) {
            assertEquals(List.of(), s.dimensions().phiNames());
            assertEquals(List.of("theta1", "theta2"), s.dimensions().thetaNames());
        }
    }

    @Test
    void phiGivenToASimulatorWithoutSettingIsRefused() {
        Path events = dir.resolve("e.csv");
        CliRun sim = CliRun.of("simulate", "--simulator", "crescent", "--theta", "0.5,-1", "--phi", "1", "--events",
                "10", "--out", events.toString());
        assertNotEquals(0, sim.exit());
        assertTrue(sim.err().contains("--phi: " + NO_SETTING), sim.err());

        CliRun train = CliRun.of("train", "--simulator", "slcp", "--phi-range", "0,1", "--training-rows", "1000",
                "--no-certify", "-o", dir.resolve("m.rpm").toString());
        assertNotEquals(0, train.exit());
        assertTrue(train.err().contains("--phi-range: " + NO_SETTING), train.err());

        CliRun made = CliRun.of("simulate", "-q", "--simulator", "crescent", "--theta", "0.5,-1", "--events", "10",
                "--out", events.toString());
        assertEquals(0, made.exit(), made.err());
        CliRun post = CliRun.of("posterior", "--simulator", "crescent", "--surrogate", "exact", "--events",
                events.toString(), "--phi", "1", "--grid", "11", "--no-plot", "--out", dir.resolve("p.json")
                        .toString());
        assertNotEquals(0, post.exit());
        assertTrue(post.err().contains("--phi: " + NO_SETTING), post.err());
    }

    @Test
    void phiLeftOutForASimulatorWithSettingsIsRefused() {
        CliRun train = CliRun.of("train", "--simulator", "toy-gaussian", "--prior", "-1,1", "--training-rows", "1000",
                "--no-certify", "-o", dir.resolve("m.rpm").toString());
        assertNotEquals(0, train.exit());
        assertTrue(train.err().contains("phi: expected exactly one of --phi V or --phi-range LO,HI but found neither"),
                train.err());
    }

    @Test
    void designRefusesASimulatorWithoutSetting() {
        CliRun r = CliRun.of("design", "--simulator", "crescent", "--rounds", "1", "--no-plot", "--out",
                dir.resolve("d").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("crescent has none: every experiment is the same, so there is nothing to design"),
                r.err());
    }
}
