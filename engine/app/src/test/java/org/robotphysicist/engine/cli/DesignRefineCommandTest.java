package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.engine.design.loop.DesignHistory;
import org.robotphysicist.engine.design.loop.RoundSurrogate;
import org.robotphysicist.engine.surrogate.ScoreFitMeasurement;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.flow.TrainedFlow;

/**
 * {@code rp design --refine}: the wiring of sequential refinement on the command line (a tiny MAF on
 * the toy Gaussian, two rounds, then one more by {@code --resume}) and the combinations it refuses.
 * What refinement trains on is checked in {@code RefinedDesignTest}.
 */
class DesignRefineCommandTest {
    /** Two tiny rounds of the toy Gaussian with a MAF of one 8-unit layer trained for one epoch on 1 000 rows. */
    private static final String[] TINY = {"design", "--simulator", "toy-gaussian", "--prior", "-2,2", "--phi-range",
        "0.5,2", "--rounds", "2", "--events", "60", "--eig-datasets", "4", "--evaluations", "3", "--initial-points",
        "2", "--verify", "0", "--grid", "41", "--training-rows", "1000", "--epochs", "1", "--hidden-layers", "1",
        "--hidden-width", "8", "--device", "cpu", "--no-plot"};

    @TempDir
    Path dir;

    private static CliRun design(Path out, String... more) {
        List<String> args = new ArrayList<>(Arrays.asList(TINY));
        args.addAll(Arrays.asList(more));
        args.addAll(List.of("--out", out.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void refineTrainsOneSurrogatePerRoundAndResumeContinues() {
        Path out = dir.resolve("refined");
        CliRun r = design(out, "--surrogate", "maf", "--refine", "--refine-rows", "1500");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("surrogate of round 2: maf on 2500 rows (1500 with theta from the posterior after"
                + " round 1)"), r.out());
        DesignHistory h = DesignHistory.read(out.resolve("history.json"));
        assertEquals(Integer.valueOf(1500), h.config().refineRows());
        assertEquals(List.of(1000, 2500), h.surrogates().stream().map(RoundSurrogate::trainingRows).toList());
        for (String file : List.of("surrogate-round-01.rpm", "surrogate-round-02.rpm", "training-round-01.csv",
                "training-round-02.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        CliRun more = CliRun.of("design", "--resume", "--rounds", "3", "-q", "--out", out.toString());
        assertEquals(0, more.exit(), more.err());
        DesignHistory resumed = DesignHistory.read(out.resolve("history.json"));
        assertEquals(3, resumed.rounds().size());
        assertEquals(List.of(1000, 2500, 4000), resumed.surrogates().stream().map(RoundSurrogate::trainingRows)
                .toList());
        assertEquals(h.surrogates(), resumed.surrogates().subList(0, 2), "the first two rounds' surrogates kept");
    }

    /** With --score-weight on a simulator that returns joint scores, the round files carry them and the kind regresses on them. */
    @Test
    void refineWithAScoreWeightWritesAndUsesTheJointScores() throws Exception {
        Path out = dir.resolve("scored");
        CliRun r = CliRun.of("design", "--simulator", "weinberg-lo", "--prior", "0.15,0.35", "--phi-range", "76,92",
                "--rounds", "2", "--events", "60", "--eig-datasets", "4", "--evaluations", "3", "--initial-points",
                "2", "--verify", "0", "--grid", "41", "--training-rows", "1000", "--epochs", "1", "--hidden-layers",
                "1", "--hidden-width", "8", "--device", "cpu", "--no-plot", "--surrogate", "nsf", "--score-weight", "1",
                "--refine", "--refine-rows", "1000", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String file : List.of("training-round-01.csv", "training-round-02.csv")) {
            assertTrue(Files.readAllLines(out.resolve(file)).contains(
                    "x:cos_theta,theta:sin2_theta_w,phi:sqrt_s,score:sin2_theta_w"), file + " has the score column");
        }
        DesignHistory h = DesignHistory.read(out.resolve("history.json"));
        try (TrainedSurrogate second = SurrogateFiles.load(out.resolve("surrogate-round-02.rpm"),
                LoadOptions.defaults())) {
            Map<String, Object> config = second.provenance().config();
            assertEquals(1.0, ((Number) config.get("scoreWeight")).doubleValue(), "the weight: " + config);
            assertEquals(Boolean.TRUE, config.get("eventFileJointScores"), "the files' scores used: " + config);
        }
        assertEquals(2, h.surrogates().size());
        for (int round = 1; round <= 2; round++) {
            ScoreFit fit = ModelFile.read(out.resolve("surrogate-round-0" + round + ".rpm")).manifest()
                    .measuredScoreFit().orElseThrow(() -> new AssertionError("expected a score fit in the round's model"
                            + " file"));
            assertFalse(fit.fresh(), "measured on the round's training rows: " + fit);
            assertEquals(Math.min(ScoreFitMeasurement.DEFAULT_EVENTS, 1000 * round), fit.events(), fit.toString());
            assertTrue(h.surrogates().get(round - 1).description().endsWith(fit.describe()),
                    "the history's description states it: " + h.surrogates().get(round - 1).description());
        }
    }

    @Test
    void refineWithAModelFileFineTunesItEveryRound() {
        Path model = dir.resolve("given.rpm");
        CliRun trained = CliRun.of("train", "--simulator", "toy-gaussian", "--surrogate", "maf", "--prior", "-2,2",
                "--phi-range", "0.5,2", "--training-rows", "2000", "--epochs", "1", "--hidden-layers", "1",
                "--hidden-width", "8", "--device", "cpu", "--no-certify", "--no-plot", "-q", "-o", model.toString());
        assertEquals(0, trained.exit(), trained.err());
        Path out = dir.resolve("tuned");
        CliRun r = design(out, "--model", model.toString(), "--refine", "--refine-rows", "1200");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("surrogate for round 2: fine-tuning round 1's maf on 1200 new rows"), r.out());
        DesignHistory h = DesignHistory.read(out.resolve("history.json"));
        assertEquals(List.of(0, 1200), h.surrogates().stream().map(RoundSurrogate::trainingRows).toList(),
                "round 1 is the file; round 2 fine-tunes on its new rows alone");
        assertTrue(h.surrogates().get(1).description().startsWith("fine-tuned maf flow"), h.surrogates().toString());
        for (String file : List.of("surrogate-round-01.rpm", "surrogate-round-02.rpm", "training-round-02.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        try (TrainedSurrogate first = SurrogateFiles.load(out.resolve("surrogate-round-01.rpm"), LoadOptions.defaults());
                TrainedSurrogate second = SurrogateFiles.load(out.resolve("surrogate-round-02.rpm"),
                        LoadOptions.defaults())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> initial = (Map<String, Object>) second.provenance().config().get("initialWeights");
            assertEquals(((TrainedFlow) first).parameters().sha256(), initial.get("parametersSha256"),
                    "round 2's network started from round 1's (the given file's) weights");
            assertEquals(first.trainedRanges(), second.trainedRanges(), "the fine-tuned model keeps the file's ranges");
        }
        CliRun more = CliRun.of("design", "--resume", "--rounds", "3", "-q", "--out", out.toString());
        assertEquals(0, more.exit(), more.err());
        DesignHistory resumed = DesignHistory.read(out.resolve("history.json"));
        assertEquals(List.of(0, 1200, 1200), resumed.surrogates().stream().map(RoundSurrogate::trainingRows).toList());
    }

    @Test
    void refineIsRefusedWithoutATrainedKind() {
        CliRun exact = design(dir.resolve("exact"), "--surrogate", "exact", "--refine");
        assertEquals(Rp.EXIT_INVALID_INPUT, exact.exit(), exact.err());
        assertTrue(exact.err().contains("found 'exact', which is not trained"), exact.err());
        CliRun histogram = design(dir.resolve("histogram"), "--refine");
        assertEquals(Rp.EXIT_INVALID_INPUT, histogram.exit(), histogram.err());
        assertTrue(histogram.err().contains("found 'histogram', which is not trained"), histogram.err());
        CliRun rowsAlone = design(dir.resolve("rows"), "--surrogate", "maf", "--refine-rows", "5000");
        assertEquals(2, rowsAlone.exit(), rowsAlone.err());
        assertTrue(rowsAlone.err().contains("expected --refine-rows N only with --refine"), rowsAlone.err());
        CliRun few = design(dir.resolve("few"), "--surrogate", "maf", "--refine", "--refine-rows", "10");
        assertEquals(Rp.EXIT_INVALID_INPUT, few.exit(), few.err());
        assertTrue(few.err().contains("refinement rows: expected at least 1000"), few.err());
    }
}
