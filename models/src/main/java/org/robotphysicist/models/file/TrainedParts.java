package org.robotphysicist.models.file;

import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;

/**
 * What every {@link TrainedSurrogate} carries besides its parameters: the names of θ, φ and x, the
 * ranges it was trained on, what it does outside them, how it was made and how training went. A
 * trained surrogate holds one of these and its {@link TrainedSurrogate#parts()} serve the accessors
 * {@link TrainedSurrogate#dimensions()}, {@link TrainedSurrogate#trainedRanges()},
 * {@link TrainedSurrogate#rangePolicy()}, {@link TrainedSurrogate#provenance()} and
 * {@link TrainedSurrogate#trainingCurve()}.
 *
 * @param dimensions names of θ, φ and x
 * @param ranges     θ, φ and x ranges it was trained on, of those dimensions
 * @param policy     what it does outside those ranges
 * @param provenance configuration, seeds, simulator, data hashes, versions, device, date
 * @param curve      the training history ({@link TrainingCurve#untrained()} when null)
 */
public record TrainedParts(Dimensions dimensions, TrainedRanges ranges, RangePolicy policy, Provenance provenance,
        TrainingCurve curve) {

    public TrainedParts {
        if (dimensions == null || ranges == null || policy == null || provenance == null) {
            throw new InvalidInputException("trained surrogate: expected dimensions, ranges, a range policy and"
                    + " provenance but found " + dimensions + ", " + ranges + ", " + policy + " and " + provenance);
        }
        ranges = ranges.requireDimensions(dimensions);
        curve = curve == null ? TrainingCurve.untrained() : curve;
    }

    /** The same parts with another range policy. */
    public TrainedParts withPolicy(RangePolicy rangePolicy) {
        return new TrainedParts(dimensions, ranges, rangePolicy, provenance, curve);
    }
}
