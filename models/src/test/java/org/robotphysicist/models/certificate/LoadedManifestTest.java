package org.robotphysicist.models.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.models.file.KeyFiles;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelSignatureException;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrustedKeys;
import org.robotphysicist.models.flow.TrainedFlow;

/**
 * {@link SurrogateFiles#read}: the surrogate and the manifest of one verified read of a model file,
 * so that the certificate and score fit a caller reports belong to the loaded parameters and pass
 * the same signature check.
 */
class LoadedManifestTest {
    @TempDir
    Path dir;

    @Test
    void theManifestIsTheOneTheSurrogateWasLoadedFromUnderTheSameSignaturePolicy() {
        Path path = dir.resolve("flow.rpm");
        LikelihoodTempering tempering = new LikelihoodTempering(List.of(40.0, 100.0), List.of(1e-4, 2e-4));
        CalibrationCertificate certificate = CalibrationCertificateTest.overconfident().withTempering(tempering,
                "matching coverage at 2 settings", List.of(0.49, 0.69, 0.9, 0.95), 0.4, List.of(0.01), List.of(1.1));
        ScoreFit fit = new ScoreFit(0.975, 20_000, true);
        try (TrainedFlow flow = CalibrationCertificateTest.untrainedFlow()) {
            flow.save(path, KeyFiles.generateHmac(dir.resolve("ours.hmac")),
                    m -> m.withCalibration(certificate).withScoreFit(fit));
        }
        LoadOptions trusting = LoadOptions.defaults()
                .requireSignature(TrustedKeys.read(List.of(dir.resolve("ours.hmac"))));

        SurrogateFiles.Loaded loaded = SurrogateFiles.read(path, trusting);
        try (TrainedSurrogate s = loaded.surrogate()) {
            assertEquals(ModelFile.read(path).manifest(), loaded.manifest());
            assertEquals(certificate, loaded.manifest().calibrationCertificate().orElseThrow());
            assertEquals(fit, loaded.manifest().measuredScoreFit().orElseThrow());
            assertEquals(tempering, TemperedSurrogate.temperingOf(s),
                    "the surrogate is tempered by the certificate of the manifest returned with it");
            assertEquals("maf", s.kind());
        }

        ModelFile.sign(path, path, KeyFiles.generateHmac(dir.resolve("other.hmac")));
        var e = assertThrows(ModelSignatureException.class, () -> SurrogateFiles.read(path, trusting),
                "a manifest is checked by the policy that checks the parameters");
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }
}
