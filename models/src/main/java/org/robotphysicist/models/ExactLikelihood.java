package org.robotphysicist.models;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.TractableSimulator;

/**
 * The true likelihood of a {@link TractableSimulator} behind the surrogate interface: the
 * reference every learned surrogate and posterior is compared against.
 */
public final class ExactLikelihood implements FixedDomainSurrogate {
    private final TractableSimulator simulator;
    private final SurrogateDomain domain;

    /** Valid on the simulator's whole domain. */
    public ExactLikelihood(TractableSimulator simulator) {
        this(simulator, simulator.thetaDomain(), simulator.phiDomain());
    }

    /** Valid on the given sub-boxes of the simulator's domains (to mirror a surrogate's range). */
    public ExactLikelihood(TractableSimulator simulator, Box thetaRange, Box phiRange) {
        if (!thetaRange.within(simulator.thetaDomain()) || !phiRange.within(simulator.phiDomain())) {
            throw new org.robotphysicist.data.OutOfSupportException("exact likelihood ranges: expected boxes inside "
                    + simulator.thetaDomain() + " and " + simulator.phiDomain() + " but found " + thetaRange + " and "
                    + phiRange);
        }
        this.simulator = simulator;
        this.domain = new SurrogateDomain(simulator.dimensions(), thetaRange, phiRange);
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
        double[] out = new double[x.rows()];
        for (int b = 0; b < out.length; b++) {
            out[b] = simulator.logDensity(x.row(b), theta.row(b), phi.row(b));
        }
        return out;
    }

    @Override
    public double[] summedLogLikelihood(Matrix events, Matrix thetaGrid, double[] phi) {
        SurrogateArguments.requireGridCall(this, events, thetaGrid, phi);
        double[] out = new double[thetaGrid.rows()];
        java.util.stream.IntStream.range(0, out.length).parallel().forEach(j -> {
            double[] theta = thetaGrid.row(j);
            double sum = 0;
            for (int i = 0; i < events.rows(); i++) {
                sum += simulator.logDensity(events.row(i), theta, phi);
            }
            out[j] = sum;
        });
        return out;
    }
}
