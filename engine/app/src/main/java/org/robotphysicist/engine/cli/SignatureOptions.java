package org.robotphysicist.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.file.SignaturePolicy;
import org.robotphysicist.models.file.TrustedKeys;
import picocli.CommandLine.Option;

/**
 * The {@code --require-signed} and {@code --trust KEY} options of the commands that load model
 * files: when given, a file not signed by one of the trusted keys is refused (exit 3, one line
 * naming the file and what failed).
 */
final class SignatureOptions {
    @Option(names = "--require-signed", description = "Refuse model files that are not signed by a --trust key"
            + " (rp sign, rp train --sign-key).")
    boolean requireSigned;

    @Option(names = "--trust", split = ",", paramLabel = "KEY", description = "With --require-signed: a key whose"
            + " signatures are accepted, an Ed25519 public key (.pub from rp keygen) or an HMAC key file"
            + " (repeatable).")
    List<Path> trust = new ArrayList<>();

    /** The policy the options ask for; the key files are read now, so a bad one fails before any work. */
    SignaturePolicy policy() {
        if (requireSigned && trust.isEmpty()) {
            throw new InvalidInputException("--require-signed: expected at least one --trust KEY (a .pub or HMAC key"
                    + " file) but found none");
        }
        if (!requireSigned && !trust.isEmpty()) {
            throw new InvalidInputException("--trust: expected --require-signed with it (keys are checked only where"
                    + " a signature is required) but found --trust alone");
        }
        return requireSigned ? SignaturePolicy.require(TrustedKeys.read(trust)) : SignaturePolicy.none();
    }
}
