package org.robotphysicist.engine.design.acquisition;

import java.util.Objects;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.PointPrediction;
import org.robotphysicist.engine.design.gp.Prediction;

/**
 * Upper confidence bound (GP-UCB, Srinivas, Krause, Kakade &amp; Seeger 2010) for goal sign s:
 * α(u) = s·μ(u) + √β·σ(u) — the upper bound of the credible band for maximization, the negated
 * lower bound for minimization. β ≥ 0 trades exploration (large β) for exploitation (β = 0).
 */
public final class UpperConfidenceBound implements Acquisition {
    private final GaussianProcess gp;
    private final double sign;
    private final double sqrtBeta;

    public UpperConfidenceBound(GaussianProcess gp, Goal goal, double beta) {
        this.gp = Objects.requireNonNull(gp, "gp");
        this.sign = goal.sign();
        this.sqrtBeta = Math.sqrt(Require.nonNegative("UCB beta", beta));
    }

    @Override
    public int dim() {
        return gp.dim();
    }

    @Override
    public double[] values(double[] unitPoints, int m) {
        Prediction p = gp.predictUnit(unitPoints, m);
        double[] out = new double[m];
        for (int c = 0; c < m; c++) {
            out[c] = sign * p.mean(c) + sqrtBeta * p.standardDeviation(c);
        }
        return out;
    }

    @Override
    public double valueAndGradient(double[] u, double[] gradient) {
        PointPrediction p = gp.predictUnitWithGradient(u);
        double sd = Math.sqrt(p.variance());
        for (int c = 0; c < gradient.length; c++) {
            double dSd = sd > 0 ? p.varianceGradient(c) / (2 * sd) : 0.0;
            gradient[c] = sign * p.meanGradient(c) + sqrtBeta * dSd;
        }
        return sign * p.mean() + sqrtBeta * sd;
    }
}
