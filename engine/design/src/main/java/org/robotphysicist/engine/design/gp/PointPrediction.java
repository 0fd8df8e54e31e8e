package org.robotphysicist.engine.design.gp;

/**
 * The GP posterior at one point u of the unit box with its gradients, for gradient-based
 * acquisition maximization. Values are in the units of the observations; gradients are with
 * respect to the unit-box coordinates u<sub>d</sub> (divide by the domain width for φ units).
 *
 * @param mean             μ(u)
 * @param variance         σ²(u) ≥ 0 (latent f)
 * @param meanGradient     ∂μ/∂u<sub>d</sub>, length D
 * @param varianceGradient ∂σ²/∂u<sub>d</sub>, length D (0 where the variance was clamped)
 */
public record PointPrediction(double mean, double variance, double[] meanGradient, double[] varianceGradient) {

    public PointPrediction {
        meanGradient = meanGradient.clone();
        varianceGradient = varianceGradient.clone();
    }

    @Override
    public double[] meanGradient() {
        return meanGradient.clone();
    }

    @Override
    public double[] varianceGradient() {
        return varianceGradient.clone();
    }

    public double meanGradient(int d) {
        return meanGradient[d];
    }

    public double varianceGradient(int d) {
        return varianceGradient[d];
    }
}
