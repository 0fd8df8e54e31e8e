package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

/** sbibm's MLP C2ST ({@link ClassifierTwoSampleTest#mlp()}) under the shared contract. */
class MlpClassifierTwoSampleTestTest extends TwoSampleTestContract {

    @Override
    ClassifierTwoSampleTest c2st() {
        return ClassifierTwoSampleTest.mlp();
    }

    /** The boundary is a hyperplane, which the MLP learns: within 0.03 of Bayes. */
    @Override
    double shortfallBelowBayes() {
        return 0.03;
    }

    @Test
    void aMissingClassifierIsRefused() {
        var e = assertThrows(InvalidInputException.class, () -> new ClassifierTwoSampleTest(5, 0, 1, null));
        assertTrue(e.getMessage().contains("expected K_NEAREST_NEIGHBOURS or MLP but found null"), e.getMessage());
    }
}
