package org.robotphysicist.models.ratio;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * Which ratio a parameterized classifier s(x, θ, φ) was trained to output as its logit. Both
 * differ from log p(x | θ, φ) by a term that does not depend on θ, so both serve as a
 * {@link org.robotphysicist.models.SurrogateLikelihood}.
 *
 * @param kind           the training form
 * @param referenceTheta θ₁ for {@link Kind#REFERENCE} (length D<sub>θ</sub>), empty otherwise
 */
public record RatioForm(Kind kind, double[] referenceTheta) {

    /** The two training forms. */
    public enum Kind {
        /**
         * Likelihood-to-evidence (Hermans, Begy &amp; Louppe 2020): class 1 is (x, θ, φ) drawn
         * jointly, class 0 the same x and φ with θ shuffled within the mini-batch, so θ is
         * independent of x. At the optimum s = log p(x | θ, φ) − log p(x | φ).
         */
        LIKELIHOOD_TO_EVIDENCE,
        /**
         * CARL's reference form (Cranmer, Pavez &amp; Louppe 2015): class 1 is x ~ p(x | θ, φ),
         * class 0 is x ~ p(x | θ₁, φ) at a fixed reference θ₁, each row carrying the same kind of
         * θ input. At the optimum s = log p(x | θ, φ) − log p(x | θ₁, φ).
         */
        REFERENCE
    }

    public RatioForm {
        if (kind == null) {
            throw new InvalidInputException("ratio form: expected LIKELIHOOD_TO_EVIDENCE or REFERENCE but found null");
        }
        referenceTheta = referenceTheta == null ? new double[0] : referenceTheta.clone();
        if (kind == Kind.REFERENCE) {
            if (referenceTheta.length == 0) {
                throw new InvalidInputException("ratio form REFERENCE: expected a reference theta but found none");
            }
            Require.finite("reference theta", referenceTheta);
        } else if (referenceTheta.length != 0) {
            throw new InvalidInputException("ratio form LIKELIHOOD_TO_EVIDENCE: expected no reference theta but found "
                    + java.util.Arrays.toString(referenceTheta));
        }
    }

    /** The likelihood-to-evidence form. */
    public static RatioForm likelihoodToEvidence() {
        return new RatioForm(Kind.LIKELIHOOD_TO_EVIDENCE, new double[0]);
    }

    /** The reference form with θ₁ = {@code theta1}. */
    public static RatioForm reference(double... theta1) {
        return new RatioForm(Kind.REFERENCE, theta1);
    }

    @Override
    public double[] referenceTheta() {
        return referenceTheta.clone();
    }

    /** The ratio the logit estimates, in words. */
    public String describe() {
        return kind == Kind.LIKELIHOOD_TO_EVIDENCE ? "log p(x|theta,phi) - log p(x|phi)"
                : "log p(x|theta,phi) - log p(x|theta1=" + java.util.Arrays.toString(referenceTheta) + ",phi)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RatioForm f && f.kind == kind && java.util.Arrays.equals(f.referenceTheta, referenceTheta);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + java.util.Arrays.hashCode(referenceTheta);
    }

    @Override
    public String toString() {
        return describe();
    }
}
