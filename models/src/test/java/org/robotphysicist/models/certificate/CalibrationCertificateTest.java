package org.robotphysicist.models.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.models.flow.FlowEvaluator;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.neural.Standardizer;

class CalibrationCertificateTest {
    @TempDir
    Path dir;

    static CalibrationCertificate overconfident() {
        return CalibrationCertificate.of("weinberg-lo", 1000, 300, 7, List.of(58.0), 0.05,
                List.of(0.5, 0.68, 0.9, 0.95), List.of(0.26, 0.38, 0.58, 0.70), 9e-5, List.of("sin2_theta_w"),
                List.of(0.15), List.of(0.75));
    }

    @Test
    void roundTripsThroughJsonAndStatesItsVerdict() {
        CalibrationCertificate c = overconfident();
        assertFalse(c.withinTolerance());
        assertEquals(0.32, c.maxCoverageDeviation(), 1e-12);
        assertTrue(c.verdict().startsWith("NOT calibrated: coverage 0.580 at level 0.90 (-0.320"), c.verdict());
        assertTrue(c.verdict().contains("overconfident"), c.verdict());
        String json = Json.write(c);
        assertEquals(c, Json.read(json, CalibrationCertificate.class, "certificate"), json);
        assertTrue(json.contains("\"withinTolerance\" : false"), json);
        assertFalse(json.contains("verdict") || json.contains("table"), "derived text is not stored: " + json);

        String table = c.table();
        assertTrue(table.contains("300 prior-predictive datasets of 1000 events at phi = [58.0]"), table);
        assertTrue(table.contains("0.90    0.580     -0.320"), table);
        assertTrue(table.contains("sin2_theta_w against the exact likelihood: mean shift +0.150 exact sd, sd ratio 0.750"),
                table);

        CalibrationCertificate fine = CalibrationCertificate.of("toy-gaussian", 5, 1000, 1, List.of(1.0), 0.05,
                List.of(0.5, 0.9), List.of(0.52, 0.89), 0.4, List.of("mu"), List.of(), List.of());
        assertTrue(fine.withinTolerance());
        assertFalse(fine.comparedWithExact());
        assertTrue(fine.table().contains("calibrated: every coverage within ±0.05 of its level"), fine.table());
    }

    @Test
    void recordsHowItsTemperingWasFittedAndRoundTripsIt() {
        CalibrationCertificate tempered = overconfident().withTempering(new LikelihoodTempering(List.of(40.0, 100.0),
                List.of(1e-4, 2e-4)), "matching coverage at 2 settings, on 50 datasets of 5000 events each",
                List.of(0.49, 0.69, 0.9, 0.95), 0.4, List.of(0.01), List.of(1.1));
        String json = Json.write(tempered);
        assertTrue(json.contains("\"temperingFit\" : \"matching coverage at 2 settings"), json);
        assertEquals(tempered, Json.read(json, CalibrationCertificate.class, "certificate"), json);
        assertTrue(tempered.table().contains("  kappa fitted by matching coverage at 2 settings, on 50 datasets of"
                + " 5000 events each"), tempered.table());
        assertFalse(Json.write(overconfident()).contains("temperingFit"), "absent without a tempering");

        var e = assertThrows(InvalidInputException.class, () -> new CalibrationCertificate("w", 10, 10, 1,
                List.of(1.0), 0.05, List.of(0.5), List.of(0.5), 0.5, List.of("t"), List.of(), List.of(), true, null,
                null, "log score"));
        assertTrue(e.getMessage().contains("expected a description only with a tempering")
                && e.getMessage().contains("'log score' without a tempering"), e.getMessage());
    }

