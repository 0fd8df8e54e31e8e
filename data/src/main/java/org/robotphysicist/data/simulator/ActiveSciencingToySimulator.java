package org.robotphysicist.data.simulator;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.DisplayNames;
import org.robotphysicist.data.InvalidInputException;

/**
 * The "active sciencing" Weinberg toy, kept for comparison with earlier work:
 * θ = g<sub>f</sub>/g<sub>f,nominal</sub> ∈ [0.25, 2], φ = √s/2 ∈ [40, 50] GeV,
 * <pre>
 *   a(θ, φ) = 2 · tanh(10 · (2φ − 90) / 90) · θ,     p(c) = 3/8 · (1 + c² + a·c),  c ∈ [−1, 1].
 * </pre>
 * The density is used exactly. It is negative somewhere on [−1, 1] when |a| > 2; such (θ, φ)
 * are rejected with an {@link InvalidInputException} instead of being silently truncated. At
 * φ = 45 GeV, a = 0 for every θ: the data carry no information about θ there.
 */
public final class ActiveSciencingToySimulator implements TractableSimulator {

    /** a(θ, φ) as defined above. */
    public static double asymmetryCoefficient(double theta, double phi) {
        return 2 * Math.tanh(10 * (2 * phi - 90) / 90) * theta;
    }

    /** The angular distribution at (θ, φ); throws when |a| > 2. */
    public static ForwardBackwardDistribution distribution(double theta, double phi) {
        double a = asymmetryCoefficient(theta, phi);
        if (Math.abs(a) > 2) {
            throw new InvalidInputException("active-sciencing toy: expected |a(theta, phi)| <= 2 for a non-negative"
                    + " density but found a = " + a + " at theta = " + theta + ", phi = " + phi);
        }
        return new ForwardBackwardDistribution(a);
    }

    @Override
    public String name() {
        return "active-sciencing-toy";
    }

    @Override
    public Dimensions dimensions() {
        return Dimensions.of("gf_ratio", "half_sqrt_s", "cos_theta");
    }

    /** g_f/g_f,nominal; √s/2 [GeV]; cos θ. */
    @Override
    public DisplayNames displayNames() {
        return new DisplayNames(List.of(new DisplayNames.Quantity("g_f/g_f,nominal", "")),
                List.of(new DisplayNames.Quantity("√s/2", "GeV")), List.of(new DisplayNames.Quantity("cos θ", "")));
    }

    @Override
    public Box thetaDomain() {
        return Box.interval(0.25, 2);
    }

    @Override
    public Box phiDomain() {
        return Box.interval(40, 50);
    }

    @Override
    public Box xSupport() {
        return Box.interval(-1, 1);
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        distribution(theta[0], phi[0]).sample(rng, n, out, 0);
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        return distribution(theta[0], phi[0]).logDensity(x[0]);
    }
}
