package org.robotphysicist.benchmarks.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robotphysicist.engine.design.loop.DesignConfig;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;

/**
 * The acceptance test of the design loop driven by a neural surrogate (the {@link SurrogateDesignBenchmark}
 * of {@code benchmarks/surrogate-design.sh}, run here with its defaults): on Weinberg LO, for 5 seeds × 3
 * rounds, the exact-likelihood EIG of every √s the kind chooses must be at least 90% of the best exact EIG
 * of that round (a 61-point scan with 64 datasets per estimate, common random numbers), and the kind's final
 * posteriors must cover the hidden value at 95% at least as often as the exact likelihood's loop does, less
 * one seed. It trains each kind as {@code rp design} does (its default sizes, every kind regressing the
 * simulator's joint scores, and an NSF for its design epochs) and runs 15 design rounds with it and with the exact
 * likelihood (tens of minutes on two cores), so it runs only with {@code -Drp.acceptance=true}:
 * {@code mvn -B verify -pl benchmarks -am -Drp.acceptance=true -Dtest='SurrogateDesignAcceptanceTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}, with {@code -Drp.acceptance.kinds=classifier} for one kind.
 */
class SurrogateDesignAcceptanceTest {
    private static final String PROPERTY = "rp.acceptance";
    /** Measures only these kinds (comma-separated), for example {@code -Drp.acceptance.kinds=classifier}. */
    private static final String KINDS_PROPERTY = "rp.acceptance.kinds";
    private static final int SEEDS = 5;

    @ParameterizedTest
    @ValueSource(strings = {"classifier", "maf", "nsf"})
    void everyChosenSettingHasAtLeast90PercentOfTheBestExactEig(String kind) {
        Assumptions.assumeTrue(Boolean.getBoolean(PROPERTY), "the " + kind + " design acceptance test trains at"
                + " default sizes and runs 30 design rounds; run it with -D" + PROPERTY + "=true");
        String only = System.getProperty(KINDS_PROPERTY);
        Assumptions.assumeTrue(only == null || List.of(only.split(",")).contains(kind), kind + " is not among -D"
                + KINDS_PROPERTY + "=" + only);
        List<SurrogateDesignBenchmark.Result> results = SurrogateDesignBenchmark.measure(List.of("exact", kind),
                SEEDS, 1, 3, DesignConfig.DEFAULT_EIG_DATASETS, 64, 61,
                SurrogateTrainingConfig.defaults(20261122L),
                0, HistogramGridConfig.defaults(), SurrogateDesignBenchmark.Refinement.NONE,
                ModelFiles.NONE, VerificationChoice.DEFAULT);
        SurrogateDesignBenchmark.Result exact = results.get(0);
        SurrogateDesignBenchmark.Result neural = results.get(1);
        assertEquals(SEEDS * 3, neural.fractions().length, "one fraction per round and seed");
        assertTrue(neural.worstFraction() >= 0.9, kind + ": every chosen sqrt(s) should have at least 90% of the"
                + " round's best exact EIG but the fractions were " + Arrays.toString(neural.fractions()));
        assertTrue(neural.covered()[1] >= exact.covered()[1] - 1, kind + ": the final 95% regions should cover the"
                + " hidden value about as often as the exact loop's (" + exact.covered()[1] + "/" + SEEDS + ") but"
                + " covered it " + neural.covered()[1] + "/" + SEEDS + " times");
    }
}
