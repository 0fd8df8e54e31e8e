package org.robotphysicist.models.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.AtomicFiles;

/**
 * Key files for model-file signatures, all PEM text (RFC 7468 blocks of base64):
 * <ul>
 *   <li>Ed25519 private key file: a {@code PRIVATE KEY} block (PKCS#8) followed by a
 *       {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo) of the same pair; written with mode
 *       0600. OpenSSL's {@code genpkey -algorithm ed25519} output works once the
 *       {@code pkey -pubout} block is appended.</li>
 *   <li>Ed25519 public key file: one {@code PUBLIC KEY} block; give it to whoever verifies.</li>
 *   <li>HMAC key file: one {@code RP MODEL HMAC KEY} block of {@value #HMAC_KEY_BYTES} or more
 *       random bytes; written with mode 0600. It both signs and verifies.</li>
 * </ul>
 * Key files are at most {@value #MAX_KEY_FILE_BYTES} bytes. Generating never overwrites an existing
 * file. Stateless and thread-safe.
 */
public final class KeyFiles {
    /** Bytes of a generated HMAC key, and the fewest accepted. */
    public static final int HMAC_KEY_BYTES = 32;
    /** The largest key file read. */
    public static final int MAX_KEY_FILE_BYTES = 64 << 10;
    static final String PRIVATE = "PRIVATE KEY";
    static final String PUBLIC = "PUBLIC KEY";
    static final String HMAC = "RP MODEL HMAC KEY";
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private KeyFiles() {
    }

    /** Reads a signing key: an Ed25519 private key file or an HMAC key file. */
    public static SigningKey readSigningKey(Path file) {
        Map<String, byte[]> blocks = blocks(file);
        try {
            if (blocks.containsKey(HMAC)) {
                return SigningKey.hmac(hmacKey(file, blocks.get(HMAC)));
            }
            if (blocks.containsKey(PRIVATE)) {
                if (!blocks.containsKey(PUBLIC)) {
                    throw new InvalidInputException("key file " + file + ": expected a " + PUBLIC + " block after the "
                            + PRIVATE + " block (as rp keygen writes) but found none");
                }
                return SigningKey.ed25519(privateKey(file, blocks.get(PRIVATE)), publicKey(file, blocks.get(PUBLIC)));
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException("key file " + file + ": " + e.getMessage(), e);
        }
        throw new InvalidInputException("key file " + file + ": expected an Ed25519 private key or an HMAC key but"
                + " found " + blocks.keySet() + (blocks.containsKey(PUBLIC) ? " (a public key verifies, it cannot sign)"
                : ""));
    }

    /** Reads a verifying key: an Ed25519 public key file or an HMAC key file. */
    public static VerifyingKey readVerifyingKey(Path file) {
        Map<String, byte[]> blocks = blocks(file);
        if (blocks.containsKey(HMAC)) {
            return VerifyingKey.hmac(hmacKey(file, blocks.get(HMAC)));
        }
        if (blocks.containsKey(PRIVATE)) {
            throw new InvalidInputException("key file " + file + ": expected a public key or an HMAC key but found a"
                    + " private key; give the public key file (.pub) to verifiers and keep the private key secret");
        }
        if (blocks.containsKey(PUBLIC)) {
            return VerifyingKey.ed25519(publicKey(file, blocks.get(PUBLIC)));
        }
        throw new InvalidInputException("key file " + file + ": expected a PEM " + PUBLIC + " or " + HMAC
                + " block but found " + blocks.keySet());
    }

    /**
     * Generates an Ed25519 key pair: the private key file (mode 0600, both blocks) and the public
     * key file. Refuses to overwrite either.
     */
    public static SigningKey generateEd25519(Path privateFile, Path publicFile) {
        requireAbsent(privateFile);
        requireAbsent(publicFile);
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by every Java 17 platform", e);
        }
        String pub = pem(PUBLIC, pair.getPublic().getEncoded());
        writeSecret(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()) + pub);
        try {
            AtomicFiles.write(publicFile, out -> out.write(pub.getBytes(StandardCharsets.US_ASCII)));
        } catch (UncheckedIOException e) {
            deleteQuietly(privateFile);
            throw new InvalidInputException("key file " + publicFile + ": expected a writable location but "
                    + e.getCause().getMessage(), e);
        }
        return SigningKey.ed25519(pair.getPrivate(), pair.getPublic());
    }

    /** Generates an HMAC key file of {@value #HMAC_KEY_BYTES} random bytes, mode 0600. Refuses to overwrite. */
    public static SigningKey generateHmac(Path file) {
        requireAbsent(file);
        byte[] key = new byte[HMAC_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        writeSecret(file, pem(HMAC, key));
        return SigningKey.hmac(new SecretKeySpec(key, "HmacSHA256"));
    }

    static void requireHmacLength(byte[] key) {
        int n = key == null ? 0 : key.length;
        if (n < HMAC_KEY_BYTES) {
            throw new InvalidInputException("HMAC key: expected at least " + HMAC_KEY_BYTES + " bytes but found " + n);
        }
    }

    private static SecretKeySpec hmacKey(Path file, byte[] key) {
        try {
            requireHmacLength(key);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("key file " + file + ": " + e.getMessage(), e);
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private static PrivateKey privateKey(Path file, byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("key file " + file + ": expected an Ed25519 private key (PKCS#8) but "
                    + e.getMessage(), e);
        }
    }

    private static PublicKey publicKey(Path file, byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("key file " + file + ": expected an Ed25519 public key (X.509) but "
                    + e.getMessage(), e);
        }
    }

    /** The PEM blocks of a key file by label, decoded. */
    private static Map<String, byte[]> blocks(Path file) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
            if (bytes.length > MAX_KEY_FILE_BYTES) {
                throw new InvalidInputException("key file " + file + ": expected at most " + MAX_KEY_FILE_BYTES
                        + " bytes of PEM text but found more");
            }
            text = new String(bytes, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("key file " + file + ": expected a key file but there is no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException("key file " + file + ": expected a readable key file but " + e, e);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                if (out.put(m.group(1), Base64.getMimeDecoder().decode(m.group(2))) != null) {
                    throw new InvalidInputException("key file " + file + ": expected one " + m.group(1)
                            + " block but found several");
                }
            } catch (IllegalArgumentException e) {
                if (e instanceof InvalidInputException i) {
                    throw i;
                }
                throw new InvalidInputException("key file " + file + ": expected base64 in the " + m.group(1)
                        + " block but " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("key file " + file + ": expected PEM text (-----BEGIN ...-----) but found"
                    + " none");
        }
        return out;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void requireAbsent(Path file) {
        if (Files.exists(file) || Files.isSymbolicLink(file)) {
            throw new InvalidInputException("key file " + file + ": expected a new file but it exists; keys are never"
                    + " overwritten");
        }
    }

    /** Writes a secret key file readable by its owner only (mode 0600 where the file system has modes). */
    private static void writeSecret(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, absolute);
            tmp = null;
        } catch (FileAlreadyExistsException e) {
            String what = absolute.toString().equals(e.getFile()) ? "a new file but it exists"
                    : "a writable location but " + e.getFile() + " exists and is not a directory";
            throw new InvalidInputException("key file " + file + ": expected " + what, e);
        } catch (IOException e) {
            throw new InvalidInputException("key file " + file + ": expected a writable location but " + e, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: what is left is a hidden *.tmp or a key nobody was told about
            }
        }
    }
}
