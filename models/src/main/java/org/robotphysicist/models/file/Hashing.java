package org.robotphysicist.models.file;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-256 digest, which every Java platform provides. */
final class Hashing {
    private Hashing() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
