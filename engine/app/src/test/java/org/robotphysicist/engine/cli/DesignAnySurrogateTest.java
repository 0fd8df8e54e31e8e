package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robotphysicist.engine.design.loop.DesignHistory;
import org.robotphysicist.engine.design.loop.DesignRound;
import org.robotphysicist.engine.design.loop.ExperimentDesigner;
import org.robotphysicist.engine.surrogate.FlowSurrogateKind;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.file.ModelFile;

/**
 * {@code rp design} with every surrogate kind, on the toy Gaussian and on weinberg-lo, from a model
 * file, and with an external simulator: each runs two rounds end to end at tiny sizes (neural kinds
 * train 2 000 rows for one epoch; a few EIG estimates of small experiments on a coarse grid). These
 * check the wiring — names and ranges from the simulator, the kind used, the history written — not
 * the quality of the choices.
 */
class DesignAnySurrogateTest {
    private static final Path PYTHON_EXAMPLES = Path.of("..", "..", "examples", "python-simulator").toAbsolutePath()
            .normalize();
    /** Two tiny rounds: 60 events, 4 datasets per EIG, 3 estimates per round, 41 grid points, no plots. */
    private static final String[] TINY = {"--rounds", "2", "--events", "60", "--eig-datasets", "4", "--evaluations",
        "3", "--initial-points", "2", "--grid", "41", "--training-rows", "2000", "--epochs", "1", "--histogram-events",
        "400", "--histogram-theta-cells", "5", "--histogram-phi-cells", "4", "--bins", "8", "--device", "cpu",
        "--no-plot", "-q"};
    private static final String[] TOY = {"--simulator", "toy-gaussian", "--prior", "-2,2", "--phi-range", "0.5,2"};

    @TempDir
    Path dir;