    @Test
    void summarizesItselfInOneLineWithItsTempering() {
        String raw = overconfident().summaryLine();
        assertEquals("calibration (300 datasets of 1000 events at phi = [58.0]): largest coverage deviation 0.320;"
                + " NOT calibrated: coverage 0.580 at level 0.90 (-0.320, tolerance ±0.05); the surrogate is"
                + " overconfident", raw);
        CalibrationCertificate tempered = overconfident().withTempering(new LikelihoodTempering(List.of(40.0, 100.0),
                List.of(1e-4, 0.0)), "maximizing the log score", List.of(0.49, 0.69, 0.9, 0.95), 0.4,
                List.of(0.01), List.of(1.1));
        assertTrue(tempered.summaryLine().endsWith("largest coverage deviation 0.010; calibrated: every coverage"
                + " within ±0.05 of its level; posteriors tempered by 1 + kappa N, kappa(phi): 40.00 -> 1.00e-04"
                + " (cap 10000 events); 100.0 -> 0.00e+00 (cap none)"), tempered.summaryLine());
        CalibrationCertificate none = overconfident().withTempering(LikelihoodTempering.none(),
                "maximizing the log score", List.of(0.26, 0.38, 0.58, 0.70), 9e-5, List.of(0.15), List.of(0.75));
        assertTrue(none.summaryLine().endsWith("overconfident; no tempering needed (kappa = 0)"), none.summaryLine());
    }

    @Test
    void inconsistentOrInvalidFiguresAreRefusedNamingWhatWasFound() {
        var e = assertThrows(InvalidInputException.class, () -> new CalibrationCertificate("w", 10, 10, 1,
                List.of(1.0), 0.05, List.of(0.5), List.of(0.3), 0.5, List.of("t"), List.of(), List.of(), true));
        assertTrue(e.getMessage().contains("expected withinTolerance = false"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CalibrationCertificate.of("w", 10, 10, 1, List.of(1.0),
                0.05, List.of(0.5, 0.9), List.of(0.5), 0.5, List.of("t"), List.of(), List.of()));
        assertTrue(e.getMessage().contains("found 2 levels and 1 coverages"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CalibrationCertificate.of("w", 10, 10, 1, List.of(1.0),
                0.05, List.of(0.5), List.of(1.5), 0.5, List.of("t"), List.of(), List.of()));
        assertTrue(e.getMessage().contains("coverage in [0, 1] but found 0.5 and 1.5"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CalibrationCertificate.of("w", 10, 10, 1, List.of(1.0),
                0.05, List.of(0.5), List.of(0.5), 0.5, List.of("t"), List.of(0.1), List.of()));
        assertTrue(e.getMessage().contains("found 1 and 0"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CalibrationCertificate.of("w", 0, 10, 1, List.of(1.0),
                0.05, List.of(0.5), List.of(0.5), 0.5, List.of("t"), List.of(), List.of()));
        assertTrue(e.getMessage().contains("found 0 and 10"), e.getMessage());
    }

    @Test
    void travelsInAModelManifestAndFilesWithoutOneStillLoad() throws Exception {
        Path path = dir.resolve("flow.rpm");
        try (TrainedFlow flow = untrainedFlow()) {
            flow.save(path);
        }
        ModelFile.Contents before = ModelFile.read(path);
        assertTrue(before.manifest().calibrationCertificate().isEmpty());
        assertFalse(new String(Files.readAllBytes(path), StandardCharsets.UTF_8).contains("\"calibration\""),
                "a file without a certificate has no calibration field");

        CalibrationCertificate c = overconfident();
        ModelFile.write(path, before.manifest().withCalibration(c), before.parameters());
        ModelFile.Contents after = ModelFile.read(path);
        assertEquals(c, after.manifest().calibrationCertificate().orElseThrow());
        assertEquals(before.manifest().withCalibration(c).withParameters(before.parameters()), after.manifest());
        try (TrainedSurrogate loaded = SurrogateFiles.load(path, LoadOptions.defaults())) {
            assertEquals("maf", loaded.kind());
        }
    }

    static TrainedFlow untrainedFlow() {
        NDManager manager = NDManager.newBaseManager();
        FlowSpec spec = FlowSpec.maf(1, 2, 2, List.of(8));
        ConditionalFlow flow = spec.build();
        flow.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(3));
        FlowEvaluator evaluator = new FlowEvaluator(flow, Standardizer.identity(1), Standardizer.identity(2),
                FlowEvaluator.DEFAULT_TILE_ROWS);
        return new TrainedFlow(Dimensions.of("t", "p", "x"), manager, evaluator, new TrainedRanges(
                Box.interval(0, 1), Box.interval(1, 2), Box.interval(-5, 5)), RangePolicy.FAIL,
                Provenance.capture("test", Map.of(), Map.of(), Map.of()), TrainingCurve.untrained());
    }
}
