package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.PosteriorResult;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Every built-in kind trains and evaluates on a simulator whose experiments have no setting
 * ({@link NoSettingGaussianSimulator}: φ empty, the networks conditioned on θ alone): it covers the
 * empty φ box, gives finite log-likelihoods for (N, 0) φ matrices, its posterior of 100 events at
 * θ = 0.4 lies near the truth, and a model file keeps the empty φ list.
 */
class NoSettingSurrogateContractTest {
    private static final NoSettingGaussianSimulator SIM = new NoSettingGaussianSimulator();
    private static final double[] NO_PHI = {};
    /** Posterior mean tolerance: 0.05 is one posterior s.d.; tiny networks trained for two epochs may miss more. */
    private static final double MEAN_TOLERANCE = 0.35;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exact", "histogram", "classifier", "maf", "nsf"})
    void trainsEvaluatesAndSavesWithoutPhi(String kind) {
        RobotPhysicist rp = RobotPhysicist.forSimulator(SIM);
        assertEquals(Box.empty(), rp.settings());
        TrainOptions options = TrainOptions.defaults(kind).withControls(SurrogateTrainingConfig.of(4_000, 2, 11)
                .withNetwork(2, 16)).withHistogram(new HistogramGridConfig(31, 3, 2_000, 20)).withEventsPerExperiment(10)
                .withTraining(4_000, 2, DeviceRequest.CPU);
        Observation obs = new Observation(SIM.simulate(new double[] {0.4}, NO_PHI, 100, new SplittableRandom(2)),
                NO_PHI);
        try (TrainedModel model = rp.train(options)) {
            SurrogateLikelihood s = model.surrogate();
            assertEquals(0, s.dimensions().phiDim(), kind);
            assertEquals(0, s.phiRange().dim(), kind + " phi range " + s.phiRange());
            Matrix x = Matrix.ofColumn(-0.5, 0.1, 0.9);
            Matrix thetas = Matrix.ofColumn(-1, 0, 1.5);
            double[] values = s.logLikelihood(x, thetas, Matrix.of(3, 0, new double[0]));
            for (double v : values) {
                assertTrue(Double.isFinite(v), kind + " gives finite values: " + v);
            }
            PosteriorResult p = rp.posterior(s, obs, PosteriorOptions.defaults().withGridPoints(241));
            double mean = p.summary().mean()[0];
            assertEquals(0, p.phi().length);
            assertEquals(0.4, mean, MEAN_TOLERANCE, kind + " posterior mean " + mean);
            if (kind.equals("maf")) { // the calibration certificate, measured without a setting
                TrainedModel certified = rp.certify(model, NO_PHI, CertificationConfig.defaults(10).withDatasets(20)
                        .withGridPointsPerDimension(41));
                assertEquals(0, certified.calibration().orElseThrow().phi().size());
            }
            if (model.savable()) {
                Path file = dir.resolve(kind + ".rpm");
                model.save(file);
                try (TrainedModel loaded = rp.load(file, LoadOptions.defaults())) {
                    assertEquals(List.of(), loaded.surrogate().dimensions().phiNames());
                    assertArrayEquals(values, loaded.surrogate().logLikelihood(x, thetas, Matrix.of(3, 0,
                            new double[0])), 1e-6, kind + " round trip");
                }
            }
        }
    }
}
