package org.robotphysicist.training.flow;

import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.flow.TrainedFlow;

/**
 * Held-out negative log-likelihoods of a flow and of the exact density on the same events, and
 * their paired gap mean(log p − log p̂) (an estimate of the expected KL divergence) with its
 * standard error.
 */
record HeldOutGap(double flowNll, double exactNll, double gap, double standardError) {

    /** Rows (x, θ, φ) of {@code events}; evaluated with {@link RangePolicy#WARN} (fresh x may leave the trained x range). */
    static HeldOutGap of(TrainedFlow flow, TractableSimulator simulator, Matrix x, Matrix theta, Matrix phi) {
        double[] got;
        try (TrainedFlow lenient = flow.copyWithRangePolicy(RangePolicy.WARN)) {
            got = lenient.logLikelihood(x, theta, phi);
        }
        int n = got.length;
        double[] xr = new double[x.cols()];
        double[] tr = new double[theta.cols()];
        double[] pr = new double[phi.cols()];
        double flowNll = 0;
        double exactNll = 0;
        double gap = 0;
        double gapSq = 0;
        for (int i = 0; i < n; i++) {
            x.copyRow(i, xr);
            theta.copyRow(i, tr);
            phi.copyRow(i, pr);
            double lp = simulator.logDensity(xr, tr, pr);
            flowNll -= got[i] / n;
            exactNll -= lp / n;
            double d = lp - got[i];
            gap += d / n;
            gapSq += d * d / n;
        }
        return new HeldOutGap(flowNll, exactNll, gap, Math.sqrt(Math.max(0, gapSq - gap * gap) / n));
    }

    @Override
    public String toString() {
        return String.format("held-out NLL flow %.4f, exact %.4f, gap %.4f +- %.4f nats", flowNll, exactNll, gap,
                standardError);
    }
}
