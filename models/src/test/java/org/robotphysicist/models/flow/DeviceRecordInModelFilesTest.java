package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.DeviceUsed;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelManifest;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The device a model was trained on is a typed {@link DeviceUsed} in its provenance: it travels
 * through the model file, and a model file written before it was recorded (its provenance has no
 * {@code device} entry, only the device among the versions) still loads, with no record and the
 * same values.
 */
class DeviceRecordInModelFilesTest {
    /** The provenance fields model files were written with before the device was recorded. */
    private static final List<String> OLD_PROVENANCE_FIELDS = List.of("producer", "created", "config", "seeds",
            "dataHashes", "versions");

    @TempDir
    Path dir;

    private static TrainedFlow flowTrainedOn(DeviceUsed device) {
        return TrainedFlowTest.untrained(FlowSpec.Kind.MAF, RangePolicy.FAIL,
                Provenance.capture("test", Map.of(), Map.of("init", 31L), Map.of())
                        .withVersions(Map.of("device", device.actual())).withDevice(device));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theRecordedDeviceTravelsThroughTheModelFile() {
        DeviceUsed fellBack = new DeviceUsed("gpu:0", "cpu()", true);
        Path file = dir.resolve("new.rpm");
        try (TrainedFlow flow = flowTrainedOn(fellBack)) {
            flow.save(file);
        }
        ModelManifest m = ModelFile.read(file).manifest();
        JsonNode device = Json.mapper().valueToTree(m).get("provenance").get("device");
        assertEquals("gpu:0", device.get("requested").asText(), device.toString());
        assertEquals("cpu()", device.get("actual").asText(), device.toString());
        assertTrue(device.get("fellBack").asBoolean(), device.toString());
        try (TrainedSurrogate loaded = SurrogateFiles.load(file, LoadOptions.defaults())) {
            assertEquals(fellBack, loaded.provenance().device());
        }
    }

    @Test
    void aModelFileWrittenBeforeTheDeviceWasRecordedStillLoads() {
        Path file = dir.resolve("new.rpm");
        Path old = dir.resolve("old.rpm");
        Matrix x = Matrix.of(2, 3, new double[] {0.1, -0.4, 2, 1.5, 0.3, -1});
        Matrix theta = Matrix.of(2, 2, new double[] {0.2, 0.4, -0.5, 0.9});
        Matrix phi = Matrix.ofColumn(new double[] {1.5, 2.5});
        double[] expected;
        try (TrainedFlow flow = flowTrainedOn(new DeviceUsed("auto", "cpu()", false))) {
            flow.save(file);
            expected = flow.logLikelihood(x, theta, phi);
        }
        ModelFile.Contents written = ModelFile.read(file);
        ObjectNode manifest = Json.mapper().valueToTree(written.manifest());
        ((ObjectNode) manifest.get("provenance")).remove("device");
        ModelFile.write(old, Json.read(manifest.toString(), ModelManifest.class, "older manifest"),
                written.parameters());

        JsonNode oldProvenance = Json.mapper().valueToTree(ModelFile.read(old).manifest()).get("provenance");
        assertEquals(OLD_PROVENANCE_FIELDS, fieldNames(oldProvenance), "the file has the older provenance layout");
        try (TrainedSurrogate loaded = SurrogateFiles.load(old, LoadOptions.defaults())) {
            assertNull(loaded.provenance().device(), "no device record in an older file");
            assertEquals("cpu()", loaded.provenance().versions().get("device"), "its versions still name the device");
            assertArrayEquals(expected, loaded.logLikelihood(x, theta, phi), "the older file's flow evaluates alike");
        }
    }

    @Test
    void olderProvenanceJsonReadsWithoutADeviceAndWritesBackWithoutOne() {
        String older = "{\"producer\":\"rp train\",\"created\":\"2026-01-02T03:04:05Z\",\"config\":{\"rows\":100},"
                + "\"seeds\":{\"data\":1},\"dataHashes\":{},\"versions\":{\"device\":\"cpu()\",\"java\":\"17\"}}";
        Provenance p = Json.read(older, Provenance.class, "older provenance");
        assertNull(p.device());
        assertEquals("cpu()", p.versions().get("device"));
        assertEquals(OLD_PROVENANCE_FIELDS, fieldNames(Json.mapper().valueToTree(p)));
    }
}
