package org.robotphysicist.models.file;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * How a model file is signed; both come with every Java 17 platform.
 * <ul>
 *   <li>{@link #ED25519}: a key pair. Whoever holds the private key signs; anyone given the public
 *       key verifies, and cannot sign.</li>
 *   <li>{@link #HMAC_SHA256}: one shared secret key (at least 32 bytes). Whoever holds it can both
 *       sign and verify, so every verifier is also trusted to sign.</li>
 * </ul>
 * Both sign the same message: the ASCII text {@code RPMODEL-SIGNATURE-1}, a zero byte, the
 * algorithm's name as written in the file ({@code ED25519} or {@code HMAC_SHA256}), a zero byte,
 * then the 32-byte SHA-256 that the file stores after its parameters, which covers every byte before
 * it (magic, version, manifest length, manifest, parameters). Stateless and thread-safe.
 */
public enum SignatureAlgorithm {
    /** Ed25519 (RFC 8032) signatures, 64 bytes. */
    ED25519(64),
    /** HMAC-SHA256 (RFC 2104) tags, 32 bytes. */
    HMAC_SHA256(32);

    private static final byte[] DOMAIN = "RPMODEL-SIGNATURE-1".getBytes(StandardCharsets.US_ASCII);

    private final int signatureBytes;

    SignatureAlgorithm(int signatureBytes) {
        this.signatureBytes = signatureBytes;
    }

    /** Length of a signature in bytes. */
    public int signatureBytes() {
        return signatureBytes;
    }

    /** The message signed for a file whose stored SHA-256 is {@code fileDigest}. */
    byte[] message(byte[] fileDigest) {
        byte[] name = name().getBytes(StandardCharsets.US_ASCII);
        byte[] m = new byte[DOMAIN.length + 1 + name.length + 1 + fileDigest.length];
        System.arraycopy(DOMAIN, 0, m, 0, DOMAIN.length);
        System.arraycopy(name, 0, m, DOMAIN.length + 1, name.length);
        System.arraycopy(fileDigest, 0, m, DOMAIN.length + name.length + 2, fileDigest.length);
        return m;
    }

    /** Signs with a private Ed25519 key or a secret HMAC key. */
    byte[] sign(Key key, byte[] fileDigest) {
        try {
            if (this == ED25519) {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign((PrivateKey) key);
                s.update(message(fileDigest));
                return s.sign();
            }
            return mac((SecretKey) key, fileDigest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(this + " signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is this algorithm's signature of the file by {@code key}. */
    boolean verify(Key key, byte[] fileDigest, byte[] signature) {
        try {
            if (this == ED25519) {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify((PublicKey) key);
                s.update(message(fileDigest));
                return s.verify(signature);
            }
            return MessageDigest.isEqual(mac((SecretKey) key, fileDigest), signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(this + " verification failed: " + e.getMessage(), e);
        }
    }

    private byte[] mac(SecretKey key, byte[] fileDigest) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac.doFinal(message(fileDigest));
    }
}
