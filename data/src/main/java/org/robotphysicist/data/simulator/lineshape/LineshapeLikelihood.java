package org.robotphysicist.data.simulator.lineshape;

import java.util.function.DoubleUnaryOperator;

/**
 * The reference likelihood p(x | θ, φ) of the {@code z-lineshape} simulator at one (θ, φ), by
 * numerical quadrature over the latent variables, for x = (cos θ*, ξ, m/√s) of an accepted event.
 *
 * <p><b>Coordinates.</b> For massless muons and a μ⁺μ⁻ system moving along the beam with rapidity
 * y, the lab pseudorapidities are η⁻ = η* + y and η⁺ = −η* + y (η* = atanh cos θ*), and the ISR
 * fraction is k = 1 − e<sup>−2|y|</sup>. The observed (cos θ*, ξ) are in one-to-one correspondence
 * with (η*<sub>r</sub>, |y<sub>r</sub>|) through cos θ* = tanh η*<sub>r</sub> and
 * tan(ξ/2) = sinh|y<sub>r</sub>| / cosh η*<sub>r</sub>, where η<sub>r</sub> are the measured pseudorapidities.
 *
 * <p><b>Formula.</b> With a = η*<sub>r</sub> + y<sub>r</sub>, b = −η*<sub>r</sub> + y<sub>r</sub>, the
 * polar-angle resolution σ<sub>θ</sub> becomes σ<sub>a</sub> = σ<sub>θ</sub> cosh a and
 * σ<sub>b</sub> = σ<sub>θ</sub> cosh b in pseudorapidity; linearized about the measured angles, the
 * true rapidity is Gaussian about y<sub>r</sub> with σ<sub>y</sub> = ½√(σ<sub>a</sub>² + σ<sub>b</sub>²),
 * and the true η* shifts by ρ(y − y<sub>r</sub>), ρ = (σ<sub>a</sub>² − σ<sub>b</sub>²)/(σ<sub>a</sub>² + σ<sub>b</sub>²).
 * Then
 * <pre>
 *   p(x) = 2 q(η*_r, |y_r|, r) / [(1 − c²) · dξ/dy · A],        dξ/dy = 2 cosh y cosh η* / (cosh²η* + sinh²y)
 *   q    = ∫ dy N(y − y_r; σ_y) Σ_j w_j H(k; s_j) |dk/dy| ½ dσ₀/dc(s_j(1 − k), tanh η*) (1 − tanh²η*) LN(r) / σ̄
 *   LN(r) = N(ln(rφ); μ, s) / r,    μ = ½ ln(2 p⁻ p⁺ (1 + cos ξ)),    s = ½ σ_κ √(p⁻² + p⁺²)
 * </pre>
 * with η* = η*<sub>r</sub> + ρ(y − y<sub>r</sub>), p<sup>∓</sup> = ½√s'·cosh(±η* + y)/cosh η* the true muon
 * momenta, (√s<sub>j</sub>, w<sub>j</sub>) 6 Gauss–Hermite nodes of the beam spread, σ̄ = Σ w<sub>j</sub>
 * σ<sub>ISR</sub>(s<sub>j</sub>) and A = Σ w<sub>j</sub> σ<sub>acc</sub>(s<sub>j</sub>) / σ̄ the acceptance
 * ({@link IsrConvolution}). The factor 2 sums the two signs of y<sub>r</sub>, which give equal densities.
 * The y integral runs over y<sub>r</sub> ± 8σ<sub>y</sub>, split at y = 0, each half in the variable
 * w = |y|<sup>β</sup> where it reaches near 0, which removes the k<sup>β−1</sup> singularity of the radiator; it is adaptive
 * Gauss–Kronrod to a relative 10⁻⁷.
 *
 * <p><b>Accuracy.</b> Exact in the beam spread up to the Hermite rule, exact in the momentum
 * resolution (log-normal by construction), and first-order in the angular resolution: the neglected
 * terms are O(σ<sub>θ</sub>²) ≈ 10⁻⁶ relative. The measured accuracy is in docs/z-lineshape.md and
 * the tests. Immutable and thread-safe.
 */
public final class LineshapeLikelihood {
    private static final int BEAM_NODES = 6;
    private static final double WINDOW_SIGMAS = 8;

