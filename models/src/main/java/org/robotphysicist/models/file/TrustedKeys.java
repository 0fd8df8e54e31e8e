package org.robotphysicist.models.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;

/**
 * The keys whose signatures a loader accepts (at least one): Ed25519 public keys and shared
 * HMAC-SHA256 keys. Immutable and thread-safe.
 */
public final class TrustedKeys {
    private final List<VerifyingKey> keys;

    private TrustedKeys(List<VerifyingKey> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new InvalidInputException("trusted keys: expected at least one key but found none");
        }
        this.keys = List.copyOf(keys);
    }

    public static TrustedKeys of(VerifyingKey... keys) {
        return new TrustedKeys(List.of(keys));
    }

    public static TrustedKeys of(List<VerifyingKey> keys) {
        return new TrustedKeys(keys);
    }

    /** Reads key files: Ed25519 public keys ({@code .pub}) or HMAC key files. */
    public static TrustedKeys read(List<Path> files) {
        List<VerifyingKey> out = new ArrayList<>();
        for (Path f : files) {
            out.add(KeyFiles.readVerifyingKey(f));
        }
        return new TrustedKeys(out);
    }

    public List<VerifyingKey> keys() {
        return keys;
    }

    /**
     * Checks a file's signature; returns the key that made it.
     *
     * @throws ModelSignatureException when the signature is absent, by an untrusted key, or does
     *                                 not match the content
     */
    VerifyingKey verify(String source, byte[] fileDigest, ModelSignature signature) {
        if (signature == null) {
            throw new ModelSignatureException(source + ": expected a model file signed by one of " + this
                    + " but found an unsigned file");
        }
        for (VerifyingKey k : keys) {
            if (k.algorithm() == signature.algorithm() && k.keyId().equals(signature.keyId())) {
                if (k.verifies(fileDigest, signature)) {
                    return k;
                }
                throw new ModelSignatureException(source + ": expected a valid signature by trusted " + k
                        + " but the signature does not match the content: the file was modified after it was signed"
                        + " or the signature is forged");
            }
        }
        throw new ModelSignatureException(source + ": expected a signature by one of " + this + " but found one by "
                + signature.algorithm() + " key " + signature.keyId() + ", which is not trusted");
    }

    @Override
    public String toString() {
        return keys.toString();
    }
}
