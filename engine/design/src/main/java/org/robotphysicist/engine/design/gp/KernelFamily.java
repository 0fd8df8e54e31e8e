package org.robotphysicist.engine.design.gp;

/**
 * Stationary kernel shapes with automatic relevance determination (ARD). With length-scales
 * ℓ<sub>d</sub> and the scaled squared distance r² = Σ<sub>d</sub> (u<sub>d</sub> − v<sub>d</sub>)² / ℓ<sub>d</sub>²,
 * the covariance is k(u, v) = σ<sub>f</sub>² g(r²), where g is the correlation of the family (g(0) = 1).
 *
 * <p>Derivatives are expressed through the slope q(r²) = −2 dg/d(r²) ≥ 0, so that
 * ∂k/∂log ℓ<sub>d</sub> = σ<sub>f</sub>² q(r²) (u<sub>d</sub> − v<sub>d</sub>)²/ℓ<sub>d</sub>² and
 * ∂k/∂u<sub>d</sub> = −σ<sub>f</sub>² q(r²) (u<sub>d</sub> − v<sub>d</sub>)/ℓ<sub>d</sub>². Both families
 * follow Rasmussen &amp; Williams, <i>Gaussian Processes for Machine Learning</i> (2006), §4.2.
 */
public enum KernelFamily {
    /**
     * Matérn ν = 5/2: g = (1 + √5 r + 5r²/3) exp(−√5 r); twice differentiable sample paths.
     * q = (5/3)(1 + √5 r) exp(−√5 r).
     */
    MATERN52 {
        @Override
        public double correlation(double r2) {
            double r5 = Math.sqrt(5 * r2);
            return (1 + r5 + r5 * r5 / 3) * Math.exp(-r5);
        }

        @Override
        public double slopeRatio(double r2) {
            double r5 = Math.sqrt(5 * r2);
            return (5.0 / 3.0) * (1 + r5) / (1 + r5 + r5 * r5 / 3);
        }
    },
    /** Squared exponential: g = exp(−r²/2); infinitely differentiable sample paths. q = g. */
    SQUARED_EXPONENTIAL {
        @Override
        public double correlation(double r2) {
            return Math.exp(-0.5 * r2);
        }

        @Override
        public double slopeRatio(double r2) {
            return 1;
        }
    };

    /** g(r²), the correlation at scaled squared distance r² ≥ 0. */
    public abstract double correlation(double r2);

    /** q(r²)/g(r²), the slope divided by the correlation (finite for every r² ≥ 0). */
    public abstract double slopeRatio(double r2);

    /** q(r²) = −2 dg/d(r²). */
    public double slope(double r2) {
        return correlation(r2) * slopeRatio(r2);
    }
}
