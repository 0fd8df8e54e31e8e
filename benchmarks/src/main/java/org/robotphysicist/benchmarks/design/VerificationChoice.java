package org.robotphysicist.benchmarks.design;

import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.engine.design.loop.DesignConfig;

/**
 * How a design benchmark's loop re-estimates before each choice, from the options
 * {@code --verification-datasets KV} and {@code --rival true|false}, so that the verification of
 * {@code rp design} can be measured against a variant in the same build: {@code --verification-datasets}
 * as many as the search's estimates and {@code --rival false} re-estimate as the loop did before the
 * rival maximum.
 *
 * @param datasets simulated datasets per re-estimate, or null for {@link DesignConfig}'s default
 *                 ({@link DesignConfig#VERIFICATION_DATASETS_FACTOR} times the search's)
 * @param rival    whether the best setting of a second maximum is re-estimated as well
 */
public record VerificationChoice(Integer datasets, boolean rival) {
    /** {@code rp design}'s verification. */
    public static final VerificationChoice DEFAULT = new VerificationChoice(null, true);

    /**
     * From the options {@code --verification-datasets} and {@code --rival}.
     *
     * @throws IllegalArgumentException for a rival switch other than true or false
     */
    static VerificationChoice of(BenchmarkArguments opt) {
        String rival = opt.string("rival", "true");
        if (!rival.equals("true") && !rival.equals("false")) {
            throw new IllegalArgumentException("--rival: expected true or false but found " + rival);
        }
        String datasets = opt.string("verification-datasets", null);
        return new VerificationChoice(datasets == null ? null : opt.integer("verification-datasets", 0),
                Boolean.parseBoolean(rival));
    }

    /**
     * {@code config} re-estimating as chosen here, as many settings as it names; without a dataset
     * count, with the config's own (the default {@link DesignConfig#withEig} set).
     */
    public DesignConfig applyTo(DesignConfig config) {
        return config.withVerification(config.verifications(),
                datasets != null ? datasets : config.verificationDatasets(), rival);
    }

    /** "3 + a rival re-estimates of 512 datasets", for a benchmark's header. */
    public static String describe(DesignConfig config) {
        return config.verifications() + (config.verifyRival() ? " + a rival" : "") + " re-estimates of "
                + config.verificationDatasets() + " datasets";
    }
}
