package org.robotphysicist.training.flow;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.testing.StatisticalAssertions;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.testing.SurrogateContractTest;

/**
 * Held-out accuracy of the toy flows: at each variance φ ∈ {0.5, 1, 2}, 20 000 fresh events
 * (θ ~ U(−1, 1), x ~ N(θ, φ)) give the mean negative log-likelihood of the flow and of the exact
 * density, which must agree within 0.02 nats. The events are shared, so the paired gap has a
 * standard error far below the tolerance.
 */
class ToyGaussianFlowAccuracyTest {
    private static final double TOLERANCE_NATS = 0.02;
    private static final double[] PHIS = {0.5, 1.0, 2.0};

    @ParameterizedTest
    @EnumSource(FlowSpec.Kind.class)
    void heldOutNegativeLogLikelihoodMatchesTheExactOne(FlowSpec.Kind kind) {
        TrainedFlow flow = ToyFlows.of(kind);
        var p = SurrogateContractTest.PROBLEM;
        int n = 20_000;
        SplittableRandom rng = new SplittableRandom(99);
        for (double phi : PHIS) {
            double[] x = new double[n];
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = p.thetaLower + (p.thetaUpper - p.thetaLower) * rng.nextDouble();
                x[i] = theta[i] + Math.sqrt(phi) * rng.nextGaussian();
            }
            HeldOutGap g = HeldOutGap.of(flow, p.simulator, Matrix.ofColumn(x), Matrix.ofColumn(theta),
                    Matrix.repeatRow(new double[] {phi}, n));
            System.out.printf("toy %s, phi %.1f: %s%n", kind, phi, g);
            StatisticalAssertions.assertClose(kind + " held-out NLL at phi " + phi + " (" + g + ")", g.exactNll(),
                    g.flowNll(), TOLERANCE_NATS);
        }
    }
}
