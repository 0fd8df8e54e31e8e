package org.robotphysicist.engine.design.loop;

import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Require;

/**
 * The Gaussian-process model of EIG(φ) on a dense grid of a one-dimensional φ range, as plotted
 * beside the estimates: mean and standard deviation of the latent EIG in nats.
 *
 * @param phi  G ≥ 2 increasing settings
 * @param mean GP posterior mean at each (G)
 * @param sd   GP posterior standard deviation at each, ≥ 0 (G)
 */
public record GpCurve(double[] phi, double[] mean, double[] sd) {

    public GpCurve {
        phi = Require.finite("GP curve phi", phi.clone());
        if (mean.length != phi.length || sd.length != phi.length) {
            throw new DimensionMismatchException("GP curve: expected mean and sd of length " + phi.length
                    + " but found " + mean.length + " and " + sd.length);
        }
        mean = Require.finite("GP curve mean", mean.clone());
        sd = Require.finite("GP curve sd", sd.clone());
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] sd() {
        return sd.clone();
    }
}
