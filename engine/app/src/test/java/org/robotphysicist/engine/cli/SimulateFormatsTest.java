package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.lhe.DimuonEventRecords;
import org.robotphysicist.data.lhe.LesHouchesFile;
import org.robotphysicist.data.lhe.LesHouchesReader;
import org.robotphysicist.data.lhe.ZLineshapeEventFile;
import org.robotphysicist.data.simulator.lineshape.BeamAndDetector;
import org.robotphysicist.data.testing.StatisticalAssertions;

/** {@code rp simulate --simulator z-lineshape} in its two output formats, CSV (the default) and LHE. */
class SimulateFormatsTest {
    private static final String[] THETA = {"--theta", "91.1875,2.4952,0.2315"};
    private static final double[] THETA_VALUES = {91.1875, 2.4952, 0.2315};

    @TempDir
    Path dir;

    @Test
    void csvIsTheDefaultAndCarriesTheThreeObservablesAndTheThreeParameters() {
        Path out = dir.resolve("z.csv");
        CliRun r = CliRun.of("simulate", "--simulator", "z-lineshape", THETA[0], THETA[1], "--phi", "91.2",
                "--events", "1000", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        EventCsv.Contents c = EventCsv.read(out);
        assertEquals(1000, c.dataset().size());
        assertEquals(3, c.dataset().x().cols(), "x = (cos theta*, acollinearity, m/sqrt s)");
        for (int j = 0; j < 3; j++) {
            final int col = j;
            assertTrue(Arrays.stream(c.dataset().theta().column(j)).allMatch(v -> v == THETA_VALUES[col]));
        }
        assertTrue(Arrays.stream(c.dataset().x().column(0)).allMatch(v -> Math.abs(v) <= 1), "cos theta* in [-1, 1]");
        double meanMass = Arrays.stream(c.dataset().x().column(2)).average().orElseThrow();
        assertTrue(meanMass > 0.95 && meanMass < 1.01, "mean m/sqrt s at the pole (little ISR): " + meanMass);
    }

    @Test
    void lheWritesGeneratorRecordsThatReadBackToTheSameObservables() throws IOException {
        Path out = dir.resolve("z.lhe");
        long seed = 11;
        CliRun r = CliRun.of("simulate", "--simulator", "z-lineshape", THETA[0], THETA[1], "--phi", "91.2",
                "--events", "1000", "--seed", Long.toString(seed), "--format", "lhe", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote 1000 events (Les Houches, generator level) from z-lineshape"), r.out());
        assertTrue(Files.readString(out).startsWith("<LesHouchesEvents version=\"3.0\">"), "an LHE file");

        LesHouchesFile read = LesHouchesReader.read(out);
        assertEquals(1000, read.events().size());
        assertEquals(91.2, read.init().sqrtS(), 1e-12, "nominal sqrt s from the <init> beam energies");
        assertTrue(read.header().contains("M_Z=\"91.1875\" Gamma_Z=\"2.4952\" sin2_theta_eff=\"0.2315\""),
                read.header());
        assertTrue(read.header().contains("seed: 11"), read.header());

        // The same events, generated in memory from the event stream of the master seed (the second split).
        SplittableRandom master = new SplittableRandom(seed);
        master.split();
        LesHouchesFile generated = ZLineshapeEventFile.generate(THETA_VALUES, 91.2, 1000, master.split(), Map.of(),
                BeamAndDetector.lepOneLike());
        Matrix fromFile = DimuonEventRecords.observables(read);
        Matrix inMemory = DimuonEventRecords.observables(generated);
        for (int j = 0; j < 3; j++) {
            assertArrayEquals(inMemory.column(j), fromFile.column(j), 1e-12,
                    "x column " + j + " after writing and reading the file");
        }

        // Same physics as the detector-level CSV: the forward-backward asymmetry agrees (cos theta* is
        // barely moved by 1 mrad angular smearing).
        Path csv = dir.resolve("z.csv");
        assertEquals(0, CliRun.of("simulate", "-q", "--simulator", "z-lineshape", THETA[0], THETA[1], "--phi",
                "91.2", "--events", "20000", "--seed", "12", "--out", csv.toString()).exit());
        double afbCsv = asymmetry(EventCsv.read(csv).dataset().x().column(0));
        double afbLhe = asymmetry(fromFile.column(0));
        StatisticalAssertions.assertWithinSigmas("A_FB, LHE (1000 events) vs CSV (20000 events)", afbCsv, afbLhe,
                Math.sqrt(1.0 / 1000 + 1.0 / 20000), 4);
    }

    @Test
    void lheIsRefusedForOtherSimulatorsAndForSeveralPairs() {
        CliRun other = CliRun.of("simulate", "--simulator", "weinberg-lo", "--theta", "0.23", "--phi", "91",
                "--format", "lhe", "--out", dir.resolve("w.lhe").toString());
        assertEquals(2, other.exit(), other.out());
        assertTrue(other.err().contains("expected --simulator z-lineshape"), other.err());
        CliRun pairs = CliRun.of("simulate", "--simulator", "z-lineshape", "--pairs", "2", "--format", "lhe",
                "--out", dir.resolve("p.lhe").toString());
        assertEquals(2, pairs.exit(), pairs.out());
        assertTrue(pairs.err().contains("expected --pairs 1"), pairs.err());
        assertFalse(Files.exists(dir.resolve("w.lhe")) || Files.exists(dir.resolve("p.lhe")), "no file written");
    }

    private static double asymmetry(double[] cosTheta) {
        return (2.0 * Arrays.stream(cosTheta).filter(v -> v > 0).count() - cosTheta.length) / cosTheta.length;
    }
}
