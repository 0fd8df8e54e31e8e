package org.robotphysicist.engine.design.acquisition;

import org.robotphysicist.data.Require;
import org.robotphysicist.engine.design.gp.GaussianProcess;

/**
 * Log expected improvement (LogEI, Ament et al. 2023) over an incumbent f*: with goal sign s
 * (+1 maximize, −1 minimize), z = s(μ − f*)/σ and
 *
 * <pre>
 *   EI = E[max(s(f − f*), 0)] = σ·h(z),   log EI = log σ + log h(z)    (see {@link GaussianTails#logH})
 *   ∂ log EI/∂μ = s (log h)'(z)/σ,   ∂ log EI/∂σ = (1 − z (log h)'(z))/σ
 * </pre>
 *
 * Unlike log(EI) computed naively, it stays finite and informative where EI underflows (z ≪ 0),
 * so gradient-based maximization does not stall on flat zero regions. The posterior standard
 * deviation is floored at 10⁻¹²·s<sub>y</sub> (s<sub>y</sub> the GP's output scale) so that
 * points where σ = 0 get a finite, very negative value.
 */
public final class LogExpectedImprovement extends PosteriorAcquisition {
    private final double incumbent;
    private final double sdFloor;

    /**
     * @param gp        the fitted model
     * @param goal      maximize or minimize
     * @param incumbent f*, the value to improve on (for example the best posterior mean at the observations)
     */
    public LogExpectedImprovement(GaussianProcess gp, Goal goal, double incumbent) {
        super(gp, goal);
        this.incumbent = Require.finite("EI incumbent", incumbent);
        this.sdFloor = 1e-12 * gp.outputScale();
    }

    @Override
    double sdFloor() {
        return sdFloor;
    }

    @Override
    double value(double mean, double sd) {
        return Math.log(sd) + GaussianTails.logH(sign * (mean - incumbent) / sd);
    }

    @Override
    double valueAndPartials(double mean, double sd, double[] partials) {
        double z = sign * (mean - incumbent) / sd;
        double slope = GaussianTails.dLogH(z);
        partials[0] = sign * slope / sd;
        partials[1] = (1 - z * slope) / sd;
        return Math.log(sd) + GaussianTails.logH(z);
    }
}
