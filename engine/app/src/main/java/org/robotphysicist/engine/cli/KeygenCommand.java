package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.file.KeyFiles;
import org.robotphysicist.models.file.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code rp keygen}: creates a key for signing model files ({@link KeyFiles}). Never overwrites a
 * file.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Create a key for signing model files (rp sign, rp train --sign-key).",
            "ed25519 (default): --out FILE receives the private key (mode 0600; keep it secret, it signs) and"
                    + " FILE.pub the public key (give it to whoever verifies: --require-signed --trust FILE.pub)."
                    + " hmac-sha256: FILE receives one shared secret key (mode 0600) that both signs and verifies."
                    + " Existing files are never overwritten."})
final class KeygenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--algorithm", paramLabel = "ALG",
            description = "ed25519 or hmac-sha256 (default ${DEFAULT-VALUE}).")
    String algorithm = "ed25519";

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "The key file to create (ed25519: also FILE.pub).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        String alg = algorithm.toLowerCase(Locale.ROOT);
        if (alg.equals("ed25519")) {
            Path pub = out.resolveSibling(out.getFileName() + ".pub");
            SigningKey key = KeyFiles.generateEd25519(out, pub);
            o.println("private key written to " + out + " (keep it secret: it signs)");
            o.println("public key written to " + pub + " (give it to verifiers: --require-signed --trust " + pub + ")");
            o.println("key id " + key.keyId());
        } else if (alg.equals("hmac-sha256")) {
            SigningKey key = KeyFiles.generateHmac(out);
            o.println("shared HMAC-SHA256 key written to " + out + " (keep it secret: whoever holds it can sign and"
                    + " verify)");
            o.println("key id " + key.keyId());
        } else {
            throw new InvalidInputException("--algorithm: expected ed25519 or hmac-sha256 but found '" + algorithm
                    + "'");
        }
        return 0;
    }
}
