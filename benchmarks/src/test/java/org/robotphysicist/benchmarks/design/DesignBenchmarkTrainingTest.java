package org.robotphysicist.benchmarks.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;

/**
 * The design benchmark trains a kind that names no design epochs of its own (the MAF) from controls that
 * leave the epochs unset, as {@code surrogate-design.sh} does without {@code --epochs}: at tiny sizes (10³
 * rows, one seed × one round, 4 datasets per estimate) it trains for the general default and judges the
 * round's choice with a fraction in (0, 1].
 */
class DesignBenchmarkTrainingTest {
    @Test
    void aKindWithoutDesignEpochsTrainsFromUnsetEpochs() {
        List<SurrogateDesignBenchmark.Result> results = SurrogateDesignBenchmark.measure(List.of("maf"), 1, 1, 1, 4,
                4, 3, SurrogateTrainingConfig.of(1000, null, 1), 0, HistogramGridConfig.defaults(),
                SurrogateDesignBenchmark.Refinement.NONE, ModelFiles.NONE, VerificationChoice.DEFAULT);
        assertEquals(1, results.size());
        double fraction = results.get(0).fractions()[0];
        assertTrue(fraction > 0 && fraction <= 1, "the round's EIG fraction: " + fraction);
    }
}
