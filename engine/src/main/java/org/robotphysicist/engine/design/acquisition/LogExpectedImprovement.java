package org.robotphysicist.engine.design.acquisition;

import java.util.Objects;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.PointPrediction;
import org.robotphysicist.engine.design.gp.Prediction;

/**
 * Log expected improvement (LogEI, Ament et al. 2023) over an incumbent f*: with goal sign s
 * (+1 maximize, −1 minimize), z = s(μ − f*)/σ and
 *
 * <pre>
 *   EI = E[max(s(f − f*), 0)] = σ·h(z),   log EI = log σ + log h(z)    (see {@link GaussianTails#logH})
 *   ∂ log EI/∂u = σ'/σ + (log h)'(z)·(s μ'/σ − z σ'/σ),   σ' = (σ²)'/(2σ)
 * </pre>
 *
 * Unlike log(EI) computed naively, it stays finite and informative where EI underflows (z ≪ 0),
 * so gradient-based maximization does not stall on flat zero regions. The posterior standard
 * deviation is floored at 10⁻¹²·s<sub>y</sub> (s<sub>y</sub> the GP's output scale) so that
 * points where σ = 0 get a finite, very negative value.
 */
public final class LogExpectedImprovement implements Acquisition {
    private final GaussianProcess gp;
    private final double sign;
    private final double incumbent;
    private final double sdFloor;

    /**
     * @param gp        the fitted model
     * @param goal      maximize or minimize
     * @param incumbent f*, the value to improve on (for example the best posterior mean at the observations)
     */
    public LogExpectedImprovement(GaussianProcess gp, Goal goal, double incumbent) {
        this.gp = Objects.requireNonNull(gp, "gp");
        this.sign = goal.sign();
        this.incumbent = Require.finite("EI incumbent", incumbent);
        this.sdFloor = 1e-12 * gp.outputScale();
    }

    /** log EI for a Gaussian N(mean, sd²) against {@code incumbent}; sd &gt; 0. */
    public static double logEi(double mean, double sd, double incumbent, Goal goal) {
        return Math.log(sd) + GaussianTails.logH(goal.sign() * (mean - incumbent) / sd);
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
            double sd = Math.max(sdFloor, p.standardDeviation(c));
            out[c] = Math.log(sd) + GaussianTails.logH(sign * (p.mean(c) - incumbent) / sd);
        }
        return out;
    }

    @Override
    public double valueAndGradient(double[] u, double[] gradient) {
        PointPrediction p = gp.predictUnitWithGradient(u);
        double sd = Math.sqrt(p.variance());
        boolean floored = !(sd > sdFloor);
        if (floored) {
            sd = sdFloor;
        }
        double z = sign * (p.mean() - incumbent) / sd;
        double slope = GaussianTails.dLogH(z);
        for (int c = 0; c < gradient.length; c++) {
            double dSd = floored ? 0.0 : p.varianceGradient(c) / (2 * sd);
            gradient[c] = dSd / sd + slope * (sign * p.meanGradient(c) - z * dSd) / sd;
        }
        return Math.log(sd) + GaussianTails.logH(z);
    }
}
