package org.robotphysicist.benchmarks.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.surrogate.SurrogateEnsembles;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.training.data.ParameterSampler;

/**
 * The benchmark's ensembles keep the simulation budget: K networks trained on the same simulations
 * (the same data seed and table hash), with training seeds {@link SurrogateEnsembles#memberSeed}, so
 * they differ; member 0 is the single network; K below 1 is refused. Tiny MAFs on the crescent task
 * (1 000 simulations, 2 epochs).
 */
class EnsembleTrainingTest {

    @Test
    void membersShareTheSimulationsAndDifferInTraining() {
        AccuracyTask task = AccuracyTask.named("crescent").get(0);
        SurrogateKinds.Recipe defaults = SurrogateKinds.Recipe.defaults();
        SurrogateKinds.Recipe quick = new SurrogateKinds.Recipe(2, 0, 1e-3, 0, defaults.contrast(),
                defaults.classifierNetwork(), List.of(8), defaults.schedule());
        ParameterSampler theta = ParameterSampler.of(task.prior());
        try (TrainedSurrogate single = SurrogateKinds.train(SurrogateKinds.Kind.MAF, task.simulator(), theta, 1000,
                quick, 4);
                TrainedSurrogate trained = SurrogateKinds.trainEnsemble(SurrogateKinds.Kind.MAF, task.simulator(),
                        theta, 1000, quick, 4, 2)) {
            SurrogateEnsemble ensemble = assertInstanceOf(SurrogateEnsemble.class, trained);
            List<TrainedSurrogate> members = ensemble.members();
            assertEquals(2, members.size());
            assertEquals(members.get(0).provenance().dataHashes(), members.get(1).provenance().dataHashes(),
                    "the members trained on the same simulated table");
            assertEquals(members.get(0).provenance().seeds().get("data"), members.get(1).provenance().seeds()
                    .get("data"));
            assertEquals(List.of(4L, SurrogateEnsembles.memberSeed(4, 1)), members.stream().map(m -> m.provenance()
                    .seeds().get("training")).toList());
            Matrix x = task.observation().events().rowRange(0, 1);
            Matrix thetas = Matrix.ofRows(task.trueTheta());
            Matrix phis = Matrix.of(1, 0, new double[0]);
            assertArrayEquals(single.logLikelihood(x, thetas, phis), members.get(0).logLikelihood(x, thetas, phis), 0,
                    "member 0 is the single network");
            assertFalse(java.util.Arrays.equals(members.get(0).logLikelihood(x, thetas, phis),
                    members.get(1).logLikelihood(x, thetas, phis)), "member 1 trained differently");
            assertNotEquals(members.get(0).provenance().seeds().get("training"),
                    members.get(1).provenance().seeds().get("training"));
        }
        var none = assertThrows(InvalidInputException.class, () -> SurrogateKinds.trainEnsemble(
                SurrogateKinds.Kind.MAF, AccuracyTask.all().get(0).simulator(), null, 1000,
                SurrogateKinds.Recipe.defaults(), 1, 0));
        assertEquals("ensemble: expected at least 1 member but found 0", none.getMessage());
    }
}
