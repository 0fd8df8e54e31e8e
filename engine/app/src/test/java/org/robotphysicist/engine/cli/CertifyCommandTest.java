package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelManifest;

/**
 * {@code rp certify} gives a model file that has no certificate the one {@code rp train} would have
 * measured with the same settings, leaves the networks as they were, and refuses what it cannot
 * certify with a message naming what it expected and what it found.
 */
class CertifyCommandTest {
    /** A tiny MAF of the toy Gaussian at one setting: the test checks the wiring, not the surrogate. */
    private static final String[] TINY = {"train", "--simulator", "toy-gaussian", "--surrogate", "maf", "--prior",
        "-2,2", "--phi", "1", "--training-rows", "2000", "--epochs", "1", "--device", "cpu", "--no-plot", "-q",
        "--events", "20", "--certify-datasets", "40", "--seed", "7"};
    /** The same certificate settings for rp certify. */
    private static final String[] SAME = {"--events", "20", "--certify-datasets", "40", "--seed", "7"};

    @TempDir
    Path dir;

    private static String[] with(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private Path trained(String name, String... more) {
        Path model = dir.resolve(name);
        CliRun r = CliRun.of(with(with(TINY, more), "--output", model.toString()));
        assertEquals(0, r.exit(), r.err());
        return model;
    }

    private static CalibrationCertificate certificate(Path model) {
        return ModelFile.read(model).manifest().calibrationCertificate().orElseThrow();
    }

    @Test
    void aModelWithoutACertificateGetsTheOneTrainWouldHaveWrittenAndKeepsItsNetworks() {
        Path bare = trained("bare.rpm", "--no-certify");
        Path byTrain = trained("by-train.rpm");
        assertTrue(ModelFile.read(bare).manifest().calibrationCertificate().isEmpty(), "trained without one");
        Path out = dir.resolve("certified.rpm");
        CliRun r = CliRun.of(with(with(new String[] {"certify", "--model", bare.toString()}, SAME), "-o",
                out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("maf from " + bare + ", certified on toy-gaussian with theta ~ U")
                && r.out().contains("certifying on 40 prior-predictive datasets of 20 events at phi = [1.0] (the middle"
                + " of the model's phi range; --certify-phi to choose), fitting the tempering kappa on them")
                && r.out().contains("model written to " + out) && r.out().contains("calibration: 40 prior-predictive"
                + " datasets of 20 events"), "the simulator the model records, its ranges, and the table: " + r.out());
        assertEquals(certificate(byTrain), certificate(out), "the same network, datasets and settings give the"
                + " certificate rp train measured");
        ModelManifest before = ModelFile.read(bare).manifest();
        ModelManifest after = ModelFile.read(out).manifest();
        assertEquals(before.parametersSha256(), after.parametersSha256(), "the networks are not changed");
        assertEquals(before.provenance(), after.provenance(), "the training's provenance is kept");

        Path events = dir.resolve("ev.csv");
        CliRun sim = CliRun.of("simulate", "-q", "--simulator", "toy-gaussian", "--theta", "0.5", "--phi", "1",
                "--events", "20", "--seed", "5", "--out", events.toString());
        assertEquals(0, sim.exit(), sim.err());
        CliRun post = CliRun.of("posterior", "--model", out.toString(), "--events", events.toString(), "--grid",
                "51", "--no-plot", "--out", dir.resolve("p.json").toString());
        assertEquals(0, post.exit(), post.err());
        assertTrue(post.out().contains(certificate(out).summaryLine()), "rp posterior shows it: " + post.out());

        CliRun inPlace = CliRun.of("certify", "--model", out.toString(), "--events", "30", "--certify-datasets", "40",
                "-q", "-o", out.toString());
        assertEquals(0, inPlace.exit(), inPlace.err());
        assertEquals(out.toString(), inPlace.out().strip(), "quiet: only the path");
        assertEquals(30, certificate(out).eventsPerExperiment(), "measured again in place, at 30 events");
    }

    @Test
    void aModelOfAnExternalSimulatorIsCertifiedByThatProgram() {
        String command = "python3 '" + Path.of("..", "..", "examples", "python-simulator", "toy_gaussian.py")
                .toAbsolutePath().normalize() + "'";
        Path model = dir.resolve("external.rpm");
        CliRun train = CliRun.of("train", "--external", command, "--surrogate", "nsf", "--prior", "-2,2", "--phi",
                "1", "--training-rows", "2000", "--epochs", "1", "--device", "cpu", "--no-plot", "--no-certify", "-q",
                "-o", model.toString());
        assertEquals(0, train.exit(), train.err());
        Path out = dir.resolve("external-certified.rpm");
        CliRun unnamed = CliRun.of("certify", "--model", model.toString(), "-o", out.toString());
        assertEquals(2, unnamed.exit(), unnamed.err());
        assertTrue(unnamed.err().contains("expected --external COMMAND or --simulator NAME: the model was trained on"
                + " 'toy-gaussian-python', which is not a built-in or discovered simulator"), unnamed.err());
        // x is unbounded, so simulated datasets may reach past the training data's extremes.
        CliRun r = CliRun.of("certify", "--model", model.toString(), "--external", command, "--events", "20",
                "--certify-datasets", "40", "--range-policy", "warn", "-q", "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("toy-gaussian-python", certificate(out).simulator(), "the datasets came from the program");
    }

    @Test
    void whatCannotBeCertifiedIsRefusedNamingWhatWasExpectedAndFound() throws Exception {
        Path model = trained("m.rpm", "--no-certify");
        Path out = dir.resolve("out.rpm");
        String[] base = {"certify", "--model", model.toString(), "--events", "20", "--certify-datasets", "40", "-o",
            out.toString()};

        CliRun wider = CliRun.of(with(base, "--prior", "-3,2"));
        assertEquals(Rp.EXIT_INVALID_INPUT, wider.exit(), wider.err());
        assertTrue(wider.err().contains("--prior: expected a box inside the model's trained theta range")
                && wider.err().contains("but found"), wider.err());
        CliRun other = CliRun.of(with(base, "--simulator", "weinberg-lo"));
        assertEquals(Rp.EXIT_INVALID_INPUT, other.exit(), other.err());
        assertTrue(other.err().contains("--simulator: expected 'toy-gaussian', the simulator the model was trained on,"
                + " but found 'weinberg-lo'"), other.err());
        CliRun phis = CliRun.of(with(base, "--certify-phi", "1,2"));
        assertEquals(Rp.EXIT_INVALID_INPUT, phis.exit(), phis.err());
        assertTrue(phis.err().contains("--certify-phi: expected 1 value(s), one per phi component, but found 2"),
                phis.err());
        assertFalse(Files.exists(out), "nothing is written for a refused certification");

        Path tampered = dir.resolve("tampered.rpm");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 100] ^= 1;
        Files.write(tampered, bytes);
        CliRun changed = CliRun.of("certify", "--model", tampered.toString(), "-o", out.toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, changed.exit(), changed.err());
        assertTrue(changed.err().contains(tampered + ": SHA-256 mismatch"), changed.err());
        assertFalse(Files.exists(out), "nothing is written for a tampered file");

        CliRun noOutput = CliRun.of("certify", "--model", model.toString());
        assertEquals(2, noOutput.exit(), noOutput.err());
        assertTrue(noOutput.err().contains("Missing required option: '--output=FILE'"), noOutput.err());

        // With 40 datasets a coverage is a multiple of 0.025, so at level 0.68 it is at least 0.005 off.
        CliRun strict = CliRun.of(with(base, "--certify-tolerance", "0.001", "--require-calibrated"));
        assertEquals(CertificationOptions.EXIT_NOT_CALIBRATED, strict.exit(), strict.err());
        assertTrue(strict.err().contains("rp: warning: the maf surrogate is NOT calibrated: coverage"), strict.err());
        assertFalse(certificate(out).withinTolerance(), "the model is still written, with its verdict");
    }
}
