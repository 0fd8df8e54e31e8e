package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The Java API exposes a network's {@link ScoreFit}: a MAF trained by the facade with a score weight on
 * Weinberg LO at √s = 80 GeV (40 000 rows, 8 epochs, one hidden layer of 16, seed 5) carries one that has
 * not failed (R² &gt; 0.5; 0.978 measured through the registry), keeps it when certified and writes it
 * into the model file, whence a loaded model reads it back, certified or not; the same training
 * without the weight carries none and writes none.
 */
class TrainedModelScoreFitTest {
    private static final RobotPhysicist RP = RobotPhysicist.forSimulator(new WeinbergLoSimulator())
            .prior(Box.interval(0.15, 0.35)).settings(Box.interval(80, 80));

    @TempDir
    Path dir;

    private static TrainedModel maf(Double weight) {
        return RP.train(TrainOptions.defaults("maf").withTraining(40_000, 8, DeviceRequest.CPU)
                .withControls(SurrogateTrainingConfig.builder(40_000, 8, 5).hiddenLayers(1).hiddenWidth(16)
                        .scoreWeight(weight).build()));
    }

    @Test
    void aNetworkTrainedWithTheScoreWeightCarriesItsFitThroughCertification() {
        try (TrainedModel model = maf(1.0)) {
            ScoreFit fit = model.scoreFit().orElseThrow(() -> new AssertionError("expected a score fit: "
                    + model.description()));
            assertTrue(fit.rSquared() > 0.5 && !fit.failed(), "expected R^2 > 0.5 but found " + fit.rSquared());
            CalibrationCertificate certificate = CalibrationCertificate.of("weinberg-lo", 100, 10, 1, List.of(80.0),
                    0.05, List.of(0.5, 0.9), List.of(0.5, 0.9), 0.5, List.of("sin2_theta_w"), List.of(), List.of());
            TrainedModel certified = model.withCalibration(certificate);
            assertEquals(Optional.of(fit), certified.scoreFit(), "kept when certified");

            model.save(dir.resolve("fit.rpm"));
            certified.save(dir.resolve("certified.rpm"));
            try (TrainedModel read = RP.load(dir.resolve("fit.rpm"), LoadOptions.defaults());
                    TrainedModel readCertified = RP.load(dir.resolve("certified.rpm"), LoadOptions.defaults())) {
                assertEquals(Optional.of(fit), read.scoreFit(), "read back from the file");
                assertEquals(Optional.empty(), read.calibration());
                assertEquals(Optional.of(fit), readCertified.scoreFit(), "read back beside a certificate");
                assertEquals(Optional.of(certificate), readCertified.calibration());
            }
        }
        try (TrainedModel plain = maf(null)) {
            assertEquals(Optional.empty(), plain.scoreFit(), "none without the score weight: " + plain.description());
            plain.save(dir.resolve("plain.rpm"));
            assertEquals(Optional.empty(), ModelFile.read(dir.resolve("plain.rpm")).manifest().measuredScoreFit());
        }
    }
}
