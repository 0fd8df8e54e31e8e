package org.robotphysicist.engine.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-evidence-normalization}: the classifier without its per-θ evidence normalization
 * ({@link org.robotphysicist.engine.surrogate.SurrogateTrainingConfig#evidenceNormalization()}), for every command
 * that trains one ({@code rp train}, {@code rp design}, {@code rp demo}).
 */
final class EvidenceNormalizationOption {
    @Option(names = "--evidence-normalization", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Classifier only: fit the per-theta evidence normalization log Z(theta, phi) after training"
                    + " and subtract it at evaluation (default: on). --no-evidence-normalization uses the raw log-ratio:"
                    + " no reference events to simulate and no Monte Carlo error from them, but the network's"
                    + " theta-dependent offset stays in the posterior (docs/classifier-normalization.md).")
    boolean on = true;

    /** The controls' value: null (the kind's default, on) unless switched off. */
    Boolean value() {
        return on ? null : Boolean.FALSE;
    }
}
