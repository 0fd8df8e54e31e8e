package org.robotphysicist.models.file;

import java.util.Base64;
import org.robotphysicist.data.InvalidInputException;

/**
 * The signature block of a signed (version 2) model file, stored as compact UTF-8 JSON, e.g.
 * {@code {"algorithm":"ED25519","keyId":"3f2a9c0d11b4e7a8","signature":"…base64…"}}.
 *
 * @param algorithm how it was signed; {@link SignatureAlgorithm} says what message is signed
 * @param keyId     the signing key's id ({@link VerifyingKey#keyId()}): 16 lower-case hex digits,
 *                  a hint for choosing the trusted key and for messages, not itself trusted
 * @param signature the signature, base64 (RFC 4648), {@link SignatureAlgorithm#signatureBytes()} bytes
 */
public record ModelSignature(SignatureAlgorithm algorithm, String keyId, String signature) {

    public ModelSignature {
        if (algorithm == null) {
            throw new InvalidInputException("signature algorithm: expected one of ED25519, HMAC_SHA256 but found none");
        }
        if (keyId == null || !keyId.matches("[0-9a-f]{16}")) {
            throw new InvalidInputException("signature key id: expected 16 lower-case hex digits but found '" + keyId
                    + "'");
        }
        int length = decode(signature).length;
        if (length != algorithm.signatureBytes()) {
            throw new InvalidInputException("signature: expected " + algorithm.signatureBytes() + " bytes for "
                    + algorithm + " but found " + length);
        }
    }

    /** The signature's bytes. */
    public byte[] bytes() {
        return decode(signature);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("signature: expected base64 but found '" + base64 + "'", e);
        }
    }
}
