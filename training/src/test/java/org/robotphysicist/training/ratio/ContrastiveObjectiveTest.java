package org.robotphysicist.training.ratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.models.testing.SurrogateContractTest;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.data.io.Json;

/**
 * The contrastive likelihood-to-evidence loss ({@link RatioTrainingConfig.Contrast}): it reduces
 * to the binary cross-entropy at K = γ = 1, and a classifier trained with K = 4 learns the
 * absolute log-ratio of the toy Gaussian (no additive constant), as the binary one does.
 */
class ContrastiveObjectiveTest {

    @Test
    void oneCandidateAndEvenOddsIsTheBinaryCrossEntropy() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] positive = new float[64];
        float[] negative = new float[64];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = (float) (3 * rng.nextGaussian() + 1);
            negative[i] = (float) (3 * rng.nextGaussian() - 1);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(positive, new Shape(64, 1));
            NDArray n = m.create(negative, new Shape(64, 1));
            double binary = BinaryCrossEntropy.positivesAndNegatives(p, n).getFloat();
            double contrastive = LikelihoodToEvidenceObjective.loss(p, n, 1, 1).getFloat();
            assertEquals(binary, contrastive, 1e-6 * binary, "contrastive K=1 gamma=1 loss " + contrastive
                    + " against the binary cross-entropy " + binary);
        }
    }

    /**
     * The objective evaluates each of a row's K + 1 distinct (x, θ) pairs once. Its loss equals the
     * definition written out the long way: K joint and K marginal pairs per row evaluated
     * separately (2BK rows) from the same random cycle, then {@link LikelihoodToEvidenceObjective#loss};
     * in float64, for several K (one above B − 1, which uses K' = B − 1) and γ.
     */
    @Test
    void theLossEqualsItsDefinitionEvaluatedPairByPair() {
        int dx = 2;
        int dTheta = 2;
        int dPhi = 1;
        int b = 12;
        MlpSpec spec = MlpSpec.of(dx + dTheta + dPhi, 16, 2, 1, ActivationFunction.SILU);
        SplittableRandom data = new SplittableRandom(17);
        double[] values = new double[b * (dx + dTheta + dPhi)];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.nextGaussian();
        }
        try (Mlp mlp = Mlp.initialize(spec, Device.cpu(), DataType.FLOAT64, new SplittableRandom(5));
                NDManager m = mlp.newSubManager()) {
            NDArray batch = m.create(values, new Shape(b, dx + dTheta + dPhi));
            ParameterStore store = new ParameterStore(m, false);
            for (int k : new int[] {2, 5, 11, 20}) {
                for (double gamma : new double[] {0.5, 1, 3}) {
                    RatioTrainingConfig.Contrast contrast = new RatioTrainingConfig.Contrast(k, gamma);
                    double objective = new LikelihoodToEvidenceObjective(mlp.block(), dx, dTheta, dPhi, contrast)
                            .loss(store, batch, false, new SplittableRandom(99)).getDouble();
                    int used = Math.min(k, b - 1);
                    long[] cycle = TrainingLoop.permutationLong(b, new SplittableRandom(99));
                    double[][] joint = new double[b][used];
                    double[][] marginal = new double[b][used];
                    for (int p = 0; p < b; p++) {
                        for (int j = 0; j < used; j++) {
                            joint[p][j] = logit(mlp, batch, cycle[p], cycle[(p + j) % b], dx, dTheta);
                            marginal[p][j] = logit(mlp, batch, cycle[p], cycle[(p + j + 1) % b], dx, dTheta);
                        }
                    }
                    double definition = LikelihoodToEvidenceObjective.loss(m.create(joint), m.create(marginal), used,
                            gamma).getDouble();
                    assertEquals(definition, objective, 1e-12 * Math.abs(definition), "K=" + k + " gamma=" + gamma
                            + ": the objective's loss " + objective + " against its definition " + definition);
                }
            }
        }
    }

    /** The network's logit at row {@code own}'s x and φ with row {@code candidate}'s θ. */
    private static double logit(Mlp mlp, NDArray batch, long own, long candidate, int dx, int dTheta) {
        NDArray ownRow = batch.get(own);
        NDArray row = NDArrays.concat(new NDList(ownRow.get(new NDIndex("0:{}", dx)),
                batch.get(candidate).get(new NDIndex("{}:{}", dx, dx + dTheta)),
                ownRow.get(new NDIndex("{}:", dx + dTheta))), 0).reshape(1, -1);
        return mlp.forward(row).getDouble(0, 0);
    }

    /**
     * With s = log r exactly the loss's expectation is least; shifting every logit by a constant
     * raises it, which is what pins the ratio's scale. Checked on logits of a fixed batch where
     * the joint set's first logit is large (x's own θ) and the rest are near log r = 0: the loss at
     * a shift of ±1 exceeds the loss at 0.
     */
    @Test
    void shiftingEveryLogitRaisesTheLossForAnyK() {
        for (int k : new int[] {2, 5, 10}) {
            for (double gamma : new double[] {0.5, 1, 3}) {
                try (NDManager m = NDManager.newBaseManager()) {
                    double[] loss = new double[3];
                    for (int s = -1; s <= 1; s++) {
                        float[] joint = new float[8 * k];
                        float[] marginal = new float[8 * k];
                        for (int b = 0; b < 8; b++) {
                            joint[b * k] = (float) Math.log(k / gamma) + s;
                            for (int j = 1; j < k; j++) {
                                joint[b * k + j] = s;
                            }
                            for (int j = 0; j < k; j++) {
                                marginal[b * k + j] = s;
                            }
                        }
                        loss[s + 1] = LikelihoodToEvidenceObjective.loss(m.create(joint, new Shape(8, k)),
                                m.create(marginal, new Shape(8, k)), k, gamma).getFloat();
                    }
                    assertTrue(loss[0] > loss[1] && loss[2] > loss[1], "K=" + k + " gamma=" + gamma
                            + ": loss at shifts -1, 0, +1 = " + java.util.Arrays.toString(loss));
                }
            }
        }
    }

    @Test
    void contrastIsValidatedAndRoundTripsThroughJson() {
        assertTrue(assertThrows(InvalidInputException.class, () -> new RatioTrainingConfig.Contrast(0, 1))
                .getMessage().contains("expected 1 to 1024 candidate parameters per event but found 0"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new RatioTrainingConfig.Contrast(4, 0))
                .getMessage().contains("expected a finite value > 0 but found 0.0"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RatioTrainingConfig.defaults()
                .withForm(RatioForm.reference(new double[] {0.5})).withContrast(RatioTrainingConfig.Contrast.of(4)))
                .getMessage().contains("expected the likelihood-to-evidence form"));
        RatioTrainingConfig c = RatioTrainingConfig.defaults().withContrast(new RatioTrainingConfig.Contrast(8, 2));
        assertEquals(c, Json.read(Json.write(c), RatioTrainingConfig.class, "test"));
        String old = Json.write(RatioTrainingConfig.defaults()).replaceAll(",\\s*\"contrast\"\\s*:\\s*\\{[^}]*\\}", "");
        assertTrue(!old.contains("contrast"), old);
        assertEquals(RatioTrainingConfig.Contrast.binary(), Json.read(old, RatioTrainingConfig.class, "test").contrast());
    }

    /**
     * The toy Gaussian (x ~ N(θ, φ), θ ~ U(−1, 1), φ ~ U(0.5, 2)) trained with K = 4 on 100 000
     * rows, otherwise as the shared binary toy: mean absolute error of log r against the analytic
     * log-ratio below {@value ToyLogRatioAccuracyTest#TOLERANCE} nats at each φ, the binary
     * classifier's bound.
     */
    @Test
    void fourCandidatesLearnTheAbsoluteLogRatio() {
        var p = SurrogateContractTest.PROBLEM;
        RatioTrainingConfig base = ToyRatioClassifiers.config();
        RatioTrainingConfig config = base.withData(100_000, 1, 11).withContrast(RatioTrainingConfig.Contrast.of(4));
        try (ParameterizedRatioClassifier c = new RatioClassifierTrainer(config, ProgressListenerForTests.INSTANCE)
                .train(p.simulator, ParameterSampler.of(UniformBoxPrior.interval(p.thetaLower, p.thetaUpper)),
                        ParameterSampler.of(UniformBoxPrior.interval(p.phiLower, p.phiUpper)))) {
            assertTrue(c.provenance().toString().contains("contrastive-likelihood-to-evidence(K=4"),
                    "objective in the provenance: " + c.provenance());
            for (double phi : new double[] {0.6, 1.0, 1.8}) {
                double mae = ToyLogRatioAccuracyTest.meanAbsoluteError(c, phi);
                System.out.printf("contrastive K=4, phi = %.1f: MAE of log r = %.4f nats%n", phi, mae);
                assertClose("mean |log r_learned - log r_exact| at phi = " + phi + " (nats), K = 4", 0, mae,
                        ToyLogRatioAccuracyTest.TOLERANCE);
            }
        }
    }
}