    /** How the reconstructed mass enters: a density of r, a bin probability, or 1 to marginalize. */
    @FunctionalInterface
    public interface MassTerm {
        /** The factor for ln m ~ N(mean, sd²), m in GeV. */
        double value(double meanLogMass, double sdLogMass);
    }

    private final ImprovedBornCrossSection born;
    private final BeamAndDetector detector;
    private final double nominalSqrtS;
    private final BeamEnergyNodes nodes;
    private final double[] s;
    private final double[] beta;
    private final double[] onePlusDelta;
    private final double betaRef;
    private final double totalPb;
    private final double acceptedPb;
    private final double maxAbsEta;
    private final AdaptiveGaussKronrod integrator;

    public LineshapeLikelihood(LineshapeParameters parameters, BeamAndDetector detector, double nominalSqrtS) {
        this(parameters, detector, nominalSqrtS, BEAM_NODES, 1e-7);
    }

    /** With a chosen number of beam nodes and y-integral tolerance (to measure the quadrature error). */
    public LineshapeLikelihood(LineshapeParameters parameters, BeamAndDetector detector, double nominalSqrtS,
            int beamNodes, double relativeTolerance) {
        this.born = new ImprovedBornCrossSection(parameters);
        this.detector = detector;
        this.nominalSqrtS = nominalSqrtS;
        this.nodes = new BeamEnergyNodes(nominalSqrtS, detector.beamSpreadGeV(nominalSqrtS), beamNodes);
        this.integrator = new AdaptiveGaussKronrod(relativeTolerance, 0, 200);
        this.maxAbsEta = detector.maxAbsPseudorapidity();
        int n = nodes.size();
        s = new double[n];
        beta = new double[n];
        onePlusDelta = new double[n];
        IsrConvolution convolution = new IsrConvolution(born);
        double total = 0;
        double accepted = 0;
        for (int j = 0; j < n; j++) {
            s[j] = nodes.sqrtS(j) * nodes.sqrtS(j);
            beta[j] = IsrRadiator.beta(s[j]);
            onePlusDelta[j] = 1 + IsrRadiator.softVirtualCorrection(s[j]);
            total += nodes.weight(j) * convolution.totalPb(s[j]);
            accepted += nodes.weight(j) * convolution.acceptedPb(s[j], maxAbsEta);
        }
        this.totalPb = total;
        this.acceptedPb = accepted;
        this.betaRef = IsrRadiator.beta(nominalSqrtS * nominalSqrtS);
    }

    /** σ̄: the ISR-corrected cross-section (s'/s &gt; 0.01) averaged over the beam spread, pb. */
    public double totalCrossSectionPb() {
        return totalPb;
    }

    /** The cross-section with both muons inside the acceptance, before the efficiency, pb. */
    public double acceptedCrossSectionPb() {
        return acceptedPb;
    }

    /** The visible cross-section: efficiency × accepted, pb. */
    public double visibleCrossSectionPb() {
        return detector.efficiency() * acceptedPb;
    }

