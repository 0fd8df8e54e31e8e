package org.robotphysicist.data.simulator.lineshape;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.robotphysicist.data.Require;

/**
 * Gauss–Hermite nodes for an average over the Gaussian beam-energy spread:
 * E[f(√s<sub>true</sub>)] ≈ Σ<sub>j</sub> w<sub>j</sub> f(φ + √2 σ x<sub>j</sub>) with Σ w<sub>j</sub> = 1,
 * exact for polynomials of degree 2n − 1. One node (√s = φ, weight 1) when σ = 0.
 */
final class BeamEnergyNodes {
    private final double[] sqrtS;
    private final double[] weights;

    BeamEnergyNodes(double nominalSqrtS, double spreadGeV, int points) {
        Require.positive("number of beam-energy nodes", points);
        if (spreadGeV == 0) {
            sqrtS = new double[] {nominalSqrtS};
            weights = new double[] {1};
            return;
        }
        GaussIntegrator hermite = new GaussIntegratorFactory().hermite(points);
        sqrtS = new double[points];
        weights = new double[points];
        for (int j = 0; j < points; j++) {
            sqrtS[j] = nominalSqrtS + Math.sqrt(2) * spreadGeV * hermite.getPoint(j);
            weights[j] = hermite.getWeight(j) / Math.sqrt(Math.PI);
        }
    }

    int size() {
        return sqrtS.length;
    }

    double sqrtS(int j) {
        return sqrtS[j];
    }

    double weight(int j) {
        return weights[j];
    }
}
