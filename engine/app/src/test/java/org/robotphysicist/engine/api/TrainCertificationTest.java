package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.file.KeyFiles;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SigningKey;
import org.robotphysicist.models.file.TrustedKeys;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The facade certifies a trained model only when {@link TrainOptions#certification()} asks, at the
 * middle of the φ range, and a signed model file carries the certificate under its signature.
 */
class TrainCertificationTest {
    @TempDir
    Path dir;

    private static RobotPhysicist toy() {
        return RobotPhysicist.forSimulator(new ToyGaussianSimulator(Box.interval(-2, 2))).prior(Box.interval(-2, 2))
                .settings(Box.interval(0.5, 1.5));
    }

    private static TrainOptions tiny() {
        return TrainOptions.defaults("maf").withTraining(2000, 1, DeviceRequest.CPU).withEventsPerExperiment(20);
    }

    @Test
    void theDefaultsDoNotCertify() {
        assertEquals(null, TrainOptions.defaults("maf").certification(), "API calls stay fast by default");
        try (TrainedModel m = toy().train(tiny())) {
            assertTrue(m.calibration().isEmpty(), "no certificate unless asked");
        }
    }

    @Test
    void askedForItTrainCertifiesAtTheMiddleOfThePhiRangeAndASignedFileKeepsIt() {
        SigningKey key = KeyFiles.generateEd25519(dir.resolve("k.key"), dir.resolve("k.pub"));
        Path file = dir.resolve("m.rpm");
        RobotPhysicist rp = toy();
        CalibrationCertificate c;
        try (TrainedModel m = rp.train(tiny().withCertification(CertificationConfig.defaults(20).withDatasets(30)))) {
            c = m.calibration().orElseThrow();
            m.save(file, key);
        }
        assertEquals(List.of(1.0), c.phi(), "the middle of the phi range [0.5, 1.5]");
        assertEquals(30, c.datasets());
        assertEquals(20, c.eventsPerExperiment());
        assertEquals("maximizing the log score at 13 settings, on 30 datasets of 100 events each", c.temperingFit(),
                "the certificate says how kappa was fitted along the phi range (its nodes, datasets and their size)");
        LoadOptions signed = LoadOptions.defaults().requireSignature(TrustedKeys.read(List.of(dir.resolve("k.pub"))));
        try (TrainedModel loaded = rp.load(file, signed)) {
            assertEquals(c, loaded.calibration().orElseThrow(), "the signature covers the certificate, which reads back");
        }
    }
}
