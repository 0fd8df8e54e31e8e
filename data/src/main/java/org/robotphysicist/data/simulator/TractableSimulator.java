package org.robotphysicist.data.simulator;

/**
 * A simulator whose normalized density p(x | θ, φ) is known in closed form. Used as ground
 * truth: every surrogate and posterior is checked against these.
 */
public interface TractableSimulator extends Simulator {

    /**
     * log p(x | θ, φ), normalized over x. Arguments are assumed validated; −∞ outside the
     * support of x.
     */
    double logDensity(double[] x, double[] theta, double[] phi);
}
