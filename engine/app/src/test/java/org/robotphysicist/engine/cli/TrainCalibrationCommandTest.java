package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.server.ApiServer;
import org.robotphysicist.engine.server.ServerConfig;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;

/**
 * {@code rp train} measures a calibration certificate, stores it in the model file and prints it;
 * {@code rp posterior}, {@code GET /models} and the Java API show it; a model outside its tolerance
 * is reported loudly and, with {@code --require-calibrated}, fails the command.
 */
class TrainCalibrationCommandTest {
    /** A tiny MAF of the toy Gaussian: the test checks the wiring, not the surrogate's quality. */
    private static final String[] TINY = {"train", "--simulator", "toy-gaussian", "--surrogate", "maf", "--prior",
        "-2,2", "--phi", "1", "--training-rows", "2000", "--epochs", "1", "--device", "cpu", "--no-plot",
        "--events", "20", "--certify-datasets", "40", "--seed", "7"};

    @TempDir
    Path dir;

    private CliRun train(Path model, String... more) {
        String[] args = java.util.Arrays.copyOf(TINY, TINY.length + more.length + 2);
        System.arraycopy(more, 0, args, TINY.length, more.length);
        args[args.length - 2] = "--output";
        args[args.length - 1] = model.toString();
        return CliRun.of(args);
    }

    @Test
    void theCertificateIsPrintedStoredAndShownByPosteriorServeAndTheApi() throws Exception {
        Path model = dir.resolve("toy.rpm");
        CliRun r = train(model);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("certifying on 40 prior-predictive datasets of 20 events at phi = [1.0] (--phi)"),
                r.out());
        assertTrue(r.out().contains("calibration: 40 prior-predictive datasets of 20 events") && r.out().contains(
                "mu against the exact likelihood: mean shift"), "the table is printed: " + r.out());

        CalibrationCertificate c = ModelFile.read(model).manifest().calibrationCertificate().orElseThrow();
        assertEquals(40, c.datasets());
        assertEquals(20, c.eventsPerExperiment());
        assertEquals(1.0, c.phi().get(0));
        assertEquals(CalibrationCertificate.DEFAULT_TOLERANCE, c.tolerance());
        assertEquals(4, c.coverage().size(), "coverage at 0.5, 0.68, 0.9 and 0.95");
        assertTrue(c.comparedWithExact(), "the toy Gaussian has an exact likelihood");
        assertEquals(c.withinTolerance(), !r.err().contains("rp: warning:"),
                "a warning exactly when outside tolerance: " + r.err());

        Path events = dir.resolve("ev.csv");
        CliRun sim = CliRun.of("simulate", "-q", "--simulator", "toy-gaussian", "--theta", "0.5", "--phi", "1",
                "--events", "20", "--seed", "5", "--out", events.toString());
        assertEquals(0, sim.exit(), sim.err());
        Path json = dir.resolve("p.json");
        CliRun post = CliRun.of("posterior", "--model", model.toString(), "--events", events.toString(), "--grid",
                "51", "--no-plot", "--out", json.toString());
        assertEquals(0, post.exit(), post.err());
        assertTrue(post.out().contains("calibration (40 datasets of 20 events at phi = [1.0]): largest coverage"
                + " deviation"), post.out());
        assertTrue(c.tempering() != null && c.untemperedCoverage().size() == 4, "rp train fits the tempering: " + c);
        assertEquals("maximizing the log score on the certificate's datasets (coverage cross-fitted)",
                c.temperingFit(), "by default kappa maximizes the log score, and the certificate says so");
        assertTrue(post.out().contains("(kappa = 0)") || post.out().contains("posteriors tempered by 1 + kappa N"),
                "rp posterior says what tempering its posterior carries: " + post.out());
        JsonNode doc = Json.mapper().readTree(json.toFile());
        assertEquals(40, doc.get("calibration").get("datasets").asInt(), "the certificate is in the JSON: " + doc);

        try (ApiServer server = ApiServer.start(ServerConfig.defaults(Map.of("toy", model))
                .withAddress("127.0.0.1", 0), line -> { })) {
            HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/models")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode m = Json.mapper().readTree(models.body()).get("models").get(0);
            assertEquals(20, m.get("calibration").get("eventsPerExperiment").asInt(), models.body());
            assertEquals(c.withinTolerance(), m.get("calibration").get("withinTolerance").asBoolean());
            assertTrue(m.get("calibration").has("tempering"), "GET /models shows the tempering: " + models.body());
        }

