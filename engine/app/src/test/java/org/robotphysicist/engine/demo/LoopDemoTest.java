package org.robotphysicist.engine.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.engine.design.loop.DesignOptions;
import org.robotphysicist.engine.posterior.PosteriorSummary;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The robot-physicist demo at tiny sizes (a flow of 2 000 rows, 1 epoch; 2 rounds of 100 events; 4
 * datasets per EIG estimate): the loop runs, the exact reference scores the same events, and the
 * model cache is reused, retrained on request and when its file is broken.
 */
class LoopDemoTest {
    @TempDir
    Path dir;

    private static LoopDemoConfig tiny() {
        LoopDemoConfig d = LoopDemoConfig.defaults();
        return d.toBuilder().rounds(2).eventsPerRound(100).surrogate("maf").trainingRows(2_000).trainingEpochs(1)
                .eigDatasets(4).evaluationsPerRound(2).verifications(0).gridPoints(51).device(DeviceRequest.CPU)
                .build();
    }

    private LoopDemoResult run(LoopDemoConfig config, boolean retrain, List<String> log) {
        DesignOptions options = new DesignOptions(log::add, ProgressReporter.silent()).withOutput(dir, false);
        return new LoopDemo(config, new DemoModelCache(dir), retrain, options).run();
    }

    @Test
    void theLoopRunsBesideTheExactReferenceAndTheModelIsCached() {
        LoopDemoConfig config = tiny();
        List<String> log = new ArrayList<>();
        LoopDemoResult first = run(config, false, log);
        Path model = new DemoModelCache(dir).fileFor(config);
        assertFalse(first.modelReused(), "the first run trains");
        assertTrue(Files.isRegularFile(model), "the model is saved at " + model);
        assertEquals(model.toString(), first.modelFile());
        assertEquals(2, first.rounds().size());
        for (LoopDemoResult.Round r : first.rounds()) {
            assertEquals(100, r.events());
            assertTrue(r.sqrtS() >= 40 && r.sqrtS() <= 100, "sqrt(s) " + r.sqrtS() + " outside [40, 100]");
        }
        // the exact posterior of 200 events covers the hidden value (seeded; sd about 0.03)
        PosteriorSummary exact = first.last().exactPosterior();
        String name = exact.parameters().get(0);
        assertTrue(exact.interval(name, 0.95).contains(first.hiddenTheta()), () -> "exact 95% interval "
                + exact.interval(name, 0.95) + " misses " + first.hiddenTheta());
        assertTrue(exact.standardDeviation()[0] < 0.06, "200 events narrow the exact posterior below 0.06 but its sd"
                + " is " + exact.standardDeviation()[0]);
        assertEquals(first.grid().length, first.exactDensity().length);
        assertTrue(Files.isRegularFile(dir.resolve("history.json")), "the loop writes its history beside the model");
        LoopDemoResult back = Json.readFile(writeJson(first), LoopDemoResult.class);
        assertEquals(LoopDemoResult.SCHEMA, back.schema());
        assertEquals(first.last().posterior().mean()[0], back.last().posterior().mean()[0]);

        List<String> second = new ArrayList<>();
        LoopDemoResult reused = run(config, false, second);
        assertTrue(reused.modelReused(), "the second run reuses the cached model: " + second);
        assertTrue(second.stream().anyMatch(l -> l.startsWith("surrogate: reusing " + model)), second.toString());
        assertArrayEquals(first.density(), reused.density(), 0, "the reused model gives the same posterior");

        LoopDemoResult retrained = run(config, true, new ArrayList<>());
        assertFalse(retrained.modelReused(), "retrain trains again");
    }

    @Test
    void aBrokenOrForeignCachedModelIsTrainedAgain() throws Exception {
        LoopDemoConfig config = tiny();
        Path model = new DemoModelCache(dir).fileFor(config);
        Files.write(model, new byte[] {1, 2, 3});
        List<String> log = new ArrayList<>();
        LoopDemoResult r = run(config, false, log);
        assertFalse(r.modelReused());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("surrogate: not reusing " + model + ": unreadable")),
                log.toString());
        LoopDemoConfig otherRange = config.toBuilder().sqrtSLower(50).sqrtSUpper(90).build();
        assertFalse(model.equals(new DemoModelCache(dir).fileFor(otherRange)), "other settings, another file");
        assertTrue(DemoModelCache.mismatch(model, otherRange, new org.robotphysicist.data.simulator.WeinbergLoSimulator())
                .orElseThrow().contains("trained on"), "a model of other ranges is refused on reuse");
    }

    @Test
    void settingsAreValidatedBeforeAnythingRuns() {
        LoopDemoConfig d = tiny();
        var events = assertThrows(InvalidInputException.class, () -> d.withLoop(2, 0, 4, 2, 51));
        assertTrue(events.getMessage().contains("expected a count >= 1 but found 0"), events.getMessage());
        var hist = assertThrows(InvalidInputException.class,
                () -> run(d.withTraining("histogram", 2_000, 1), false, new ArrayList<>()));
        assertTrue(hist.getMessage().contains("--surrogate histogram for the single-experiment demo"),
                hist.getMessage());
    }

    private Path writeJson(LoopDemoResult r) {
        Path out = dir.resolve("demo.json");
        Json.writeFile(out, r);
        return out;
    }
}
