package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.flow.FlowSpec;

/**
 * The spline interval of each flow kind: a one-dimensional MAF on a bounded x (cos θ, through the
 * logit's logistic tails) gets its leading spline on ±6 standardized units, so its affine layers do
 * not shape a θ-dependent Gaussian tail for the events beyond ±3 (that tail gave a +0.34 sd posterior
 * shift at 1000 Weinberg events); on unbounded x, and for the NSF (whose tails are the identity, the
 * same at every θ), the interval stays ±3.
 */
class FlowTailBoundTest {
    private static final SurrogateTrainingConfig CONTROLS = SurrogateTrainingConfig.of(1000, 1, 1);

    private static FlowSpec spec(FlowSurrogateKind kind, boolean bounded) {
        SurrogateBuildRequest request = bounded
                ? SurrogateBuildRequest.of(new WeinbergLoSimulator(), Box.interval(0.15, 0.35), Box.interval(40, 100),
                        CONTROLS)
                : SurrogateBuildRequest.of(new ToyGaussianSimulator(), Box.interval(-2, 2), Box.interval(0.25, 4),
                        CONTROLS);
        return kind.trainingConfig(request).network();
    }

    @Test
    void aOneDimensionalMafOnABoundedSupportHasItsLeadingSplineOnPlusMinusSix() {
        FlowSpec maf = spec(new FlowSurrogateKind.Maf(), true);
        assertTrue(maf.leadingSpline(), "a 1-D MAF has a leading spline");
        assertEquals(FlowSpec.BOUNDED_SUPPORT_TAIL_BOUND, maf.tailBound(), "MAF on cos theta in [-1, 1]");
        assertEquals(6.0, FlowSpec.BOUNDED_SUPPORT_TAIL_BOUND);
    }

    @Test
    void unboundedXAndTheNsfKeepPlusMinusThree() {
        assertEquals(FlowSpec.DEFAULT_TAIL_BOUND, spec(new FlowSurrogateKind.Maf(), false).tailBound(),
                "MAF on unbounded x");
        assertEquals(FlowSpec.DEFAULT_TAIL_BOUND, spec(new FlowSurrogateKind.Nsf(), true).tailBound(),
                "NSF on cos theta in [-1, 1]");
    }
}
