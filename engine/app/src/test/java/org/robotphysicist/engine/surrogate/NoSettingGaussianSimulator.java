package org.robotphysicist.engine.surrogate;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.simulator.StandardNormal;
import org.robotphysicist.data.simulator.TractableSimulator;

/**
 * A test simulator whose experiments have no setting: x ~ N(θ, {@value #SD}²), θ ∈ [−3, 3], φ empty.
 * Under a uniform prior the posterior of N events is close to N(x̄, {@value #SD}² / N).
 */
public final class NoSettingGaussianSimulator implements TractableSimulator {
    /** The standard deviation of one event. */
    public static final double SD = 0.5;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "no-setting-gaussian";
    }

    @Override
    public Dimensions dimensions() {
        return Dimensions.withoutPhi(List.of("mu"), List.of("x"));
    }

    @Override
    public Box thetaDomain() {
        return Box.interval(-3, 3);
    }

    @Override
    public Box phiDomain() {
        return Box.empty();
    }

    @Override
    public Box xSupport() {
        return Box.unbounded(1);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = theta[0] + SD * StandardNormal.sample(rng);
        }
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        double z = (x[0] - theta[0]) / SD;
        return -0.5 * (LOG_2PI + z * z) - Math.log(SD);
    }
}
