package org.robotphysicist.models.flow;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.FixedDomainSurrogate;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.SurrogateDomain;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * A conditional flow as a {@link SurrogateLikelihood}: the context is (θ, φ) concatenated, so
 * log p̂(x | θ, φ) = log p<sub>flow</sub>(x | [θ; φ]) in original units. Values are normalized
 * log-densities over x ({@link #isNormalized()} is true), not just defined up to a constant.
 * θ and φ are checked against the ranges the flow is valid on; x is not restricted: the density
 * lives on the spec's x support ({@link SupportBijection}) and is 0 (log −∞) outside it.
 */
public final class FlowSurrogate implements FixedDomainSurrogate {
    private final SurrogateDomain domain;
    private final FlowEvaluator evaluator;

    /**
     * @param dims       dimensions of θ, φ and x; the flow's context must be D<sub>θ</sub> + D<sub>φ</sub> wide
     * @param thetaRange the θ box the flow is valid on (its training range)
     * @param phiRange   the φ box the flow is valid on
     * @param evaluator  the flow with its standardizers
     */
    public FlowSurrogate(Dimensions dims, Box thetaRange, Box phiRange, FlowEvaluator evaluator) {
        FlowSpec spec = evaluator.flow().spec();
        if (spec.xDim() != dims.xDim() || spec.contextDim() != dims.thetaDim() + dims.phiDim()) {
            throw new DimensionMismatchException("flow surrogate: expected a flow with x dimension " + dims.xDim()
                    + " and context dimension " + (dims.thetaDim() + dims.phiDim()) + " but found " + spec.xDim()
                    + " and " + spec.contextDim());
        }
        this.domain = new SurrogateDomain(dims, thetaRange, phiRange);
        this.evaluator = evaluator;
    }

    public FlowEvaluator evaluator() {
        return evaluator;
    }

    @Override
    public SurrogateDomain domain() {
        return domain;
    }

    @Override
    public boolean isNormalized() {
        return true;
    }

    @Override
    public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
        SurrogateArguments.requireRowAligned(this, x, theta, phi);
        return evaluator.logDensity(x, context(theta, phi));
    }

    /** Shares the work across the grid on the device: see {@link FlowEvaluator#summedLogDensity}. */
    @Override
    public double[] summedLogLikelihood(Matrix events, Matrix thetaGrid, double[] phi) {
        SurrogateArguments.requireGridCall(this, events, thetaGrid, phi);
        return evaluator.summedLogDensity(events, context(thetaGrid, Matrix.repeatRow(phi, thetaGrid.rows())));
    }

    /**
     * n draws x ~ p̂(· | θ, φ) in original units.
     *
     * @return (n, D<sub>x</sub>)
     */
    public Matrix sample(int n, double[] theta, double[] phi, SplittableRandom rng) {
        Require.positive("number of samples", n);
        Require.finiteVector("theta", theta, domain.dimensions().thetaDim());
        Require.finiteVector("phi", phi, domain.dimensions().phiDim());
        domain.thetaRange().require("theta", theta);
        domain.phiRange().require("phi", phi);
        return evaluator.sample(context(Matrix.repeatRow(theta, n), Matrix.repeatRow(phi, n)), rng);
    }

    /** [θ | φ] row by row: (B, D<sub>θ</sub> + D<sub>φ</sub>). */
    static Matrix context(Matrix theta, Matrix phi) {
        int b = theta.rows();
        int dt = theta.cols();
        int dp = phi.cols();
        double[] out = new double[b * (dt + dp)];
        double[] t = theta.toArray();
        double[] p = phi.toArray();
        for (int i = 0; i < b; i++) {
            System.arraycopy(t, i * dt, out, i * (dt + dp), dt);
            System.arraycopy(p, i * dp, out, i * (dt + dp) + dt, dp);
        }
        return Matrix.of(b, dt + dp, out);
    }
}