        RobotPhysicist rp = RobotPhysicist.forSimulator(new ToyGaussianSimulator(Box.interval(-2, 2)))
                .prior(Box.interval(-2, 2)).settings(Box.interval(0.5, 2));
        try (TrainedModel loaded = rp.load(model, LoadOptions.defaults())) {
            assertEquals(c, loaded.calibration().orElseThrow(), "the Java API reads the same certificate");
        }
    }

    @Test
    void outsideItsToleranceAModelWarnsAndFailsWithRequireCalibrated() {
        Path model = dir.resolve("strict.rpm");
        // With 40 datasets a coverage is a multiple of 0.025, so at level 0.68 it is at least 0.005 off:
        // a tolerance of 0.001 fails every model, whatever it learned.
        CliRun r = train(model, "--certify-tolerance", "0.001", "--require-calibrated");
        assertEquals(TrainCommand.EXIT_NOT_CALIBRATED, r.exit(), r.err());
        assertTrue(r.err().contains("rp: warning: the maf surrogate is NOT calibrated: coverage")
                && r.err().contains("at level") && (r.err().contains("overconfident") || r.err().contains(
                        "conservative")), "the warning names the worst level and the direction: " + r.err());
        assertFalse(ModelFile.read(model).manifest().calibrationCertificate().orElseThrow().withinTolerance());

        CliRun lenient = train(dir.resolve("lenient.rpm"), "--certify-tolerance", "0.001");
        assertEquals(0, lenient.exit(), "without --require-calibrated only a warning: " + lenient.err());
        assertTrue(lenient.err().contains("rp: warning:"), lenient.err());

        CliRun nothingToCheck = train(dir.resolve("x.rpm"), "--no-certify", "--require-calibrated");
        assertEquals(2, nothingToCheck.exit(), nothingToCheck.err());
        assertTrue(nothingToCheck.err().contains("expected --require-calibrated with a certificate to check but found"
                + " it with --no-certify"), nothingToCheck.err());
        CliRun unknownFit = train(dir.resolve("z.rpm"), "--tempering-fit", "crps");
        assertEquals(Rp.EXIT_INVALID_INPUT, unknownFit.exit(), unknownFit.err());
        assertTrue(unknownFit.err().contains("tempering fit: expected one of coverage, log-score but found 'crps'"),
                unknownFit.err());
        CliRun wrongPhi = train(dir.resolve("y.rpm"), "--certify-phi", "1,2");
        assertEquals(Rp.EXIT_INVALID_INPUT, wrongPhi.exit(), wrongPhi.err());
        assertTrue(wrongPhi.err().contains("--certify-phi: expected 1 value(s), one per phi component, but found 2"),
                wrongPhi.err());
    }

    @Test
    void theTemperingFitCriterionCanBeChosen() {
        Path model = dir.resolve("coverage.rpm");
        CliRun r = train(model, "--tempering-fit", "coverage");
        assertEquals(0, r.exit(), r.err());
        CalibrationCertificate c = ModelFile.read(model).manifest().calibrationCertificate().orElseThrow();
        assertEquals("matching coverage (Cramer-von Mises) on the certificate's datasets (coverage cross-fitted)",
                c.temperingFit(), c.table());
        assertTrue(r.out().contains("kappa fitted by matching coverage (Cramer-von Mises)"), "rp train prints it: "
                + r.out());
    }

    @Test
    void noCertifyWritesAModelWithoutACertificateThatStillWorks() throws Exception {
        Path model = dir.resolve("plain.rpm");
        CliRun r = train(model, "--no-certify");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("calibration:"), r.out());
        assertTrue(ModelFile.read(model).manifest().calibrationCertificate().isEmpty());
        Path events = dir.resolve("ev.csv");
        assertEquals(0, CliRun.of("simulate", "-q", "--simulator", "toy-gaussian", "--theta", "0.5", "--phi", "1",
                "--events", "20", "--seed", "5", "--out", events.toString()).exit());
        Path json = dir.resolve("p.json");
        CliRun post = CliRun.of("posterior", "--model", model.toString(), "--events", events.toString(), "--grid",
                "51", "--no-plot", "--out", json.toString());
        assertEquals(0, post.exit(), post.err());
        assertTrue(post.out().contains("calibration: the model file has no certificate"), post.out());
        assertTrue(Json.mapper().readTree(json.toFile()).get("calibration").isNull());
        assertFalse(post.out().contains("R^2"), "no score fit in the file, none printed: " + post.out());
        ModelFile.Contents contents = ModelFile.read(model);
        for (ScoreFit fit : new ScoreFit[] {new ScoreFit(0.975, 20_000, true), new ScoreFit(-26.4, 20_000, true)}) {
            Path fitted = dir.resolve("fitted.rpm");
            ModelFile.write(fitted, contents.manifest().withScoreFit(fit), contents.parameters());
            CliRun withFit = CliRun.of("posterior", "--model", fitted.toString(), "--events", events.toString(),
                    "--grid", "51", "--no-plot", "--out", dir.resolve("q.json").toString());
            assertEquals(0, withFit.exit(), withFit.err());
            String expected = fit.failed() ? "WARNING: the " + contents.manifest().kind() + "'s theta-score explains"
                    + " R^2 = -26.4" : "score fit: its theta-score explains R^2 = 0.975";
            assertTrue(withFit.out().contains(expected), "expected '" + expected + "' in " + withFit.out());
        }
        RobotPhysicist rp = RobotPhysicist.forSimulator(new ToyGaussianSimulator(Box.interval(-2, 2)))
                .prior(Box.interval(-2, 2)).settings(Box.interval(0.5, 2));
        try (TrainedModel loaded = rp.load(model, LoadOptions.defaults())) {
            assertTrue(loaded.calibration().isEmpty(), "Optional.empty() for a file without a certificate");
        }
    }
}
