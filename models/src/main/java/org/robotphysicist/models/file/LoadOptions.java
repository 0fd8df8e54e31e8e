package org.robotphysicist.models.file;

import ai.djl.Device;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.RangePolicy;

/**
 * How a model file is turned into a live surrogate.
 *
 * @param rangePolicy what to do when asked to evaluate outside the trained ranges
 * @param device      where its parameters and computations live
 * @param signatures  whether the file must be signed by a trusted key ({@link SignaturePolicy})
 */
public record LoadOptions(RangePolicy rangePolicy, Device device, SignaturePolicy signatures) {

    public LoadOptions {
        if (rangePolicy == null || device == null || signatures == null) {
            throw new InvalidInputException("load options: expected a range policy, a device and a signature policy"
                    + " but found " + rangePolicy + ", " + device + " and " + signatures);
        }
    }

    /** No signature required. */
    public LoadOptions(RangePolicy rangePolicy, Device device) {
        this(rangePolicy, device, SignaturePolicy.none());
    }

    /** Refuse out-of-range evaluations, compute on the CPU, no signature required. */
    public static LoadOptions defaults() {
        return new LoadOptions(RangePolicy.FAIL, Device.cpu());
    }

    public LoadOptions withRangePolicy(RangePolicy policy) {
        return new LoadOptions(policy, device, signatures);
    }

    public LoadOptions withDevice(Device d) {
        return new LoadOptions(rangePolicy, d, signatures);
    }

    public LoadOptions withSignatures(SignaturePolicy policy) {
        return new LoadOptions(rangePolicy, device, policy);
    }

    /** These options, refusing any file not signed by one of {@code keys} ({@link ModelSignatureException}). */
    public LoadOptions requireSignature(TrustedKeys keys) {
        return withSignatures(SignaturePolicy.require(keys));
    }
}
