package org.robotphysicist.engine.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.file.KeyFiles;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code rp sign}: signs an existing model file, in place or into {@code --out}, atomically. The
 * file is fully verified first; its manifest and parameters are kept byte for byte.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Sign a model file so that --require-signed accepts it.",
            "--key is an Ed25519 private key or an HMAC key file from rp keygen. The file is verified, then rewritten"
                    + " atomically (in place, or to --out) with a signature over its manifest and parameters; a"
                    + " previous signature is replaced."})
final class SignCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--key", paramLabel = "KEY", required = true, description = "The signing key file.")
    Path key;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the signed file here (default: sign"
            + " the model file in place).")
    Path out;

    @Parameters(paramLabel = "MODEL", description = "The model file to sign.")
    Path model;

    @Override
    public Integer call() {
        Path target = out == null ? model : out;
        ModelSignature s;
        try {
            s = ModelFile.sign(model, target, KeyFiles.readSigningKey(key));
        } catch (UncheckedIOException e) {
            throw new InvalidInputException((out == null ? "MODEL " : "--out ") + target
                    + ": expected a writable location but " + e.getCause().getMessage(), e);
        }
        spec.commandLine().getOut().println("signed " + target + " with " + s.algorithm() + " key " + s.keyId());
        return 0;
    }
}
