package org.robotphysicist.data.simulator.lineshape;

import java.util.SplittableRandom;

/**
 * Generator-level e⁺e⁻ → μ⁺μ⁻γ events of the {@code z-lineshape} model, before any detector: the
 * true √s (beam spread), the ISR fraction k ({@link RadiatedFractionSampler}), the side the collinear
 * photon goes (equal odds), and cos θ* from the hard process at s' = s(1 − k)
 * ({@link ImprovedBornCrossSection}). Used by the simulator and by event-file writers.
 */
public final class DimuonGenerator {
    private final ImprovedBornCrossSection born;
    private final RadiatedFractionSampler isr;

    /**
     * One generated pair. The μ⁺μ⁻ system has rapidity {@code rapidity} (negative when the photon
     * goes along +z, the e⁻ direction); η* = atanh cos θ* is the μ⁻ rapidity in that system.
     */
    public record TruePair(double sqrtS, double radiatedFraction, double rapidity, double etaStar) {

        /** √s' = √s·√(1 − k), GeV. */
        public double sqrtSPrime() {
            return sqrtS * Math.sqrt(1 - radiatedFraction);
        }

        /** Lab polar angle of the μ⁻: 2 atan(e^−(η* + y)). */
        public double thetaMinus() {
            return 2 * Math.atan(Math.exp(-(etaStar + rapidity)));
        }

        /** Lab polar angle of the μ⁺: 2 atan(e^−(−η* + y)). */
        public double thetaPlus() {
            return 2 * Math.atan(Math.exp(-(-etaStar + rapidity)));
        }

        /** |p| of the μ⁻ in the lab, ½√s'·cosh(η* + y)/cosh η*, GeV. */
        public double momentumMinus() {
            return 0.5 * sqrtSPrime() * Math.cosh(etaStar + rapidity) / Math.cosh(etaStar);
        }

        /** |p| of the μ⁺ in the lab, ½√s'·cosh(−η* + y)/cosh η*, GeV. */
        public double momentumPlus() {
            return 0.5 * sqrtSPrime() * Math.cosh(-etaStar + rapidity) / Math.cosh(etaStar);
        }

        /** The photon's p<sub>z</sub> = ∓k√s/2 (along +z when the system moves to −z), GeV. */
        public double photonPz() {
            return -Math.signum(rapidity) * radiatedFraction * sqrtS / 2;
        }
    }

    public DimuonGenerator(LineshapeParameters parameters, double nominalSqrtS, double beamSpreadGeV) {
        this.born = new ImprovedBornCrossSection(parameters);
        this.isr = new RadiatedFractionSampler(born, nominalSqrtS, beamSpreadGeV);
    }

    public ImprovedBornCrossSection hardProcess() {
        return born;
    }

    /** The next event. */
    public TruePair next(SplittableRandom rng) {
        RadiatedFractionSampler.Draw d = isr.sample(rng);
        double k = d.radiatedFraction();
        double sPrime = d.sqrtS() * d.sqrtS() * (1 - k);
        double y = -0.5 * Math.log1p(-k) * (rng.nextBoolean() ? 1 : -1);
        double c = born.angularDistribution(sPrime).inverseCdf(rng.nextDouble());
        return new TruePair(d.sqrtS(), k, y, 0.5 * Math.log((1 + c) / (1 - c)));
    }
}
