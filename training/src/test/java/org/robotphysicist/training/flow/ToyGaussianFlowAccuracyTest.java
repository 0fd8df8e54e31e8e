package org.robotphysicist.training.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.testing.StatisticalAssertions;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.testing.SurrogateContractTest;

/**
 * Held-out accuracy of the toy flows: at each variance φ, 20 000 fresh events (θ ~ U(−1, 1),
 * x ~ N(θ, φ)) give the mean negative log-likelihood of the flow and of the exact density. The
 * gap, mean(log p − log p̂) (an estimate of the expected KL divergence, ≥ 0 up to noise), must be
 * within 0.02 nats in absolute value; the events are shared, so the paired difference has a
 * standard error far below that.
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
            double exact = 0;
            for (int i = 0; i < n; i++) {
                theta[i] = p.thetaLower + (p.thetaUpper - p.thetaLower) * rng.nextDouble();
                x[i] = theta[i] + Math.sqrt(phi) * rng.nextGaussian();
            }
            // Held-out events may fall outside the x range seen in training: evaluate them anyway.
            double[] got;
            try (TrainedFlow lenient = flow.withRangePolicy(org.robotphysicist.models.file.RangePolicy.WARN)) {
                got = lenient.logLikelihood(Matrix.ofColumn(x), Matrix.ofColumn(theta),
                        Matrix.repeatRow(new double[] {phi}, n));
            }
            double gap = 0;
            double gapSq = 0;
            double nllFlow = 0;
            for (int i = 0; i < n; i++) {
                double lp = p.simulator.logDensity(new double[] {x[i]}, new double[] {theta[i]}, new double[] {phi});
                exact -= lp / n;
                nllFlow -= got[i] / n;
                double d = lp - got[i];
                gap += d / n;
                gapSq += d * d / n;
            }
            double se = Math.sqrt(Math.max(0, gapSq - gap * gap) / n);
            System.out.printf("toy %s, phi %.1f: held-out NLL flow %.4f, exact %.4f, gap %.4f +- %.4f nats%n", kind,
                    phi, nllFlow, exact, gap, se);
            assertTrue(Double.isFinite(nllFlow), "finite NLL");
            StatisticalAssertions.assertClose(kind + " held-out NLL at phi " + phi + " (flow " + nllFlow + ", exact "
                    + exact + ", standard error of the gap " + se + ")", exact, nllFlow, TOLERANCE_NATS);
        }
    }
}
