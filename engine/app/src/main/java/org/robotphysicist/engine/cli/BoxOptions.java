package org.robotphysicist.engine.cli;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;

/** Parses boxes given on the command line as LO,HI per component. */
final class BoxOptions {
    private BoxOptions() {
    }

    /**
     * The box {@code values} = LO,HI per component spells, inside the simulator's {@code domain};
     * {@code domain} itself when {@code values} is null (it must then be bounded).
     */
    static Box parse(String option, double[] values, Box domain) {
        return parse(option, values, domain, "the simulator's domain");
    }

    /**
     * As {@link #parse(String, double[], Box)}, naming the enclosing box {@code domainName} in
     * messages, e.g. "the model's trained theta range".
     */
    static Box parse(String option, double[] values, Box domain, String domainName) {
        int dim = domain.dim();
        if (values == null) {
            if (!domain.isBounded()) {
                throw new InvalidInputException(option + ": " + domainName + " " + domain + " is unbounded;"
                        + " expected " + option + " LO,HI");
            }
            return domain;
        }
        if (values.length != 2 * dim) {
            throw new InvalidInputException(option + ": expected " + 2 * dim + " values (LO,HI for each of " + dim
                    + " components) but found " + values.length);
        }
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        for (int d = 0; d < dim; d++) {
            lo[d] = values[2 * d];
            hi[d] = values[2 * d + 1];
        }
        Box box = new Box(lo, hi);
        if (!box.within(domain)) {
            throw new InvalidInputException(option + ": expected a box inside " + domainName + " " + domain
                    + " but found " + box);
        }
        return box;
    }

    /**
     * A fixed value ({@code --phi}) as a flat box, or a range; exactly one of them. Where the
     * simulator's experiments have no setting ({@code domain} of dimension 0), neither: the empty box.
     */
    static Box valueOrRange(String valueOption, double[] value, String rangeOption, double[] range, Box domain) {
        if (domain.dim() == 0) {
            requireNone(domain, valueOption, value, rangeOption, range);
            return domain;
        }
        if ((value == null) == (range == null)) {
            throw new InvalidInputException("phi: expected exactly one of " + valueOption + " V or " + rangeOption
                    + " LO,HI but found " + (value == null ? "neither" : "both"));
        }
        if (value != null) {
            domain.require(valueOption, value);
            return new Box(value.clone(), value.clone());
        }
        return parse(rangeOption, range, domain);
    }

    /**
     * As {@link #valueOrRange}, with the range option given once per box ({@code ranges}, null when
     * not given): one box, or several to train across their union.
     */
    static List<Box> valueOrRanges(String valueOption, double[] value, String rangeOption, List<double[]> ranges,
            Box domain) {
        if (ranges == null || ranges.size() == 1 || value != null || domain.dim() == 0) {
            return List.of(valueOrRange(valueOption, value, rangeOption, ranges == null ? null
                    : ranges.stream().flatMapToDouble(java.util.Arrays::stream).toArray(), domain));
        }
        return ranges.stream().map(r -> parse(rangeOption, r, domain)).toList();
    }

    /**
     * Refuses options that set φ for a simulator whose experiments have no setting ({@code domain}
     * of dimension 0): pairs of option name and value, a value null where the option was not given.
     */
    static void requireNone(Box domain, Object... optionsAndValues) {
        if (domain.dim() != 0) {
            return;
        }
        List<String> given = new ArrayList<>();
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            if (optionsAndValues[i + 1] != null) {
                given.add((String) optionsAndValues[i]);
            }
        }
        if (!given.isEmpty()) {
            throw new InvalidInputException(String.join(", ", given) + ": the simulator's experiments have no setting"
                    + " (no phi components); expected no phi option but found " + String.join(", ", given));
        }
    }
}