    /** p(x | θ, φ) for x = (cos θ*, ξ, m/√s); 0 outside the acceptance. */
    public double density(double cosThetaStar, double acollinearity, double massRatio) {
        if (!(massRatio > 0)) {
            return 0;
        }
        double logMass = Math.log(massRatio * nominalSqrtS);
        return angularPart(cosThetaStar, acollinearity, (mean, sd) -> {
            double z = (logMass - mean) / sd;
            return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI) * massRatio);
        });
    }

    /** p(cos θ*, ξ | θ, φ): the density with m/√s integrated out. */
    public double angularDensity(double cosThetaStar, double acollinearity) {
        return angularPart(cosThetaStar, acollinearity, (mean, sd) -> 1);
    }

    /** The density of (cos θ*, ξ) with the mass factor {@code mass}, e.g. a bin probability of m/√s. */
    public double angularPart(double cosThetaStar, double acollinearity, MassTerm mass) {
        if (!(cosThetaStar > -1 && cosThetaStar < 1) || !(acollinearity >= 0 && acollinearity < Math.PI)) {
            return 0;
        }
        double etaStar = 0.5 * Math.log((1 + cosThetaStar) / (1 - cosThetaStar));
        double coshEta = Math.cosh(etaStar);
        double yr = asinh(coshEta * Math.tan(acollinearity / 2));
        if (!(Math.abs(etaStar) + yr < maxAbsEta)) {
            return 0;
        }
        double q = smearedLatentIntegral(etaStar, yr, 1 + Math.cos(acollinearity), mass);
        double sinhY = Math.sinh(yr);
        double dXiDy = 2 * Math.cosh(yr) * coshEta / (coshEta * coshEta + sinhY * sinhY);
        double dcDEta = 1 - cosThetaStar * cosThetaStar;
        return 2 * q / (dcDEta * dXiDy) / (acceptedPb / totalPb);
    }

    private double smearedLatentIntegral(double etaStarR, double yr, double onePlusCosXi, MassTerm mass) {
        double sigmaA = detector.polarAngleResolutionRad() * Math.cosh(etaStarR + yr);
        double sigmaB = detector.polarAngleResolutionRad() * Math.cosh(-etaStarR + yr);
        double sa2 = sigmaA * sigmaA;
        double sb2 = sigmaB * sigmaB;
        double sigmaY = 0.5 * Math.sqrt(sa2 + sb2);
        double rho = (sa2 - sb2) / (sa2 + sb2);
        DoubleUnaryOperator integrand = y -> {
            double d = (y - yr) / sigmaY;
            double kernel = Math.exp(-0.5 * d * d) / (sigmaY * Math.sqrt(2 * Math.PI));
            return kernel * latentDensity(y, etaStarR + rho * (y - yr), onePlusCosXi, mass);
        };
        double lo = yr - WINDOW_SIGMAS * sigmaY;
        double hi = yr + WINDOW_SIGMAS * sigmaY;
        double sum = powerSubstituted(integrand, Math.max(0, lo), hi, 1);
        if (lo < 0) {
            sum += powerSubstituted(integrand, 0, -lo, -1);
        }
        return sum;
    }

    /**
     * ∫ f(sign·t) dt over [t1, t2] ⊂ [0, ∞): in the variable w = t^β when the interval reaches
     * near t = 0 (t1 &lt; (t2 − t1)/4), where the radiator's t^(β−1) would otherwise dominate, else in t.
     */
    private double powerSubstituted(DoubleUnaryOperator f, double t1, double t2, int sign) {
        if (t1 > 0.25 * (t2 - t1)) {
            return integrator.integrate(t -> f.applyAsDouble(sign * t), t1, t2);
        }
        double inverse = 1 / betaRef;
        DoubleUnaryOperator g = w -> {
            double t = Math.pow(w, inverse);
            return f.applyAsDouble(sign * t) * inverse * t / w;
        };
        return integrator.integrate(g, Math.pow(t1, betaRef), Math.pow(t2, betaRef));
    }

    /**
     * The joint density of (η*, y) (per unit η*, per unit signed y, normalized over all events)
     * times the mass factor, averaged over the beam spread.
     */
    private double latentDensity(double y, double etaStar, double onePlusCosXi, MassTerm mass) {
        double t = Math.abs(y);
        double k = -Math.expm1(-2 * t);
        if (!(k > 0 && k < IsrConvolution.MAX_RADIATED_FRACTION)) {
            return 0;
        }
        double c = Math.tanh(etaStar);
        double coshEta = Math.cosh(etaStar);
        double boostMinus = Math.cosh(etaStar + y) / coshEta;
        double boostPlus = Math.cosh(-etaStar + y) / coshEta;
        double sum = 0;
        for (int j = 0; j < s.length; j++) {
            double sPrime = s[j] * (1 - k);
            double h = beta[j] * Math.pow(k, beta[j] - 1) * onePlusDelta[j] - beta[j] * (1 - k / 2);
            double pMinus = 0.5 * Math.sqrt(sPrime) * boostMinus;
            double pPlus = 0.5 * Math.sqrt(sPrime) * boostPlus;
            double meanLog = 0.5 * Math.log(2 * pMinus * pPlus * onePlusCosXi);
            double sdLog = 0.5 * detector.curvatureResolutionPerGeV() * Math.sqrt(pMinus * pMinus + pPlus * pPlus);
            sum += nodes.weight(j) * h * born.differentialCrossSectionPb(sPrime, c) * mass.value(meanLog, sdLog);
        }
        return sum * 2 * (1 - k) * 0.5 * (1 - c * c) / totalPb;
    }

    private static double asinh(double v) {
        return Math.log(v + Math.sqrt(v * v + 1));
    }
}
