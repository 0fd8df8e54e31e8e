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
 * with a message that says why. Event files written with {@code rp simulate --joint-scores} carry the
 * scores, so a model trained from them with a weight regresses them too; files without them are refused.
 */
class ScoreWeightCommandTest {
    /** {@code rp train} of a tiny weinberg-lo classifier over √s ∈ [76, 92] GeV, without certificate or plot. */
    static final String[] TINY_WEINBERG = {"train", "--simulator", "weinberg-lo", "--prior", "0.15,0.35",
        "--phi-range", "76,92", "--training-rows", "2000", "--epochs", "1", "--hidden-layers", "1", "--hidden-width",
        "8", "--events", "5", "--device", "cpu", "--no-certify", "--no-plot", "-q"};

    @TempDir
    Path dir;

    private static CliRun run(String[] common, String... more) {
        return CliRun.of(common, more);
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
    void eventFilesWithJointScoresTrainWithAWeightAndFilesWithoutAreRefused() throws Exception {
        Path scored = dir.resolve("scored.csv");
        String[] simulate = {"simulate", "-q", "--simulator", "weinberg-lo", "--prior", "0.15,0.35", "--phi-range",
            "76,92", "--pairs", "400", "--events", "5", "--seed", "3"};
        CliRun s = run(simulate, "--joint-scores", "--out", scored.toString());
        assertEquals(0, s.exit(), s.err());
        assertTrue(java.nio.file.Files.readAllLines(scored).contains(
                "x:cos_theta,theta:sin2_theta_w,phi:sqrt_s,score:sin2_theta_w"), "the header with the score column");
        Path plainEvents = dir.resolve("plain.csv");
        assertEquals(0, run(simulate, "--out", plainEvents.toString()).exit());
        assertEquals(org.robotphysicist.data.dataset.EventCsv.read(plainEvents).dataset().sha256(),
                org.robotphysicist.data.dataset.EventCsv.read(scored).dataset().sha256(),
                "the same events with and without their scores");

        String[] fromFiles = {"train", "-q", "--simulator", "weinberg-lo", "--surrogate", "nsf", "--epochs", "1",
            "--hidden-layers", "1", "--hidden-width", "8", "--device", "cpu", "--no-certify", "--no-plot",
            "--score-weight", "1"};
        Path model = dir.resolve("files.rpm");
        CliRun t = run(fromFiles, "--events-from", scored.toString(), "-o", model.toString());
        assertEquals(0, t.exit(), t.err());
        Map<String, Object> config = ModelFile.read(model).manifest().provenance().config();
        assertEquals(1.0, ((Number) config.get("scoreWeight")).doubleValue(), "the weight: " + config);
        assertTrue(String.valueOf(config.get("objective")).endsWith("+score"), "the objective: " + config);
        assertEquals(Boolean.TRUE, config.get("eventFileJointScores"), "the files' scores used: " + config);

        CliRun without = run(fromFiles, "--events-from", plainEvents.toString(), "-o", dir.resolve("p.rpm").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, without.exit(), without.err());
        assertTrue(without.err().contains("expected each event's joint score beside it")
                && without.err().contains("rp simulate --joint-scores"), without.err());
        CliRun mixed = run(fromFiles, "--events-from", scored.toString(), plainEvents.toString(), "-o",
                dir.resolve("m.rpm").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, mixed.exit(), mixed.err());
        CliRun external = CliRun.of("simulate", "--simulator", "toy-gaussian", "--theta", "0.5", "--phi", "1",
                "--joint-scores", "--out", dir.resolve("toy.csv").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, external.exit(), external.err());
        assertTrue(external.err().contains("--joint-scores: expected a simulator that returns joint scores (such as"
                + " weinberg-lo) but found 'toy-gaussian'"), external.err());
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
