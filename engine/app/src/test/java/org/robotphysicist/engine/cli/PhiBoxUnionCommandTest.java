package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * {@code rp train --phi-range A --phi-range B}: one model across the union of two φ ranges, which
 * its file records, and which {@code rp posterior} refuses to leave (a φ between the ranges).
 */
class PhiBoxUnionCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsAcrossTwoRangesAndRefusesPhiBetweenThem() {
        Path model = dir.resolve("two.rpm");
        CliRun train = CliRun.of("train", "--simulator", "toy-gaussian", "--prior", "-1,1", "--phi-range", "0.5,1",
                "--phi-range", "2,3", "--surrogate", "maf", "--training-rows", "2000", "--epochs", "1",
                "--hidden-layers", "1", "--hidden-width", "8", "--device", "cpu", "--no-certify", "--no-plot", "--seed",
                "2", "-o", model.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("over phi in Box[[0.5, 1.0]] u Box[[2.0, 3.0]]"), train.out());
        try (TrainedSurrogate s = SurrogateFiles.load(model, LoadOptions.defaults())) {
            assertEquals(List.of(Box.interval(0.5, 1), Box.interval(2, 3)), s.phiUnion().boxes());
            assertEquals(Box.interval(0.5, 3), s.phiRange());
        }

        Path events = dir.resolve("e.csv");
        assertEquals(0, CliRun.of("simulate", "-q", "--simulator", "toy-gaussian", "--theta", "0.2", "--phi", "1.5",
                "--events", "20", "--out", events.toString()).exit());
        CliRun gap = CliRun.of("posterior", "--model", model.toString(), "--events", events.toString(), "--grid", "21",
                "--no-plot", "--out", dir.resolve("gap.json").toString());
        assertNotEquals(0, gap.exit());
        assertTrue(gap.err().contains("expected a value inside one of the boxes Box[[0.5, 1.0]] u Box[[2.0, 3.0]] but"
                + " found [1.5]"), gap.err());
        CliRun inside = CliRun.of("posterior", "--model", model.toString(), "--events", events.toString(), "--phi",
                "2.5", "--grid", "21", "--no-plot", "--out", dir.resolve("in.json").toString());
        assertEquals(0, inside.exit(), inside.err());
    }
}
