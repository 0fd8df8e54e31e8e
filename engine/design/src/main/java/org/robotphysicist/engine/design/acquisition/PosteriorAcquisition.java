package org.robotphysicist.engine.design.acquisition;

import java.util.Objects;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.PointPrediction;
import org.robotphysicist.engine.design.gp.Prediction;

/**
 * An acquisition that is a function α(μ, σ) of the GP posterior mean and standard deviation at a
 * point. Subclasses give α and its partial derivatives; this class batches the predictions and
 * applies the chain rule ∂α/∂u = α<sub>μ</sub>·∂μ/∂u + α<sub>σ</sub>·∂σ/∂u with ∂σ/∂u = (∂σ²/∂u)/(2σ).
 */
abstract class PosteriorAcquisition implements Acquisition {
    /** The model. */
    protected final GaussianProcess gp;
    /** +1 to maximize, −1 to minimize. */
    protected final double sign;

    PosteriorAcquisition(GaussianProcess gp, Goal goal) {
        this.gp = Objects.requireNonNull(gp, "gp");
        this.sign = goal.sign();
    }

    /** σ used in place of smaller standard deviations (0 by default). */
    double sdFloor() {
        return 0.0;
    }

    /** α(μ, σ). */
    abstract double value(double mean, double sd);

    /** α(μ, σ), writing (∂α/∂μ, ∂α/∂σ) into {@code partials}. */
    abstract double valueAndPartials(double mean, double sd, double[] partials);

    @Override
    public final int dim() {
        return gp.dim();
    }

    @Override
    public final double[] values(double[] unitPoints, int m) {
        Prediction p = gp.predictUnit(unitPoints, m);
        double[] out = new double[m];
        for (int c = 0; c < m; c++) {
            out[c] = value(p.mean(c), Math.max(sdFloor(), p.standardDeviation(c)));
        }
        return out;
    }

    @Override
    public final double valueAndGradient(double[] u, double[] gradient) {
        PointPrediction p = gp.predictUnitWithGradient(u);
        double sd = Math.sqrt(p.variance());
        boolean floored = !(sd > sdFloor());
        if (floored) {
            sd = sdFloor();
        }
        double[] partials = new double[2];
        double v = valueAndPartials(p.mean(), sd, partials);
        for (int c = 0; c < gradient.length; c++) {
            double dSd = floored ? 0.0 : p.varianceGradient(c) / (2 * sd);
            gradient[c] = partials[0] * p.meanGradient(c) + partials[1] * dSd;
        }
        return v;
    }
}
