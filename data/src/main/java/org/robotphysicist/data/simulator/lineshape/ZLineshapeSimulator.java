package org.robotphysicist.data.simulator.lineshape;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.DisplayNames;
import org.robotphysicist.data.simulator.CrossSectionModel;
import org.robotphysicist.data.simulator.StandardNormal;
import org.robotphysicist.data.simulator.TractableSimulator;

/**
 * e⁺e⁻ → μ⁺μ⁻ across the Z resonance, with initial-state radiation, beam-energy spread and a
 * detector; registered as {@code z-lineshape}.
 * <ul>
 *   <li>θ = (M<sub>Z</sub> [GeV] ∈ [88, 94], Γ<sub>Z</sub> [GeV] ∈ [1.5, 3.5], sin²θ<sub>eff</sub> ∈ [0.18, 0.30]),
 *       see {@link LineshapeParameters};</li>
 *   <li>φ = nominal √s [GeV] ∈ [60, 130];</li>
 *   <li>x = (cos θ* of the μ⁻, acollinearity ξ [rad], m<sub>μμ</sub>/√s) of an accepted event,
 *       see {@link DimuonObservables}.</li>
 * </ul>
 * Each event: √s<sub>true</sub> from the beam spread and the radiated fraction k from the ISR
 * radiator times the hard cross-section ({@link RadiatedFractionSampler}); the hard process at
 * s' = s<sub>true</sub>(1 − k) ({@link ImprovedBornCrossSection}) gives cos θ*; the photon is
 * collinear with the e⁻ or the e⁺ beam with equal probability, so the μ⁺μ⁻ system has rapidity
 * ±½ ln(1/(1 − k)) and the muons are boosted to the lab; then the detector smears and selects
 * ({@link BeamAndDetector}). Events outside the acceptance are drawn again, so a fixed-count
 * experiment records exactly n accepted events; a fixed-luminosity one records
 * Poisson(L·σ<sub>vis</sub>) with σ<sub>vis</sub> = ε·σ<sub>acc</sub> ({@link #crossSectionPb}).
 *
 * <p>The likelihood is not closed-form (k is latent); {@link #logDensity} is the reference
 * quadrature {@link LineshapeLikelihood}, cached for the 32 most recent (θ, φ). The support box
 * is [−1, 1] × [0, π] × [0, 2]; events with m/√s ≥ 2 (probability below 10⁻²⁰) are redrawn.
 */
public final class ZLineshapeSimulator implements TractableSimulator, CrossSectionModel {
    private static final int CACHE_SIZE = 32;
    private static final double MAX_MASS_RATIO = 2;

