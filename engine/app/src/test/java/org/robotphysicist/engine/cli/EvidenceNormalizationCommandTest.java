package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.engine.design.loop.DesignHistory;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelManifest;

/**
 * {@code --no-evidence-normalization} on {@code rp train}, {@code rp design} and {@code rp demo}: the classifier is
 * built without its per-θ normalization and its model file says so; any other kind refuses it.
 */
class EvidenceNormalizationCommandTest {
    /** A tiny classifier on the toy Gaussian: 2000 rows, one epoch, 5 events per experiment. */
    private static final String[] TINY = {"--simulator", "toy-gaussian", "--prior", "-2,2", "--phi", "1",
        "--training-rows", "2000", "--epochs", "1", "--hidden-layers", "1", "--hidden-width", "8", "--events", "5",
        "--device", "cpu", "--no-certify", "--no-plot", "-q"};

    @TempDir
    Path dir;

    private static CliRun run(String command, String[] common, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(Arrays.asList(common));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The reference events per φ node the classifier's provenance records (0: no normalization). */
    private static int normalizationSamples(ModelManifest m) {
        Map<String, Object> config = m.provenance().config();
        return ((Number) ((Map<?, ?>) config.get("normalization")).get("samples")).intValue();
    }

    @Test
    void trainSwitchesTheClassifiersNormalizationOffAndTheModelFileRecordsIt() {
        Path off = dir.resolve("off.rpm");
        Path on = dir.resolve("on.rpm");
        CliRun r = run("train", TINY, "--no-evidence-normalization", "-o", off.toString());
        assertEquals(0, r.exit(), r.err());
        CliRun d = run("train", TINY, "-o", on.toString());
        assertEquals(0, d.exit(), d.err());

        ModelManifest offManifest = ModelFile.read(off).manifest();
        JsonNode offNorm = offManifest.settings().get("normalization");
        assertTrue(offNorm == null || offNorm.isNull(), "no normalization table: " + offManifest.settings());
        assertEquals(0, normalizationSamples(offManifest), "the provenance records it off");

        ModelManifest onManifest = ModelFile.read(on).manifest();
        assertTrue(onManifest.settings().get("normalization").isObject(), "the default fits one: "
                + onManifest.settings());
        assertEquals(500, normalizationSamples(onManifest), "100 reference events per event x 5 events");
    }

    @Test
    void otherKindsRefuseTheSwitch() {
        CliRun r = run("train", TINY, "--surrogate", "maf", "--no-evidence-normalization", "-o",
                dir.resolve("maf.rpm").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("evidence normalization: expected it set only for the 'classifier' surrogate (the"
                + " only kind normalized per theta) but found it set for 'maf'"), r.err());
        CliRun d = CliRun.of("design", "--simulator", "toy-gaussian", "--prior", "-2,2", "--phi-range", "0.5,2",
                "--surrogate", "nsf", "--no-evidence-normalization", "--out", dir.resolve("d").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, d.exit(), d.err());
        assertTrue(d.err().contains("but found it set for 'nsf'"), d.err());
    }

    @Test
    void bothDemosTrainTheirClassifierWithoutNormalization() throws java.io.IOException {
        Path loop = dir.resolve("loop");
        CliRun r = CliRun.of("demo", "--surrogate", "classifier", "--no-evidence-normalization", "--training-rows",
                "2000", "--epochs", "1", "--rounds", "1", "--events", "20", "--eig-datasets", "4", "--evaluations",
                "2", "--grid", "41", "--device", "cpu", "--no-plot", "-q", "--out", loop.resolve("demo.json")
                .toString());
        assertEquals(0, r.exit(), r.err());
        List<Path> cached;
        try (var files = java.nio.file.Files.list(loop)) {
            cached = files.filter(f -> f.getFileName().toString().startsWith("model-")).toList();
        }
        assertEquals(1, cached.size(), "the loop demo's cached model: " + cached);
        assertEquals(0, normalizationSamples(ModelFile.read(cached.get(0)).manifest()), "trained without normalization");

        Path single = dir.resolve("single.rpm");
        CliRun one = CliRun.of("demo", "--sqrt-s", "58", "--surrogate", "classifier", "--no-evidence-normalization",
                "--training-rows", "2000", "--epochs", "1", "--events", "50", "--grid", "41", "--device", "cpu",
                "--no-plot", "-q", "--save-model", single.toString(), "--out", dir.resolve("single.json").toString());
        assertEquals(0, one.exit(), one.err());
        assertEquals(0, normalizationSamples(ModelFile.read(single).manifest()), "trained without normalization");

        CliRun histogram = CliRun.of("demo", "--surrogate", "histogram", "--no-evidence-normalization", "--out",
                dir.resolve("h.json").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, histogram.exit(), histogram.err());
        assertTrue(histogram.err().contains("but found it set for 'histogram'"), histogram.err());
    }

    @Test
    void designTrainsItsClassifierWithoutNormalizationAndRecordsTheSwitch() {
        Path out = dir.resolve("design");
        CliRun r = CliRun.of("design", "--simulator", "toy-gaussian", "--prior", "-2,2", "--phi-range", "0.5,2",
                "--surrogate", "classifier", "--no-evidence-normalization", "--rounds", "1", "--events", "20",
                "--eig-datasets", "4", "--evaluations", "2", "--initial-points", "2", "--grid", "41",
                "--training-rows", "2000", "--epochs", "1", "--hidden-layers", "1", "--hidden-width", "8", "--device",
                "cpu", "--no-plot", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("surrogate: classifier") && !r.out().contains("normalization: log Z"),
                "trained without fitting a normalization table: " + r.out());
        DesignHistory h = DesignHistory.read(out.resolve("history.json"));
        assertEquals(Boolean.FALSE, h.config().training().evidenceNormalization(), "recorded in the history");
        assertEquals(1, h.rounds().size());
    }
}
