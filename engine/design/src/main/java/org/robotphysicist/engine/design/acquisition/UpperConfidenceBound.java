package org.robotphysicist.engine.design.acquisition;

import org.robotphysicist.data.Require;
import org.robotphysicist.engine.design.gp.GaussianProcess;

/**
 * Upper confidence bound (GP-UCB, Srinivas, Krause, Kakade &amp; Seeger 2010) for goal sign s:
 * α(u) = s·μ(u) + √β·σ(u) — the upper bound of the credible band for maximization, the negated
 * lower bound for minimization. β ≥ 0 trades exploration (large β) for exploitation (β = 0).
 */
public final class UpperConfidenceBound extends PosteriorAcquisition {
    private final double sqrtBeta;

    public UpperConfidenceBound(GaussianProcess gp, Goal goal, double beta) {
        super(gp, goal);
        this.sqrtBeta = Math.sqrt(Require.nonNegative("UCB beta", beta));
    }

    @Override
    double value(double mean, double sd) {
        return sign * mean + sqrtBeta * sd;
    }

    @Override
    double valueAndPartials(double mean, double sd, double[] partials) {
        partials[0] = sign;
        partials[1] = sqrtBeta;
        return value(mean, sd);
    }
}
