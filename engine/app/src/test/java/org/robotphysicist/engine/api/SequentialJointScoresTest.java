package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.surrogate.SequentialTrainingConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.testing.WeinbergScoreError;

/**
 * {@link RobotPhysicist#trainSequential} with a score weight: on Weinberg LO (sin²θ<sub>W</sub> ∈
 * [0.15, 0.35], √s ∈ [76, 92] GeV), for 500 events at 82 GeV and sin²θ<sub>W</sub> = 0.2312, a
 * likelihood-to-evidence classifier of 2 × 32 without normalization is trained in 2 rounds of
 * 15 000 simulations (40 epochs each), once with weight 100 (the kind's design weight) and once
 * with none, from the same seeds. Every round's file must carry the joint scores and the model must
 * record the objective it regressed with. The figure is the relative error of the network's score
 * at the hidden value against the exact score on 4 000 fresh events (1 000 at each of 78, 82, 86 and
 * 90 GeV; {@link WeinbergScoreError}): with the regression it must fall below half the unregressed
 * network's and below 0.2 (measured: 0.60 unregressed, 0.105 with weight 100; the once-trained
 * classifier of the same size reaches 0.08 on 30 000 rows in the training module's test).
 */
class SequentialJointScoresTest {
    private static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();
    private static final double HIDDEN = 0.2312;

    @TempDir
    Path dir;

    private static Observation observation() {
        double[] x = new double[500];
        SIM.draw(new double[] {HIDDEN}, new double[] {82}, x.length, new SplittableRandom(5), x);
        return new Observation(Matrix.of(x.length, 1, x), new double[] {82});
    }

    private static TrainOptions classifier(double weight) {
        return TrainOptions.defaults("classifier").withControls(SurrogateTrainingConfig.of(30_000, 40, 17)
                .withOptimizer(512, 5e-3).withNetwork(2, 32).withValidation(0.1, 0)
                .withEvidenceNormalization(false).withScoreWeight(weight));
    }

    @Test
    void roundsCarryJointScoresAndTheRegressedScoreIsCloserToTheExactOne() throws Exception {
        RobotPhysicist rp = RobotPhysicist.forSimulator(SIM).prior(Box.interval(0.15, 0.35))
                .settings(Box.interval(76, 92));
        SequentialTrainingConfig twoRounds = SequentialTrainingConfig.defaults(2, 30_000, 7);
        double[] errors = new double[2];
        double[] weights = {0, 100};
        for (int i = 0; i < 2; i++) {
            Path rounds = dir.resolve("alpha-" + (int) weights[i]);
            try (SequentialModel model = rp.trainSequential(List.of(observation()), classifier(weights[i]), twoRounds,
                    rounds)) {
                errors[i] = WeinbergScoreError.relative(model.model().surrogate(), HIDDEN, 78, 82, 86, 90);
                Map<String, Object> config = ((TrainedSurrogate) model.model().surrogate()).provenance().config();
                boolean regresses = weights[i] > 0;
                assertEquals(regresses, String.valueOf(config.get("objective")).endsWith("+score"),
                        "the objective with weight " + weights[i] + ": " + config);
                assertEquals(2, model.files().size());
                for (Path f : model.files()) {
                    String header = Files.readAllLines(f).stream().filter(l -> l.startsWith("x:")).findFirst()
                            .orElseThrow();
                    assertEquals(regresses, header.endsWith(",score:sin2_theta_w"), f + " with weight " + weights[i]
                            + ": " + header);
                }
                assertTrue(model.rounds().get(1).thetaSd()[0] < 0.03, "round 2 draws theta near the posterior: sd "
                        + model.rounds().get(1).thetaSd()[0]);
            }
        }
        System.out.printf("sequential classifier's relative score error: unregressed %.3f, weight 100 %.3f%n",
                errors[0], errors[1]);
        assertTrue(errors[1] < 0.5 * errors[0] && errors[1] < 0.2, String.format("relative score error with the"
                + " regression %.3f, expected below half of the unregressed %.3f and below 0.2", errors[1],
                errors[0]));
    }
}
