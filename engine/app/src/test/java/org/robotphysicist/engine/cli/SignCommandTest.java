package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.models.file.ModelFile;

/** {@code rp keygen}, {@code rp sign}, {@code rp train --sign-key} and {@code --require-signed --trust}. */
class SignCommandTest {
    @TempDir
    static Path shared;
    private static Path unsigned;
    private static Path events;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() {
        unsigned = shared.resolve("w.rpm");
        CliRun train = CliRun.of("train", "-q", "--no-plot", "--phi", "58", "--prior", "0.15,0.35", "--training-rows",
                "2000", "--epochs", "1", "--events", "20", "--device", "cpu", "--output", unsigned.toString());
        assertEquals(0, train.exit(), train.err());
        events = shared.resolve("ev.csv");
        CliRun sim = CliRun.of("simulate", "-q", "--simulator", "weinberg-lo", "--theta", "0.2312", "--phi", "58",
                "--events", "50", "--seed", "5", "--out", events.toString());
        assertEquals(0, sim.exit(), sim.err());
    }

    private Path copyOfModel() throws Exception {
        return Files.copy(unsigned, dir.resolve("m.rpm"));
    }

    private CliRun posterior(Path model, String... signing) {
        String[] base = {"posterior", "-q", "--no-plot", "--model", model.toString(), "--events", events.toString(),
            "--grid", "21", "--out", dir.resolve("p.json").toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + signing.length);
        System.arraycopy(signing, 0, all, base.length, signing.length);
        return CliRun.of(all);
    }

    private static void assertOneLineRefusal(CliRun r, String... fragments) {
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), r.err());
        }
    }

    @Test
    void keygenThenSignThenPosteriorRequiringTheSignature() throws Exception {
        Path key = dir.resolve("alice");
        CliRun gen = CliRun.of("keygen", "--out", key.toString());
        assertEquals(0, gen.exit(), gen.err());
        assertTrue(gen.out().contains("public key written to " + key + ".pub"), gen.out());
        Path model = copyOfModel();
        assertOneLineRefusal(posterior(model, "--require-signed", "--trust", key + ".pub"), model.toString(),
                "found an unsigned file");
        CliRun sign = CliRun.of("sign", "--key", key.toString(), model.toString());
        assertEquals(0, sign.exit(), sign.err());
        assertTrue(sign.out().startsWith("signed " + model + " with ED25519 key "), sign.out());
        CliRun ok = posterior(model, "--require-signed", "--trust", key + ".pub");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(0, posterior(model).exit(), "signed files load where no signature is required");
    }

    @Test
    void aFileSignedByAnotherKeyOrWithoutTrustIsRefusedWithExitThree() throws Exception {
        Path ours = dir.resolve("ours.hmac");
        Path theirs = dir.resolve("theirs.hmac");
        assertEquals(0, CliRun.of("keygen", "--algorithm", "hmac-sha256", "--out", ours.toString()).exit());
        assertEquals(0, CliRun.of("keygen", "--algorithm", "hmac-sha256", "--out", theirs.toString()).exit());
        Path model = copyOfModel();
        Path signed = dir.resolve("signed.rpm");
        assertEquals(0, CliRun.of("sign", "--key", theirs.toString(), "--out", signed.toString(), model.toString())
                .exit());
        assertNull(ModelFile.signature(model), "--out leaves the original unsigned");
        assertOneLineRefusal(posterior(signed, "--require-signed", "--trust", ours.toString()), signed.toString(),
                "which is not trusted");
        assertOneLineRefusal(posterior(signed, "--require-signed"), "expected at least one --trust KEY");
        assertOneLineRefusal(posterior(signed, "--trust", ours.toString()), "expected --require-signed with it");
        assertOneLineRefusal(CliRun.of("keygen", "--algorithm", "hmac-sha256", "--out", ours.toString()),
                "expected a new file but it exists");
        assertOneLineRefusal(CliRun.of("sign", "--key", ours + "-missing", model.toString()), "no such file");
        assertOneLineRefusal(CliRun.of("keygen", "--algorithm", "rsa", "--out", dir.resolve("r").toString()),
                "expected ed25519 or hmac-sha256 but found 'rsa'");
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        assertOneLineRefusal(CliRun.of("keygen", "--out", aFile.resolve("k").toString()),
                "expected a writable location but");
        assertOneLineRefusal(CliRun.of("sign", "--key", ours.toString(), "--out", aFile.resolve("s.rpm").toString(),
                model.toString()), "--out " + aFile.resolve("s.rpm") + ": expected a writable location but");
    }

    @Test
    void trainSignsAtSaveTimeAndServeRefusesUnsignedModelsBeforeListening() throws Exception {
        Path key = dir.resolve("k");
        assertEquals(0, CliRun.of("keygen", "--out", key.toString()).exit());
        Path model = dir.resolve("signed-at-train.rpm");
        CliRun train = CliRun.of("train", "-q", "--no-plot", "--phi", "58", "--prior", "0.15,0.35", "--training-rows",
                "2000", "--epochs", "1", "--events", "20", "--device", "cpu", "--sign-key", key.toString(), "--output",
                model.toString());
        assertEquals(0, train.exit(), train.err());
        assertEquals(ModelFile.signature(model).keyId(), org.robotphysicist.models.file.KeyFiles
                .readVerifyingKey(Path.of(key + ".pub")).keyId());
        assertEquals(0, posterior(model, "--require-signed", "--trust", key + ".pub").exit());
        CliRun serve = CliRun.of("serve", "--port", "0", "--model", "w=" + copyOfModel(), "--require-signed",
                "--trust", key + ".pub");
        assertOneLineRefusal(serve, "m.rpm", "found an unsigned file");
        assertOneLineRefusal(CliRun.of("train", "--sign-key", key + ".pub", "--output", dir.resolve("x.rpm")
                .toString()), "a public key verifies, it cannot sign");
    }
}
