package org.robotphysicist.models.file;

import ai.djl.Device;
import org.robotphysicist.data.InvalidInputException;

/**
 * How a model file is turned into a live surrogate.
 *
 * @param rangePolicy what to do when asked to evaluate outside the trained ranges
 * @param device      where its parameters and computations live
 */
public record LoadOptions(RangePolicy rangePolicy, Device device) {

    public LoadOptions {
        if (rangePolicy == null || device == null) {
            throw new InvalidInputException("load options: expected a range policy and a device but found "
                    + rangePolicy + " and " + device);
        }
    }

    /** Refuse out-of-range evaluations, compute on the CPU. */
    public static LoadOptions defaults() {
        return new LoadOptions(RangePolicy.FAIL, Device.cpu());
    }

    public LoadOptions withRangePolicy(RangePolicy policy) {
        return new LoadOptions(policy, device);
    }

    public LoadOptions withDevice(Device d) {
        return new LoadOptions(rangePolicy, d);
    }
}
