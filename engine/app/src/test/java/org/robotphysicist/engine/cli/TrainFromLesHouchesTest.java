package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rp simulate --format lhe --reweight} then {@code rp train --events-from FILE.lhe}. */
class TrainFromLesHouchesTest {
    @TempDir
    Path dir;

    @Test
    void aFileWithReweightingPointsTrainsAFlowOnEveryPoint() {
        Path lhe = dir.resolve("z.lhe");
        CliRun s = CliRun.of("simulate", "--simulator", "z-lineshape", "--theta", "91.1875,2.4952,0.2315", "--phi",
                "91.2", "--events", "300", "--format", "lhe", "--reweight", "wide=91.1875,2.7,0.2315", "--reweight",
                "low=91.0,2.4952,0.2315", "--reweight", "sw=91.1875,2.4952,0.25", "--out", lhe.toString());
        assertEquals(0, s.exit(), s.err());
        Path model = dir.resolve("m.rpm");
        CliRun t = CliRun.of("train", "--simulator", "z-lineshape", "--events-from", lhe.toString(), "--surrogate",
                "maf", "--epochs", "1", "--hidden-width", "8", "--no-plot", "--output", model.toString());
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains(lhe + ": 300 events at theta [91.1875, 2.4952, 0.2315], phi [91.2], equal"
                + " weights: 300 rows"), t.out());
        assertTrue(t.out().contains(lhe + ": weight 'sw' at theta [91.1875, 2.4952, 0.25], effective sample size"),
                t.out());
        assertTrue(t.out().contains("theta in Box[[91.0, 91.1875] x [2.4952, 2.7] x [0.2315, 0.25]]"), t.out());
        assertTrue(Files.isRegularFile(model), "model file written");
    }

    @Test
    void thetaLabelsOnlyLesHouchesFilesAndReweightOnlyLesHouchesOutput() {
        CliRun noFiles = CliRun.of("train", "--simulator", "z-lineshape", "--theta", "91.1875,2.4952,0.2315",
                "--output", dir.resolve("m.rpm").toString());
        assertEquals(2, noFiles.exit(), noFiles.err());
        assertTrue(noFiles.err().contains("expected --theta only with --events-from FILE.lhe"), noFiles.err());
        CliRun csv = CliRun.of("simulate", "--simulator", "z-lineshape", "--theta", "91.1875,2.4952,0.2315", "--phi",
                "91.2", "--reweight", "a=91,2.5,0.23", "--out", dir.resolve("z.csv").toString());
        assertEquals(2, csv.exit(), csv.err());
        assertTrue(csv.err().contains("expected --reweight only with --format lhe"), csv.err());
        CliRun outside = CliRun.of("simulate", "--simulator", "z-lineshape", "--theta", "91.1875,2.4952,0.2315",
                "--phi", "91.2", "--format", "lhe", "--reweight", "a=80,2.5,0.23", "--out",
                dir.resolve("z.lhe").toString());
        assertTrue(outside.exit() != 0 && outside.err().contains("--reweight a"), outside.err());
    }
}
