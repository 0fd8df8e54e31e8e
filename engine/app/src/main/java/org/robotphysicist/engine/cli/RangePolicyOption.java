package org.robotphysicist.engine.cli;

import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.RangePolicy;
import picocli.CommandLine.Option;

/**
 * The {@code --range-policy fail|warn} option of the commands that load model files: what a model
 * does with a θ grid or a φ outside the ranges it was trained on. {@code fail} (the default)
 * refuses with a message naming the range; {@code warn} evaluates there anyway and the result
 * carries a warning per extrapolated item.
 */
final class RangePolicyOption {
    @Option(names = "--range-policy", paramLabel = "POLICY", description = "What a model file does outside the theta"
            + " and phi ranges it was trained on: fail (refuse) or warn (extrapolate; the result carries a warning"
            + " for each range left). Default ${DEFAULT-VALUE}.")
    String rangePolicy = "fail";

    /** The chosen policy; an unknown word is refused with the two that are known. */
    RangePolicy policy() {
        return switch (rangePolicy.toLowerCase(Locale.ROOT)) {
            case "fail" -> RangePolicy.FAIL;
            case "warn" -> RangePolicy.WARN;
            default -> throw new InvalidInputException("--range-policy: expected fail or warn but found '"
                    + rangePolicy + "'");
        };
    }
}
