package org.robotphysicist.training.ratio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.models.ratio.calibration.CalibrationMethod;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * carl's own test case ({@code tests/ratios/test_classifier.py}, {@code check_classifier_ratio}):
 * numerator N(0, 1), denominator N(0.1, 1), 10 000 samples each; the ratio r(x) = p₀(x)/p₁(x)
 * must score better than −0.1, carl's score being minus the mean squared error of r on 100
 * points evenly spaced in [−1, 1]. Here in CARL's reference form: x ~ N(θ, 1) against the
 * reference θ₁ = 0.1, trained at θ = 0 (and φ = 1, the variance).
 */
class CarlReferenceCaseTest {

    private static double carlScore(ParameterizedRatioClassifier c) {
        int n = 100;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1 + 2.0 * i / (n - 1);
        }
        double[] logR = c.logLikelihood(Matrix.ofColumn(x), Matrix.repeatRow(new double[] {0}, n),
                Matrix.repeatRow(new double[] {1}, n));
        double mse = 0;
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(-0.5 * x[i] * x[i] + 0.5 * (x[i] - 0.1) * (x[i] - 0.1));
            mse += Math.pow(Math.exp(logR[i]) - exact, 2) / n;
        }
        return -mse;
    }

    /**
     * One classifier (2 × 16 tanh, 10 000 rows per class, 10 epochs) calibrated twice, with
     * histogram and isotonic calibration fitted on 10 000 fresh rows per class: both score above −0.1.
     */
    @Test
    void calibratedRatioScoresBetterThanMinusOneTenth() {
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(256).withMaxEpochs(10)
                .withLearningRate(2e-3, LearningRateSchedule.cosine(0.1)).withValidation(0.1, 0).withSeed(3)
                .withDevice(DeviceRequest.CPU);
        RatioTrainingConfig config = RatioTrainingConfig.defaults().withForm(RatioForm.reference(0.1))
                .withNetwork(List.of(16, 16), ActivationFunction.TANH).withData(20_000, 20, 5).withTraining(training)
                .withCalibration(CalibrationMethod.NONE, 20_000, 0);
        ToyGaussianSimulator simulator = new ToyGaussianSimulator();
        RatioClassifierTrainer trainer = new RatioClassifierTrainer(config, ProgressListenerForTests.INSTANCE);
        try (ParameterizedRatioClassifier raw = trainer.train(simulator, ParameterSampler.fixed(0),
                ParameterSampler.fixed(1))) {
            System.out.printf("carl score without calibration: %.5f%n", carlScore(raw));
            for (CalibrationMethod method : new CalibrationMethod[] {CalibrationMethod.HISTOGRAM,
                CalibrationMethod.ISOTONIC}) {
                try (ParameterizedRatioClassifier c = trainer.calibrate(raw, simulator, ParameterSampler.fixed(0),
                        ParameterSampler.fixed(1), method)) {
                    assertTrue(c.calibration().kind() == method);
                    double score = carlScore(c);
                    System.out.printf("carl score with %s calibration: %.5f%n", method, score);
                    assertTrue(score > -0.1, () -> String.format("carl score (-MSE of r on [-1, 1]) with %s"
                            + " calibration: measured %.5f, must exceed -0.1", method, score));
                    // The calibrated log-ratio is also close to the exact 0.005 - 0.1 x on average.
                    double mae = 0;
                    for (int i = 0; i <= 20; i++) {
                        double x = -1 + 0.1 * i;
                        double got = c.logLikelihood(Matrix.ofColumn(x), Matrix.ofColumn(0), Matrix.ofColumn(1))[0];
                        mae += Math.abs(got - (0.005 - 0.1 * x)) / 21;
                    }
                    System.out.printf("%s: mean |log r - exact| = %.4f%n", method, mae);
                    assertClose(method + " mean |log r - exact| on [-1, 1]", 0, mae, 0.1);
                }
            }
        }
    }
}
