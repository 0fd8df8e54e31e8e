package org.robotphysicist.data.simulator;

/**
 * A simulator that also knows its total cross-section σ(θ, φ), so an experiment can be
 * specified by integrated luminosity L: the event count is then Poisson(L·σ).
 */
public interface CrossSectionModel {

    /** σ(θ, φ) in picobarns; arguments validated by the caller. */
    double crossSectionPb(double[] theta, double[] phi);
}
