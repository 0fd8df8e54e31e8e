package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * {@link SurrogateRegistry#fineTune}: a network that starts from a trained model's weights starts at
 * that model's loss. On the toy Gaussian (variance in [0.25, 1], where x says much about μ) a model
 * is trained on 6 000 rows for 3 epochs; then, on 6 000 fresh rows for one epoch at a learning rate
 * of 10⁻⁵ (so the epoch barely moves either network and the first validation loss shows where each
 * started), a copy of it is fine-tuned and a fresh network of the same shape trained. The
 * fine-tuned network's first validation loss must lie within 0.08 nats of the original's best
 * (another validation set of 1 500 rows from the same distribution: about 0.04 of sampling noise),
 * and the fresh one's more than twice that tolerance above it. The original is read, never closed.
 */
class FineTuningTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final SurrogateRegistry REGISTRY = SurrogateRegistry.discover();

    private static SurrogateBuildRequest request(String kind, int rows, int epochs, double learningRate, long seed) {
        SurrogateTrainingConfig c = SurrogateTrainingConfig.of(rows, epochs, seed).withOptimizer(256, learningRate)
                .withNetwork(1, 16).withValidation(0.25, null);
        if (kind.equals(ClassifierSurrogateKind.NAME)) {
            c = c.withEvidenceNormalization(false);
        }
        return new SurrogateBuildRequest(TrainingSource.of(TOY), new UniformBoxPrior(Box.interval(-2, 2)),
                Box.interval(0.25, 1), c, HistogramGridConfig.defaults(), 10, DeviceRequest.CPU, null, null);
    }

    private static double firstValidationLoss(TrainedSurrogate s) {
        return s.trainingCurve().epochs().get(0).validationLoss();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maf", "classifier"})
    void fineTuningStartsAtTheTrainedModelsLossFarBelowAFreshNetwork(String kind) {
        double tolerance = 0.08;
        try (TrainedSurrogate original = (TrainedSurrogate) REGISTRY.build(kind, request(kind, 6_000, 3, 1e-2, 1))
                .surrogate();
                TrainedSurrogate tuned = (TrainedSurrogate) REGISTRY.fineTune(original, request(kind, 6_000, 1, 1e-5,
                        2)).surrogate();
                TrainedSurrogate fresh = (TrainedSurrogate) REGISTRY.build(kind, request(kind, 6_000, 1, 1e-5, 2))
                        .surrogate()) {
            TrainingCurve.Epoch best = original.trainingCurve().best();
            assertNotNull(best, kind + ": the original keeps its best epoch");
            double start = firstValidationLoss(tuned);
            double fromScratch = firstValidationLoss(fresh);
            assertTrue(Math.abs(start - best.validationLoss()) < tolerance, kind + ": fine-tuning's first validation"
                    + " loss " + start + " should be within " + tolerance + " of the original's " + best.validationLoss());
            assertTrue(fromScratch - start > 2 * tolerance, kind + ": a fresh network's first validation loss "
                    + fromScratch + " should lie far above the fine-tuned one's " + start + " (original's best "
                    + best.validationLoss() + ")");

            assertEquals(original.trainedRanges(), tuned.trainedRanges(), "the fine-tuned model covers the original's");
            @SuppressWarnings("unchecked")
            Map<String, Object> initial = (Map<String, Object>) tuned.provenance().config().get("initialWeights");
            assertNotNull(initial, "the provenance names the weights it started from: " + tuned.provenance().config());
            assertEquals(parametersSha(original), initial.get("parametersSha256"), kind);
            Matrix x = Matrix.of(1, 1, new double[] {0.2});
            double stillOpen = original.logLikelihood(x, Matrix.of(1, 1, new double[] {0.1}),
                    Matrix.of(1, 1, new double[] {1.0}))[0];
            assertTrue(Double.isFinite(stillOpen), "the original stays open and usable: " + stillOpen);
        }
    }

    /** The parameter hash the trainers record: the flow's parameters, or the classifier's network's. */
    private static String parametersSha(TrainedSurrogate s) {
        return s instanceof TrainedFlow f ? f.parameters().sha256()
                : ((ParameterizedRatioClassifier) s).network().parameters().sha256();
    }

    @Test
    void aModelNoKindCanFineTuneIsRefused() {
        try (TrainedSurrogate maf = (TrainedSurrogate) REGISTRY.build("maf", request("maf", 1_000, 1, 1e-3, 1))
                .surrogate()) {
            var ensemble = assertThrows(InvalidInputException.class, () -> REGISTRY.fineTune(maf,
                    request("maf", 1_000, 1, 1e-3, 2).withTraining(request("maf", 1_000, 1, 1e-3, 2).training()
                            .withEnsembleMembers(2))));
            assertEquals("fine-tuning: expected one network but found an ensemble of 2 requested",
                    ensemble.getMessage());
            var wrong = assertThrows(InvalidInputException.class, () -> new ClassifierSurrogateKind().fineTune(maf,
                    request("classifier", 1_000, 1, 1e-3, 2)));
            assertEquals("classifier fine-tuning: expected a ratio classifier but found a model of kind 'maf'",
                    wrong.getMessage());
        }
    }
}