    private final BeamAndDetector detector;
    private final Map<List<Double>, LineshapeLikelihood> likelihoods = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Double>, LineshapeLikelihood> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** With the default beam and detector, {@link BeamAndDetector#lepOneLike()}. */
    public ZLineshapeSimulator() {
        this(BeamAndDetector.lepOneLike());
    }

    public ZLineshapeSimulator(BeamAndDetector detector) {
        this.detector = java.util.Objects.requireNonNull(detector, "detector");
    }

    public BeamAndDetector detector() {
        return detector;
    }

    @Override
    public String name() {
        return "z-lineshape";
    }

    @Override
    public Dimensions dimensions() {
        return new Dimensions(List.of("M_Z", "Gamma_Z", "sin2_theta_eff"), List.of("sqrt_s"), DimuonObservables.NAMES);
    }

    /** M_Z and Γ_Z in GeV; sin²θ_eff is dimensionless. */
    @Override
    public List<String> thetaUnits() {
        return List.of("GeV", "GeV", "");
    }

    /** M_Z [GeV], Γ_Z [GeV], sin²θ_eff; √s [GeV]; cos θ*, acollinearity ξ [rad], m_μμ/√s. */
    @Override
    public DisplayNames displayNames() {
        return new DisplayNames(DisplayNames.quantities(List.of("M_Z", "Γ_Z", "sin²θ_eff"), thetaUnits()),
                List.of(new DisplayNames.Quantity("√s", "GeV")), DisplayNames.quantities(
                        List.of("cos θ*", "acollinearity ξ", "m_μμ/√s"), List.of("", "rad", "")));
    }

    /** {@link org.robotphysicist.data.lhe.DimuonEventRecords}: {@link DimuonObservables} on the records' muons. */
    @Override
    public java.util.Optional<org.robotphysicist.data.lhe.EventRecordObservables> eventRecordObservables() {
        return java.util.Optional.of(org.robotphysicist.data.lhe.DimuonEventRecords.INSTANCE);
    }

    @Override
    public Box thetaDomain() {
        return new Box(new double[] {88, 1.5, 0.18}, new double[] {94, 3.5, 0.30});
    }

    @Override
    public Box phiDomain() {
        return Box.interval(60, 130);
    }

    @Override
    public Box xSupport() {
        return new Box(new double[] {-1, 0, 0}, new double[] {1, Math.PI, MAX_MASS_RATIO});
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        double nominal = phi[0];
        DimuonGenerator generator = new DimuonGenerator(LineshapeParameters.fromTheta(theta), nominal,
                detector.beamSpreadGeV(nominal));
        double[] muMinus = new double[3];
        double[] muPlus = new double[3];
        double maxCos = detector.maxAbsCosTheta();
        int recorded = 0;
        while (recorded < n) {
            DimuonGenerator.TruePair pair = generator.next(rng);
            double thetaMinus = pair.thetaMinus() + detector.polarAngleResolutionRad() * StandardNormal.sample(rng);
            double thetaPlus = pair.thetaPlus() + detector.polarAngleResolutionRad() * StandardNormal.sample(rng);
            double pMinus = smearMomentum(pair.momentumMinus(), rng);
            double pPlus = smearMomentum(pair.momentumPlus(), rng);
            if (!(Math.abs(Math.cos(thetaMinus)) < maxCos && Math.abs(Math.cos(thetaPlus)) < maxCos)
                    || thetaMinus <= 0 || thetaPlus <= 0 || thetaMinus >= Math.PI || thetaPlus >= Math.PI) {
                continue;
            }
            muMinus[0] = pMinus * Math.sin(thetaMinus);
            muMinus[1] = 0;
            muMinus[2] = pMinus * Math.cos(thetaMinus);
            muPlus[0] = -pPlus * Math.sin(thetaPlus);
            muPlus[1] = 0;
            muPlus[2] = pPlus * Math.cos(thetaPlus);
            DimuonObservables.compute(muMinus, muPlus, nominal, out, 3 * recorded);
            if (out[3 * recorded + 2] < MAX_MASS_RATIO) {
                recorded++;
            }
        }
    }

    private double smearMomentum(double p, SplittableRandom rng) {
        return p * Math.exp(detector.curvatureResolutionPerGeV() * p * StandardNormal.sample(rng));
    }

    @Override
    public double logDensity(double[] x, double[] theta, double[] phi) {
        return Math.log(likelihood(theta, phi).density(x[0], x[1], x[2]));
    }

    /** σ<sub>vis</sub> = ε·σ<sub>acc</sub> in pb: the expected events per pb⁻¹. */
    @Override
    public double crossSectionPb(double[] theta, double[] phi) {
        return likelihood(theta, phi).visibleCrossSectionPb();
    }

    /** The reference likelihood at (θ, φ), from the cache when recently used. */
    public LineshapeLikelihood likelihood(double[] theta, double[] phi) {
        List<Double> key = List.of(theta[0], theta[1], theta[2], phi[0]);
        LineshapeLikelihood cached = likelihoods.get(key);
        if (cached != null) {
            return cached;
        }
        LineshapeLikelihood fresh = new LineshapeLikelihood(LineshapeParameters.fromTheta(theta), detector, phi[0]);
        likelihoods.put(key, fresh);
        return fresh;
    }

    @Override
    public String toString() {
        return "z-lineshape" + Arrays.toString(new double[] {detector.beamSpreadAtPoleGeV(),
            detector.curvatureResolutionPerGeV(), detector.polarAngleResolutionRad(), detector.maxAbsCosTheta(),
            detector.efficiency()});
    }
}
