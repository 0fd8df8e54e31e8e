package org.robotphysicist.models.file;

/**
 * Whether a loader insists on a signature. Signatures are checked only where required: an
 * unsigned file loads under {@link #none()}, and a signed one loads whoever signed it (its SHA-256
 * is still checked).
 *
 * @param trusted the keys one of which must have signed the file, or null when none is required
 */
public record SignaturePolicy(TrustedKeys trusted) {
    private static final SignaturePolicy NONE = new SignaturePolicy(null);

    /** No signature required. */
    public static SignaturePolicy none() {
        return NONE;
    }

    /** Every file must be signed by one of {@code keys}. */
    public static SignaturePolicy require(TrustedKeys keys) {
        if (keys == null) {
            throw new org.robotphysicist.data.InvalidInputException("signature policy: expected trusted keys but"
                    + " found none");
        }
        return new SignaturePolicy(keys);
    }

    public boolean required() {
        return trusted != null;
    }

    /** Applies the policy to a file's stored digest and signature (null when unsigned). */
    void check(String source, byte[] fileDigest, ModelSignature signature) {
        if (trusted != null) {
            trusted.verify(source, fileDigest, signature);
        }
    }
}
