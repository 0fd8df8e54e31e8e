package org.robotphysicist.training.ratio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;

/** Trained classifiers: files, provenance, reproducibility. */
class TrainedClassifierTest {
    @TempDir
    Path dir;

    private static Matrix[] probe(int n) {
        SplittableRandom r = new SplittableRandom(17);
        double[] x = new double[n];
        double[] t = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = -1 + 2 * r.nextDouble();
            p[i] = 0.5 + 1.5 * r.nextDouble();
            x[i] = t[i] + Math.sqrt(p[i]) * r.nextGaussian();
        }
        return new Matrix[] {Matrix.ofColumn(x), Matrix.ofColumn(t), Matrix.ofColumn(p)};
    }

    /** The shared toy classifier, saved and loaded, gives the same log-ratios bit for bit and keeps its provenance. */
    @Test
    void saveThenLoadIsBitForBitAndCarriesProvenance() throws Exception {
        ParameterizedRatioClassifier c = ToyRatioClassifiers.toy();
        Path file = dir.resolve("toy.rpm");
        c.save(file);
        Matrix[] in = probe(10_000);
        try (ParameterizedRatioClassifier back = ParameterizedRatioClassifier.load(file, LoadOptions.defaults())) {
            assertArrayEquals(c.logLikelihood(in[0], in[1], in[2]), back.logLikelihood(in[0], in[1], in[2]));
            var prov = back.provenance();
            assertEquals("toy-gaussian", prov.config().get("simulator"));
            assertEquals(11L, prov.seeds().get("data"));
            assertEquals(7L, prov.seeds().get("training"));
            assertEquals(64, prov.dataHashes().get("training-data/joint").length());
            assertEquals("0.35.1", prov.versions().get("djl"));
            assertTrue(prov.versions().get("device").startsWith("cpu"), prov.versions().toString());
            assertEquals(20, back.trainingCurve().epochs().size());
            assertEquals(c.trainingCurve(), back.trainingCurve());
            assertEquals(c.trainedRanges(), back.trainedRanges());
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(MalformedDataException.class, () -> ParameterizedRatioClassifier.load(file,
                LoadOptions.defaults()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** Two trainings with the same seeds (2 epochs, 20 000 rows) give identical networks; the outputs agree bit for bit. */
    @Test
    void cpuTrainingOfTheClassifierIsDeterministic() {
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(256).withMaxEpochs(2)
                .withLearningRate(2e-3, LearningRateSchedule.cosine(0.1)).withValidation(0.1, 0).withSeed(5)
                .withDevice(DeviceRequest.CPU);
        RatioTrainingConfig config = RatioTrainingConfig.defaults().withNetwork(List.of(32, 32), ActivationFunction.SILU)
                .withData(20_000, 1, 3).withTraining(training);
        var p = org.robotphysicist.models.testing.SurrogateContractTest.PROBLEM;
        Matrix[] in = probe(2000);
        double[][] out = new double[3][];
        long[] seeds = {5, 5, 6};
        for (int k = 0; k < 3; k++) {
            try (ParameterizedRatioClassifier c = new RatioClassifierTrainer(config.withTraining(training.withSeed(
                    seeds[k])), null).train(p.simulator, ParameterSampler.of(UniformBoxPrior.interval(-1, 1)),
                            ParameterSampler.of(UniformBoxPrior.interval(0.5, 2)))) {
                out[k] = c.logLikelihood(in[0], in[1], in[2]);
            }
        }
        assertArrayEquals(out[0], out[1], "same seed, same outputs");
        assertTrue(!java.util.Arrays.equals(out[0], out[2]), "another training seed gives another network");
    }

    /**
     * The classifier keeps its best-validation epoch: 2 000 rows, a 2 × 128 network and a constant
     * rate of 5·10⁻³ overfit within 16 epochs, so the validation loss (25% held out, recorded for
     * every epoch) turns up before the end; the kept weights are bit for bit those of a run stopped
     * at the best epoch (a constant rate makes the two runs identical up to it).
     */
    @Test
    void theClassifierKeepsItsBestValidationEpoch() {
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(128).withMaxEpochs(16)
                .withLearningRate(5e-3, LearningRateSchedule.constant()).withValidation(0.25, 0).withSeed(9)
                .withDevice(DeviceRequest.CPU);
        RatioTrainingConfig config = RatioTrainingConfig.defaults().withNetwork(List.of(128, 128), ActivationFunction.SILU)
                .withData(2000, 1, 5).withTraining(training);
        var p = org.robotphysicist.models.testing.SurrogateContractTest.PROBLEM;
        ParameterSampler theta = ParameterSampler.of(UniformBoxPrior.interval(-1, 1));
        ParameterSampler phi = ParameterSampler.of(UniformBoxPrior.interval(0.5, 2));
        Matrix[] in = probe(500);
        int best;
        double[] kept;
        try (ParameterizedRatioClassifier c = new RatioClassifierTrainer(config, null).train(p.simulator, theta, phi)) {
            var curve = c.trainingCurve();
            assertEquals(16, curve.epochs().size(), "no early stopping with patience 0");
            int argmin = 0;
            for (var e : curve.epochs()) {
                assertTrue(Double.isFinite(e.validationLoss()), "validation loss of epoch " + e.epoch());
                if (argmin == 0 || e.validationLoss() < curve.epochs().get(argmin - 1).validationLoss()) {
                    argmin = e.epoch();
                }
            }
            best = curve.bestEpoch();
            assertEquals(argmin, best, "the kept epoch is the one of least validation loss: " + curve.epochs());
            assertTrue(best < 16, "expected the small set to overfit before epoch 16 but the best epoch was " + best);
            kept = c.logLikelihood(in[0], in[1], in[2]);
        }
        try (ParameterizedRatioClassifier stopped = new RatioClassifierTrainer(config.withTraining(
                training.withMaxEpochs(best)), null).train(p.simulator, theta, phi)) {
            assertArrayEquals(stopped.logLikelihood(in[0], in[1], in[2]), kept, "weights of epoch " + best);
        }
    }

    @Test
    void configsValidateAndRoundTripThroughJson() {
        RatioTrainingConfig c = RatioTrainingConfig.defaults().withForm(RatioForm.reference(0.23));
        assertEquals(c, Json.read(Json.write(c), RatioTrainingConfig.class, "config"));
        assertThrows(InvalidInputException.class, () -> c.withData(3, 1, 1));
        assertThrows(InvalidInputException.class, () -> c.withNetwork(List.of(), ActivationFunction.RELU));
        var e = assertThrows(InvalidInputException.class, () -> new RatioForm(RatioForm.Kind.REFERENCE, null));
        assertTrue(e.getMessage().contains("reference theta"), e.getMessage());
        var outside = assertThrows(org.robotphysicist.data.OutOfSupportException.class,
                () -> new RatioClassifierTrainer(c.withForm(RatioForm.reference(1.5)), null).train(
                        new WeinbergLoSimulator(), ParameterSampler.of(UniformBoxPrior.interval(0.2, 0.25)),
                        ParameterSampler.fixed(58)));
        assertTrue(outside.getMessage().contains("reference theta"), outside.getMessage());
    }
}
