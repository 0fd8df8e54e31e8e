package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.models.TemperedGridEvaluator;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.certificate.LikelihoodTempering;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * A certificate's tempering reaches every posterior: the certified model's surrogate is tempered, the
 * model file keeps κ, the loaded model's evaluator divides an experiment's sums by exactly
 * 1 + κN, and the posterior widens by √(1 + κN).
 */
class TemperedModelTest {
    @TempDir
    Path dir;

    private static final Box THETA = Box.interval(-2, 2);

    private static RobotPhysicist toy() {
        return RobotPhysicist.forSimulator(new ToyGaussianSimulator(THETA)).prior(THETA).settings(Box.interval(0.5, 1.5));
    }

    @Test
    void theFittedTemperingTravelsThroughTheModelFileIntoPosteriors() {
        RobotPhysicist rp = toy();
        Path file = dir.resolve("tempered.rpm");
        double kappa = 0.02;
        int n = 100;
        try (TrainedModel m = rp.train(TrainOptions.defaults("maf").withTraining(2000, 1, DeviceRequest.CPU))) {
            CalibrationCertificate raw = CalibrationCertificate.of("toy-gaussian", n, 10, 1, List.of(1.0), 0.05,
                    List.of(0.5, 0.9), List.of(0.3, 0.7), 0.5, List.of("mu"), List.of(), List.of());
            CalibrationCertificate tempered = raw.withTempering(LikelihoodTempering.uniform(kappa),
                    "matching coverage on 10 datasets", List.of(0.5, 0.9), 0.6, List.of(), List.of());
            TrainedModel certified = m.withCalibration(tempered);
            assertInstanceOf(TemperedSurrogate.class, certified.surrogate());
            assertEquals(kappa, certified.tempering().kappaAt(new double[] {1.0}), 0);
            assertEquals(List.of(0.3, 0.7), tempered.untemperedCoverage());
            assertTrue(tempered.table().contains("tempering: kappa 2.00e-02") && tempered.table().contains(
                    "kappa fitted by matching coverage on 10 datasets"), tempered.table());
            certified.save(file);
        }
        Matrix events = new ToyGaussianSimulator(THETA).simulate(new double[] {0.3}, new double[] {1.0}, n,
                new SplittableRandom(5));
        double[] phi = {1.0};
        try (TrainedModel loaded = rp.load(file, LoadOptions.defaults())) {
            assertEquals(kappa, loaded.tempering().kappaAt(phi), 0, "kappa read back from the model file");
            PosteriorEvaluator evaluator = PosteriorEvaluator.forSurrogate(loaded.surrogate());
            assertInstanceOf(TemperedGridEvaluator.class, loaded.surrogate().gridEvaluator(Cancellation.none()));
            PosteriorEvaluator plain = PosteriorEvaluator.forSurrogate(
                    TemperedSurrogate.untemperedLikelihood(loaded.surrogate()));
            Matrix grid = Matrix.ofColumn(-0.5, 0.0, 0.3, 0.6);
            double[] t = evaluator.logLikelihoodSums(events, grid, phi);
            double[] u = plain.logLikelihoodSums(events, grid, phi);
            double tau = 1 + kappa * n;
            for (int j = 0; j < t.length; j++) {
                assertEquals(u[j] / tau, t[j], 1e-12 * Math.abs(u[j]), "sum " + j + " divided by tau = " + tau);
            }
            PosteriorOptions options = PosteriorOptions.defaults();
            double sdTempered = rp.posterior(loaded.surrogate(), new Observation(events, phi), options)
                    .posterior().standardDeviation()[0];
            double sdPlain = rp.posterior(TemperedSurrogate.untemperedLikelihood(loaded.surrogate()),
                    new Observation(events, phi), options).posterior().standardDeviation()[0];
            assertEquals(Math.sqrt(tau), sdTempered / sdPlain, 0.05 * Math.sqrt(tau), "sd ratio tempered/plain "
                    + sdTempered / sdPlain + ", expected sqrt(tau) = " + Math.sqrt(tau));
        }
    }

    @Test
    void aCertificateWithoutTemperingLeavesTheSurrogateAlone() {
        RobotPhysicist rp = toy();
        try (TrainedModel m = rp.train(TrainOptions.defaults("maf").withTraining(2000, 1, DeviceRequest.CPU)
                .withEventsPerExperiment(20).withCertification(CertificationConfig.defaults(20).withDatasets(12)
                        .withTemperingFit(false)))) {
            assertFalse(m.surrogate() instanceof TemperedSurrogate, "no tempering fitted, none applied");
            assertTrue(m.tempering().isNone());
            assertEquals(null, m.calibration().orElseThrow().tempering());
        }
    }
}
