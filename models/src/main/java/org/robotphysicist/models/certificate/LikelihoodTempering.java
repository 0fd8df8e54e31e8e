package org.robotphysicist.models.certificate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;

/**
 * A surrogate's systematic error, carried into its posteriors by tempering: an experiment of N
 * events at setting φ contributes
 * <pre>
 *   Σ_i log p̂(x_i | θ, φ) / τ(φ, N),   τ(φ, N) = 1 + κ(φ)·N,
 * </pre>
 * to the log posterior instead of the plain sum. Why this form: a surrogate trained on finitely
 * many simulations has a per-event log-likelihood error δ(x, θ, φ) whose effect on the posterior is
 * N·E[δ], a bias that does not shrink with N while the statistical width does. Treating the bias as
 * a random offset of covariance κ·I⁻¹ (I the Fisher information per event, the natural metric of
 * the θ space, so the model does not depend on how θ is parametrized) adds it in quadrature to the
 * statistical covariance I⁻¹/N, which for a near-Gaussian posterior is exactly the tempering above:
 * (1 + κN)·I⁻¹/N = I⁻¹/N + κ·I⁻¹. A tempered surrogate therefore behaves as if it had seen
 * N/(1 + κN) events, never more than 1/κ: 1/κ is the surrogate's <em>information cap</em>,
 * in events, and a better-trained surrogate has a larger cap. κ = 0 is no tempering.
 *
 * <p>κ is not chosen by hand: {@code CalibrationCertifier} fits it on prior-predictive datasets so
 * that the tempered posteriors' expected coverage matches the nominal levels, and stores it with the
 * calibration certificate. Along a one-dimensional φ it may be fitted at several settings, and
 * κ(φ) is then interpolated linearly between them (held constant beyond the outer ones); with one
 * setting, or φ of another dimension, one κ serves every φ. Immutable and validated.
 *
 * @param phiNodes settings κ was fitted at, strictly increasing (one-dimensional φ); empty when one
 *                 κ serves every φ
 * @param kappa    κ ≥ 0 per node, or exactly one value when {@code phiNodes} is empty
 */
public record LikelihoodTempering(List<Double> phiNodes, List<Double> kappa) {

    private static final LikelihoodTempering NONE = new LikelihoodTempering(List.of(), List.of(0.0));

    public LikelihoodTempering {
        phiNodes = List.copyOf(phiNodes == null ? List.of() : phiNodes);
        kappa = List.copyOf(kappa == null ? List.of() : kappa);
        int expected = phiNodes.isEmpty() ? 1 : phiNodes.size();
        if (kappa.size() != expected) {
            throw new InvalidInputException("likelihood tempering: expected " + expected + " kappa value(s) (one per"
                    + " phi node, or one with no nodes) but found " + kappa.size());
        }
        for (int i = 0; i < phiNodes.size(); i++) {
            double p = phiNodes.get(i);
            if (!Double.isFinite(p) || (i > 0 && !(p > phiNodes.get(i - 1)))) {
                throw new InvalidInputException("likelihood tempering phi nodes: expected finite, strictly increasing"
                        + " values but found " + phiNodes);
            }
        }
        for (double k : kappa) {
            if (!(k >= 0 && Double.isFinite(k))) {
                throw new InvalidInputException("likelihood tempering kappa: expected finite values >= 0 but found "
                        + kappa);
            }
        }
    }

    /** No tempering: τ = 1 for every experiment. */
    public static LikelihoodTempering none() {
        return NONE;
    }

    /** One κ for every setting. */
    public static LikelihoodTempering uniform(double kappa) {
        return new LikelihoodTempering(List.of(), List.of(kappa));
    }

    /** Whether every κ is 0, so that posteriors are not tempered. */
    @JsonIgnore
    public boolean isNone() {
        for (double k : kappa) {
            if (k > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * κ(φ): the single value, or the linear interpolation between the nodes around φ₀ (the first
     * component of φ), held at the outer nodes' values beyond them.
     */
    public double kappaAt(double[] phi) {
        if (phiNodes.isEmpty()) {
            return kappa.get(0);
        }
        if (phi == null || phi.length != 1) {
            throw new InvalidInputException("likelihood tempering: expected a one-dimensional phi (it was fitted along"
                    + " phi at " + phiNodes + ") but found " + (phi == null ? "none" : phi.length + " values"));
        }
        double p = phi[0];
        int last = phiNodes.size() - 1;
        if (p <= phiNodes.get(0)) {
            return kappa.get(0);
        }
        if (p >= phiNodes.get(last)) {
            return kappa.get(last);
        }
        int i = 0;
        while (phiNodes.get(i + 1) < p) {
            i++;
        }
        double w = (p - phiNodes.get(i)) / (phiNodes.get(i + 1) - phiNodes.get(i));
        return (1 - w) * kappa.get(i) + w * kappa.get(i + 1);
    }

    /** τ(φ, N) = 1 + κ(φ)·N ≥ 1, the divisor of an experiment's summed log-likelihood. */
    public double temperature(double[] phi, int events) {
        if (events < 0) {
            throw new InvalidInputException("likelihood tempering events: expected a count >= 0 but found " + events);
        }
        return 1 + kappaAt(phi) * events;
    }

    /** The events-equivalent information cap 1/κ(φ) (infinite when κ = 0). */
    public double informationCap(double[] phi) {
        double k = kappaAt(phi);
        return k == 0 ? Double.POSITIVE_INFINITY : 1 / k;
    }

    /** One line for people: "none", or κ and its information cap per node. */
    public String describe() {
        if (isNone()) {
            return "none (kappa = 0)";
        }
        if (phiNodes.isEmpty()) {
            return String.format(Locale.ROOT, "kappa %.2e (information cap %.0f events)", kappa.get(0),
                    1 / kappa.get(0));
        }
        StringBuilder s = new StringBuilder("kappa(phi):");
        for (int i = 0; i < phiNodes.size(); i++) {
            double k = kappa.get(i);
            s.append(String.format(Locale.ROOT, " %.4g -> %.2e (cap %s)", phiNodes.get(i), k,
                    k == 0 ? "none" : String.format(Locale.ROOT, "%.0f events", 1 / k)));
            s.append(i < phiNodes.size() - 1 ? ";" : "");
        }
        return s.toString();
    }
}