    private static CliRun design(Path out, String[]... parts) {
        List<String> args = new ArrayList<>(List.of("design"));
        for (String[] p : parts) {
            args.addAll(Arrays.asList(p));
        }
        args.addAll(List.of("--out", out.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static DesignHistory finished(CliRun r, Path out, String kind, String thetaName, String phiName) {
        assertEquals(0, r.exit(), r.err());
        DesignHistory h = DesignHistory.read(out.resolve("history.json"));
        assertEquals(2, h.rounds().size(), "two rounds");
        assertEquals(kind, h.config().surrogate());
        assertEquals(List.of(thetaName), h.dimensions().thetaNames(), "names come from the simulator");
        assertEquals(List.of(phiName), h.dimensions().phiNames());
        for (DesignRound round : h.rounds()) {
            assertTrue(Double.isFinite(round.posterior().mean()[0]) && Double.isFinite(round.chosen().value()),
                    kind + " round " + round.round() + ": " + round.posterior());
        }
        return h;
    }

    @ParameterizedTest
    @ValueSource(strings = {"exact", "histogram", "classifier", "maf", "nsf"})
    void everyKindDrivesTheLoopOnTheToyGaussian(String kind) {
        Path out = dir.resolve(kind);
        DesignHistory h = finished(design(out, TINY, TOY, new String[] {"--surrogate", kind}), out, kind, "mu",
                "variance");
        double phi = h.rounds().get(0).phi()[0];
        assertTrue(phi >= 0.5 && phi <= 2, "the chosen variance lies in the range: " + phi);
        assertEquals(0.0, h.hiddenTheta()[0], "the hidden value defaults to the middle of the prior");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exact", "histogram", "classifier", "maf", "nsf"})
    void everyKindDrivesTheLoopOnWeinberg(String kind) {
        Path out = dir.resolve(kind);
        DesignHistory h = finished(design(out, TINY, new String[] {"--surrogate", kind}), out, kind, "sin2_theta_w",
                "sqrt_s");
        double phi = h.rounds().get(1).phi()[0];
        assertTrue(phi >= 40 && phi <= 100, "the chosen sqrt(s) lies in the default range: " + phi);
    }

    /**
     * A design loop's classifier regresses the simulator's joint scores where it returns them (Weinberg
     * LO), says so and records the weight in the history; on a simulator without them, or with
     * {@code --score-weight 0}, it does not.
     */
    @Test
    void aDesignClassifierRegressesTheJointScoresWhereTheSimulatorReturnsThem() {
        String[] loud = Arrays.stream(TINY).filter(a -> !a.equals("-q")).toArray(String[]::new);
        CliRun weinberg = design(dir.resolve("scored"), loud, new String[] {"--surrogate", "classifier"});
        assertEquals(0, weinberg.exit(), weinberg.err());
        assertTrue(weinberg.out().contains("regressing the joint scores (weight 100)"), weinberg.out());
        assertEquals(100.0, DesignHistory.read(dir.resolve("scored").resolve("history.json")).config().training()
                .scoreWeight(), "the history records the weight, so a resumed run rebuilds the same surrogate");
        CliRun off = design(dir.resolve("off"), loud, new String[] {"--surrogate", "classifier", "--score-weight", "0"});
        assertEquals(0, off.exit(), off.err());
        assertFalse(off.out().contains("regressing the joint scores"), "--score-weight 0 is kept: " + off.out());
        CliRun toy = design(dir.resolve("toy"), loud, TOY, new String[] {"--surrogate", "classifier"});
        assertEquals(0, toy.exit(), toy.err());
        assertFalse(toy.out().contains("regressing the joint scores"), "the toy returns no scores: " + toy.out());
        assertNull(DesignHistory.read(dir.resolve("toy").resolve("history.json")).config().training().scoreWeight());
    }

    /**
     * Without {@code --epochs} a design loop's NSF trains for its design epochs, which its history
     * records, and every other kind for the general default; {@code --epochs} given is kept.
     */
    @Test
    void aDesignNsfTrainsForItsDesignEpochsUnlessEpochsAreGiven() {
        List<String> tiny = new ArrayList<>(Arrays.asList(TINY));
        int at = tiny.indexOf("--epochs");
        tiny.subList(at, at + 2).clear();
        tiny.remove("-q");
        String[] noEpochs = tiny.toArray(String[]::new);
        CliRun nsf = design(dir.resolve("nsf"), noEpochs, TOY, new String[] {"--surrogate", "nsf"});
        assertEquals(0, nsf.exit(), nsf.err());
        assertTrue(nsf.out().contains(FlowSurrogateKind.Nsf.DESIGN_EPOCHS + " epochs on cpu"),
                "the NSF trained for its design epochs: " + nsf.out());
        assertEquals(FlowSurrogateKind.Nsf.DESIGN_EPOCHS, DesignHistory.read(dir.resolve("nsf").resolve("history.json"))
                .config().training().epochs(), "the history records the epochs, so a resumed run trains alike");
        CliRun maf = design(dir.resolve("maf"), noEpochs, TOY, new String[] {"--surrogate", "maf"});
        assertEquals(0, maf.exit(), maf.err());
        assertTrue(maf.out().contains(SurrogateTrainingConfig.DEFAULT_EPOCHS + " epochs on cpu"),
                "the MAF keeps the general default: " + maf.out());
        assertNull(DesignHistory.read(dir.resolve("maf").resolve("history.json")).config().training().epochs(),
                "the MAF's history leaves the epochs to the kind's default");
        CliRun given = design(dir.resolve("given"), noEpochs, TOY, new String[] {"--surrogate", "nsf", "--epochs", "2"});
        assertEquals(0, given.exit(), given.err());
        assertTrue(given.out().contains("2 epochs on cpu"), "--epochs 2 is kept: " + given.out());
    }

    @Test
    void aModelFileIsReusedEveryRoundAndOnResume() throws Exception {
        Path model = dir.resolve("maf.rpm");
        CliRun train = CliRun.of("train", "--simulator", "toy-gaussian", "--surrogate", "maf", "--prior", "-2,2",
                "--phi-range", "0.5,2", "--training-rows", "2000", "--epochs", "1", "--device", "cpu", "--no-plot",
                "--no-certify", "-q", "-o", model.toString());
        assertEquals(0, train.exit(), train.err());
        Path out = dir.resolve("from-model");
        String[] tiny = Arrays.stream(TINY).toList().toArray(String[]::new);
        DesignHistory h = finished(design(out, tiny, new String[] {"--simulator", "toy-gaussian", "--model",
            model.toString()}), out, "maf", "mu", "variance");
        assertEquals(model.toAbsolutePath().normalize().toString(), h.config().modelFile());
        assertEquals(-2.0, h.config().thetaLower()[0], "the ranges default to the model's");
        assertEquals(2.0, h.config().phiUpper()[0]);
        CliRun more = CliRun.of("design", "--resume", "--rounds", "3", "--no-plot", "-q", "--out", out.toString());
        assertEquals(0, more.exit(), more.err());
        assertEquals(3, DesignHistory.read(out.resolve("history.json")).rounds().size());
        Path diverged = dir.resolve("diverged.rpm");
        ModelFile.Contents contents = ModelFile.read(model);
        ModelFile.write(diverged, contents.manifest().withScoreFit(new ScoreFit(-15.9, 20_000, true)),
                contents.parameters());
        String[] loud = Arrays.stream(TINY).filter(a -> !a.equals("-q")).toArray(String[]::new);
        CliRun warned = design(dir.resolve("warned"), loud, new String[] {"--simulator", "toy-gaussian", "--model",
            diverged.toString()});
        assertEquals(0, warned.exit(), warned.err());
        assertTrue(warned.out().contains("R^2 = -15.9 of the joint scores' variance (20000 fresh events)")
                && warned.out().contains("WARNING: the maf's theta-score explains R^2 = -15.9"),
                "a model file's failed score fit is described and warned about: " + warned.out());
        assertTrue(warned.out().contains("calibration: the model file has no certificate; its posteriors are the raw"
                + " surrogate's, untempered"), "a model file without a certificate says so: " + warned.out());
        Path tampered = dir.resolve("tampered.rpm");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 100] ^= 1;
        Files.write(tampered, bytes);
        CliRun refused = design(dir.resolve("tampered"), TINY, new String[] {"--simulator", "toy-gaussian", "--model",
            tampered.toString()});
        assertEquals(Rp.EXIT_INVALID_INPUT, refused.exit(), refused.err());
        assertTrue(refused.err().contains(tampered + ": SHA-256 mismatch"), "a changed byte is refused before any"
                + " round, naming the file: " + refused.err());
        assertFalse(Files.exists(dir.resolve("tampered").resolve("history.json")),
                "nothing is written for a refused file");
        CliRun both = design(dir.resolve("both"), TINY, new String[] {"--simulator", "toy-gaussian", "--model",
            model.toString(), "--surrogate", "nsf"});
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("expected either --surrogate KIND or --model FILE but found both"), both.err());
    }

    /**
     * The log says what calibration the round posteriors carry: a model file's certificate in the line
     * {@code rp posterior} prints (with its tempering, which the loop applies), and for a neural surrogate
     * the loop trains itself that none was measured and its posteriors are raw; a histogram says nothing.
     */
    @Test
    void theLogSaysWhatCalibrationTheRoundPosteriorsCarry() {
        Path model = dir.resolve("certified.rpm");
        CliRun train = CliRun.of("train", "--simulator", "toy-gaussian", "--surrogate", "maf", "--prior", "-2,2",
                "--phi-range", "0.5,2", "--training-rows", "2000", "--epochs", "1", "--events", "60",
                "--certify-datasets", "50", "--tempering-nodes", "2", "--device", "cpu", "--no-plot", "-q", "-o",
                model.toString());
        assertEquals(0, train.exit(), train.err());
        String certificate = ModelFile.read(model).manifest().calibrationCertificate().orElseThrow().summaryLine();
        String[] loud = Arrays.stream(TINY).filter(a -> !a.equals("-q")).toArray(String[]::new);
        CliRun fromFile = design(dir.resolve("certified"), loud, new String[] {"--simulator", "toy-gaussian",
            "--model", model.toString()});
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertTrue(fromFile.out().contains(certificate + System.lineSeparator()), "the file's certificate, '"
                + certificate + "', is printed: " + fromFile.out());

        CliRun trained = design(dir.resolve("trained"), loud, TOY, new String[] {"--surrogate", "nsf"});
        assertEquals(0, trained.exit(), trained.err());
        assertTrue(trained.out().contains("calibration: not measured for a surrogate the loop trains; its posteriors"
                + " are the raw surrogate's, untempered"), trained.out());
        Path saved = dir.resolve("trained").resolve(ExperimentDesigner.TRAINED_MODEL_FILE);
        assertTrue(trained.out().contains("surrogate: saved to " + saved + ", without a certificate"), trained.out());
        assertEquals("nsf", ModelFile.read(saved).manifest().kind(), "the run's network is in its directory");
        Path certified = dir.resolve("trained-certified.rpm");
        CliRun certify = CliRun.of("certify", "--model", saved.toString(), "--events", "60", "--certify-datasets",
                "50", "--tempering-nodes", "2", "-o", certified.toString());
        assertEquals(0, certify.exit(), certify.err());
        assertTrue(certify.out().contains("after fitting the tempering kappa at 2 settings across the phi range on"
                + " datasets of 300 events"), "across the network's phi range: " + certify.out());
        assertEquals(60, ModelFile.read(certified).manifest().calibrationCertificate().orElseThrow()
                .eventsPerExperiment(), "rp certify measures the design's own network");

        CliRun histogram = design(dir.resolve("histogram"), loud, TOY, new String[] {"--surrogate", "histogram"});
        assertEquals(0, histogram.exit(), histogram.err());
        assertFalse(histogram.out().contains("calibration"), "a histogram is not a trained network: "
                + histogram.out());
        assertFalse(Files.exists(dir.resolve("histogram").resolve(ExperimentDesigner.TRAINED_MODEL_FILE)),
                "nor is it saved");
    }

    @Test
    void anExternalSimulatorDrivesTheLoopWithATrainedSurrogate() {
        Path out = dir.resolve("external");
        String command = "python3 '" + PYTHON_EXAMPLES.resolve("toy_gaussian.py") + "'";
        DesignHistory h = finished(design(out, TINY, new String[] {"--external", command, "--prior", "-2,2",
            "--phi-range", "0.5,2", "--surrogate", "classifier"}), out, "classifier", "mu", "variance");
        assertEquals("toy-gaussian-python", h.simulator());
        assertNull(h.config().modelFile());
        assertNotNull(h.hiddenTheta());
    }

    @Test
    void aFlowTrainedOnAnExternalSimulatorDrivesTheLoopFromItsModelFile() {
        String command = "python3 '" + PYTHON_EXAMPLES.resolve("toy_gaussian.py") + "'";
        Path model = dir.resolve("external-nsf.rpm");
        CliRun train = CliRun.of("train", "--external", command, "--surrogate", "nsf", "--prior", "-2,2",
                "--phi-range", "0.5,2", "--training-rows", "2000", "--epochs", "1", "--device", "cpu", "--no-plot",
                "--no-certify", "-q", "-o", model.toString());
        assertEquals(0, train.exit(), train.err());
        Path out = dir.resolve("external-model");
        DesignHistory h = finished(design(out, TINY, new String[] {"--external", command, "--model",
            model.toString()}), out, "nsf", "mu", "variance");
        assertEquals("toy-gaussian-python", h.simulator());
        CliRun lost = CliRun.of("design", "--resume", "--rounds", "3", "-q", "--out", out.toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, lost.exit());
        assertTrue(lost.err().contains("expected --external COMMAND to start it again"), lost.err());
        CliRun resumed = CliRun.of("design", "--resume", "--rounds", "3", "--external", command, "--no-plot", "-q",
                "--out", out.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(3, DesignHistory.read(out.resolve("history.json")).rounds().size());
        CliRun both = CliRun.of("train", "--external", command, "--simulator", "toy-gaussian", "--phi", "1", "-o",
                dir.resolve("x.rpm").toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("expected at most one of --simulator NAME or --external COMMAND"), both.err());
    }
}
