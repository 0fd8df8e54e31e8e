package org.robotphysicist.models.file;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import org.robotphysicist.data.InvalidInputException;

/**
 * A key that checks model-file signatures: an Ed25519 public key, or a shared HMAC-SHA256 secret
 * key (which could also sign). Immutable and thread-safe. Read one with {@link KeyFiles#readVerifyingKey}.
 */
public final class VerifyingKey {
    private static final byte[] HMAC_ID_DOMAIN = "rp-model-hmac-key-id\0".getBytes(StandardCharsets.US_ASCII);

    private final SignatureAlgorithm algorithm;
    private final Key key;
    private final String keyId;

    private VerifyingKey(SignatureAlgorithm algorithm, Key key) {
        this.algorithm = algorithm;
        this.key = key;
        MessageDigest md = Hashing.sha256();
        if (algorithm == SignatureAlgorithm.HMAC_SHA256) {
            md.update(HMAC_ID_DOMAIN);
        }
        byte[] digest = md.digest(key.getEncoded());
        this.keyId = HexFormat.of().formatHex(digest, 0, 8);
    }

    /** An Ed25519 public key. */
    public static VerifyingKey ed25519(PublicKey key) {
        if (key == null || !("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm()))) {
            throw new InvalidInputException("verifying key: expected an Ed25519 public key but found "
                    + (key == null ? "none" : key.getAlgorithm()));
        }
        return new VerifyingKey(SignatureAlgorithm.ED25519, key);
    }

    /** A shared HMAC-SHA256 key of at least {@link KeyFiles#HMAC_KEY_BYTES} bytes. */
    public static VerifyingKey hmac(SecretKey key) {
        KeyFiles.requireHmacLength(key == null ? null : key.getEncoded());
        return new VerifyingKey(SignatureAlgorithm.HMAC_SHA256, key);
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The key's id: the first 8 bytes of a SHA-256, in hex. For Ed25519 the hash is of the public
     * key's X.509 encoding; for HMAC of {@code "rp-model-hmac-key-id\0"} followed by the key, which
     * names the key without revealing it.
     */
    public String keyId() {
        return keyId;
    }

    boolean verifies(byte[] fileDigest, ModelSignature signature) {
        return signature.algorithm() == algorithm && algorithm.verify(key, fileDigest, signature.bytes());
    }

    @Override
    public String toString() {
        return algorithm + " key " + keyId;
    }
}
