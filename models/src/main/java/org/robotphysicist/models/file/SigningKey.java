package org.robotphysicist.models.file;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.SecretKey;
import org.robotphysicist.data.InvalidInputException;

/**
 * A key that signs model files: an Ed25519 private key together with its public key, or a shared
 * HMAC-SHA256 secret key. Immutable and thread-safe. Read one with {@link KeyFiles#readSigningKey}.
 */
public final class SigningKey {
    private final Key secret;
    private final VerifyingKey verifying;

    private SigningKey(Key secret, VerifyingKey verifying) {
        this.secret = secret;
        this.verifying = verifying;
    }

    /**
     * An Ed25519 key pair. The public key must belong to the private key: a test signature is
     * checked with it, so a mismatched pair is refused here rather than at load time.
     */
    public static SigningKey ed25519(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey == null || !("Ed25519".equals(privateKey.getAlgorithm())
                || "EdDSA".equals(privateKey.getAlgorithm()))) {
            throw new InvalidInputException("signing key: expected an Ed25519 private key but found "
                    + (privateKey == null ? "none" : privateKey.getAlgorithm()));
        }
        SigningKey k = new SigningKey(privateKey, VerifyingKey.ed25519(publicKey));
        byte[] probe = new byte[32];
        if (!k.verifying.verifies(probe, k.sign(probe))) {
            throw new InvalidInputException("signing key: expected the public key of this private key but found"
                    + " another (" + k.verifying + ")");
        }
        return k;
    }

    /** A shared HMAC-SHA256 key of at least {@link KeyFiles#HMAC_KEY_BYTES} bytes. */
    public static SigningKey hmac(SecretKey key) {
        return new SigningKey(key, VerifyingKey.hmac(key));
    }

    public SignatureAlgorithm algorithm() {
        return verifying.algorithm();
    }

    /** The id its signatures carry ({@link VerifyingKey#keyId()}). */
    public String keyId() {
        return verifying.keyId();
    }

    /** The key that verifies its signatures (for HMAC, the same secret). */
    public VerifyingKey verifyingKey() {
        return verifying;
    }

    /** Its signature of a file whose stored SHA-256 is {@code fileDigest}. */
    ModelSignature sign(byte[] fileDigest) {
        byte[] s = algorithm().sign(secret, fileDigest);
        return new ModelSignature(algorithm(), keyId(), java.util.Base64.getEncoder().encodeToString(s));
    }

    @Override
    public String toString() {
        return algorithm() + " signing key " + keyId();
    }
}
