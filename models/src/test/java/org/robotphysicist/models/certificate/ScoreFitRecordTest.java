package org.robotphysicist.models.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.flow.TrainedFlow;

/**
 * The {@link ScoreFit} figures as a model file keeps them: validated, their verdict and warning
 * derived from R², bit-exact through JSON (a fit of −∞ too), in the manifest beside a calibration
 * certificate, and absent from files that have none.
 */
class ScoreFitRecordTest {
    @TempDir
    Path dir;

    @Test
    void theVerdictIsRSquaredBelowZeroAndBadFiguresAreRefused() {
        assertFalse(new ScoreFit(0.977, 20_000, true).failed());
        assertFalse(new ScoreFit(0, 20_000, true).failed(), "a constant's R^2 is not a failure");
        ScoreFit diverged = new ScoreFit(-26.4, 20_000, true);
        assertTrue(diverged.failed());
        String warning = diverged.warning("nsf");
        assertTrue(warning.contains("R^2 = -26.4") && warning.contains("--gradient-clip"), warning);
        assertTrue(new ScoreFit(0.977, 20_000, true).describe().endsWith("R^2 = 0.977 of the joint scores' variance"
                + " (20000 fresh events)"), new ScoreFit(0.977, 20_000, true).describe());
        ScoreFit onRows = new ScoreFit(-3.5, 5_000, false);
        assertTrue(onRows.describe().endsWith("(5000 of its training events)"), onRows.describe());
        assertTrue(onRows.warning("maf").contains("on 5000 of its training events;"), onRows.warning("maf"));
        for (double bad : new double[] {Double.NaN, 1.5}) {
            var e = assertThrows(InvalidInputException.class, () -> new ScoreFit(bad, 100, true));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        var e = assertThrows(InvalidInputException.class, () -> new ScoreFit(0.5, 1, true));
        assertTrue(e.getMessage().contains("from 1"), e.getMessage());
        var share = assertThrows(InvalidInputException.class, () -> new ScoreFit(0.5, 100, true, -0.1,
                java.util.List.of()));
        assertTrue(share.getMessage().contains("information -0.1"), share.getMessage());
        var slice = assertThrows(InvalidInputException.class, () -> new ScoreFit.Slice("sqrt_s", 45, 40, 100, 0.5, 1));
        assertTrue(slice.getMessage().contains("sqrt_s in [45.0, 40.0)"), slice.getMessage());
    }

    @Test
    void aSliceBelowZeroFailsTheFitAndTheWarningNamesIt() {
        ScoreFit.Slice peak = new ScoreFit.Slice("sqrt_s", 80, 85, 1700, 0.98, 1.02);
        ScoreFit.Slice above = new ScoreFit.Slice("sqrt_s", 95, 100, 1650, -0.42, 1.6);
        ScoreFit fine = new ScoreFit(0.97, 20_000, true, 1.0, java.util.List.of(peak));
        assertFalse(fine.failed());
        assertTrue(fine.describe().endsWith("(20000 fresh events; lowest by setting 0.980 at sqrt_s in [80, 85])"),
                fine.describe());
        ScoreFit wrongAbove = new ScoreFit(0.97, 20_000, true, 1.1, java.util.List.of(peak, above));
        assertTrue(wrongAbove.failed(), "a slice below 0 fails the fit");
        assertEquals(above, wrongAbove.worstSlice().orElseThrow());
        String w = wrongAbove.warning("nsf");
        assertTrue(w.startsWith("WARNING: the nsf's theta-score explains R^2 = -0.420 of the joint scores' variance at"
                + " sqrt_s in [95, 100] (1650 of 20000 fresh events), though 0.970 over all"), w);
        String pooled = new ScoreFit(-2, 20_000, true, 3.0, java.util.List.of(above)).warning("nsf");
        assertTrue(pooled.contains("R^2 = -2.00 of the joint scores' variance on 20000 fresh events"), pooled);
    }

    @Test
    void roundTripsThroughJsonEvenAtMinusInfinity() {
        for (ScoreFit fit : new ScoreFit[] {new ScoreFit(0.97712345678901, 20_000, true),
                new ScoreFit(Double.NEGATIVE_INFINITY, 20_000, true), new ScoreFit(0.5, 3, false),
                new ScoreFit(0.97, 20_000, true, 1.02, java.util.List.of(
                        new ScoreFit.Slice("sqrt_s", 40, 45, 1650, 0.99, 0.97),
                        new ScoreFit.Slice("sqrt_s", 95, 100, 1700, Double.NEGATIVE_INFINITY,
                                Double.POSITIVE_INFINITY)))}) {
            String json = Json.write(fit);
            assertEquals(fit, Json.read(json, ScoreFit.class, "score fit"), json);
        }
        ScoreFit older = Json.read("{\"rSquared\" : 0.9, \"events\" : 100}", ScoreFit.class, "score fit");
        assertEquals(new ScoreFit(0.9, 100, true), older, "a fit saved before 'fresh' existed was measured on fresh"
                + " events");
        assertTrue(older.slices().isEmpty() && older.worstSlice().isEmpty(), "and has no slices: " + older);
    }

    @Test
    void travelsInAModelManifestBesideTheCertificateAndFilesWithoutOneHaveNone() throws Exception {
        Path path = dir.resolve("flow.rpm");
        try (TrainedFlow flow = CalibrationCertificateTest.untrainedFlow()) {
            flow.save(path);
        }
        ModelFile.Contents before = ModelFile.read(path);
        assertTrue(before.manifest().measuredScoreFit().isEmpty());
        assertFalse(Files.readString(path, StandardCharsets.ISO_8859_1).contains("\"scoreFit\""),
                "a file without a score fit has no scoreFit field");

        ScoreFit fit = new ScoreFit(0.975, 20_000, true);
        CalibrationCertificate certificate = CalibrationCertificateTest.overconfident();
        ModelFile.write(path, before.manifest().withScoreFit(fit).withCalibration(certificate), before.parameters());
        ModelFile.Contents after = ModelFile.read(path);
        assertEquals(fit, after.manifest().measuredScoreFit().orElseThrow());
        assertEquals(certificate, after.manifest().calibrationCertificate().orElseThrow(), "kept beside the fit");
        assertEquals(fit, after.manifest().withCalibration(null).measuredScoreFit().orElseThrow(),
                "changing the certificate keeps the fit");
    }
}
