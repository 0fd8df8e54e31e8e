package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelManifest;

/**
 * {@code --score-weight} on {@code rp train} and {@code rp design}: a classifier asked to regress weinberg-lo's joint scores
 * records the weight, the objective and the scores' hash in its model file (none of it by default);
 * the flag is refused for a simulator without scores, for a tabulated kind and when negative, each
 * with a message that says why.
 */
class ScoreWeightCommandTest {
    private static final String[] TINY_WEINBERG = {"train", "--simulator", "weinberg-lo", "--prior", "0.15,0.35",
        "--phi-range", "76,92", "--training-rows", "2000", "--epochs", "1", "--hidden-layers", "1", "--hidden-width",
        "8", "--events", "5", "--device", "cpu", "--no-certify", "--no-plot", "-q"};

    @TempDir
    Path dir;

    private static CliRun run(String[] common, String... more) {
        String[] args = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void aClassifierAskedToRegressJointScoresRecordsTheWeightObjectiveAndScoresHash() {
        Path model = dir.resolve("w.rpm");
        CliRun r = run(TINY_WEINBERG, "--score-weight", "100", "-o", model.toString());
        assertEquals(0, r.exit(), r.err());
        ModelManifest m = ModelFile.read(model).manifest();
        Map<String, Object> config = m.provenance().config();
        assertEquals(100.0, ((Number) config.get("scoreWeight")).doubleValue(), "the weight: " + config);
        assertTrue(String.valueOf(config.get("objective")).endsWith("+score"), "the objective: " + config);
        assertTrue(m.provenance().dataHashes().containsKey("training-data/joint-scores"), "the scores' hash: "
                + m.provenance().dataHashes());

        Path plain = dir.resolve("plain.rpm");
        CliRun byDefault = run(TINY_WEINBERG, "-o", plain.toString());
        assertEquals(0, byDefault.exit(), byDefault.err());
        ModelManifest p = ModelFile.read(plain).manifest();
        assertEquals(0.0, ((Number) p.provenance().config().get("scoreWeight")).doubleValue(), "off by default");
        assertTrue(!String.valueOf(p.provenance().config().get("objective")).endsWith("+score"));
        assertTrue(!p.provenance().dataHashes().containsKey("training-data/joint-scores"));
    }

    @Test
    void theFlagIsRefusedWithoutScoresAndForTabulatedKinds() {
        CliRun toy = CliRun.of("train", "--simulator", "toy-gaussian", "--prior", "-2,2", "--phi", "1",
                "--training-rows", "2000", "--epochs", "1", "--surrogate", "nsf", "--score-weight", "1", "--events",
                "5", "--device", "cpu", "--no-certify", "--no-plot", "-q", "-o", dir.resolve("t.rpm").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, toy.exit(), toy.err());
        assertTrue(toy.err().contains("expected a simulator that returns joint scores but found 'toy-gaussian'"),
                toy.err());
        CliRun histogram = CliRun.of("design", "--simulator", "weinberg-lo", "--prior", "0.15,0.35", "--phi-range",
                "76,92", "--surrogate", "histogram", "--score-weight", "1", "--out", dir.resolve("h").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, histogram.exit(), histogram.err());
        assertTrue(histogram.err().contains("score weight") && histogram.err().contains("'histogram'"),
                histogram.err());
        CliRun negative = run(TINY_WEINBERG, "--score-weight", "-2", "-o", dir.resolve("n.rpm").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, negative.exit(), negative.err());
        assertTrue(negative.err().contains("score weight: expected a finite value >= 0"), negative.err());
    }
}
