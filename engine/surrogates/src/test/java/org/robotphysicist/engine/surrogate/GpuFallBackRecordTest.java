package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.io.DeviceUsed;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.device.Devices;

/**
 * A GPU request that cannot be met is recorded as a typed {@link DeviceUsed} in the trained model's
 * provenance (requested gpu:N, actual the CPU, fell back), travels through its model file, and is what
 * {@link BuiltSurrogate#gpuFellBack()} reports, for one network and for an ensemble. The request names
 * the first GPU index the engine does not see, so it falls back on every machine. Tiny networks:
 * 1 000 rows, one epoch.
 */
class GpuFallBackRecordTest {
    private static final SurrogateRegistry REGISTRY = SurrogateRegistry.discover();

    @TempDir
    Path dir;

    private static SurrogateBuildRequest request(DeviceRequest device, int members) {
        SurrogateTrainingConfig c = SurrogateTrainingConfig.of(1000, 1, 5).withOptimizer(250, 1e-3).withNetwork(1, 8).withValidation(0.2, null)
                .withEvidenceNormalization(false).withEnsembleMembers(members);
        return new SurrogateBuildRequest(TrainingSource.of(new ToyGaussianSimulator()),
                new UniformBoxPrior(Box.interval(-2, 2)), Box.interval(0.25, 1), c, HistogramGridConfig.defaults(), 10,
                device, null, null);
    }

    private static DeviceRequest unmetGpuRequest() {
        return new DeviceRequest(DeviceRequest.Kind.GPU, Devices.engine().getGpuCount());
    }

    @Test
    void aGpuRequestOnAMachineWithoutThatGpuRecordsTheFallBackAndTheModelFileKeepsIt() {
        DeviceRequest unmet = unmetGpuRequest();
        BuiltSurrogate built = REGISTRY.build(ClassifierSurrogateKind.NAME, request(unmet, 1));
        try (TrainedSurrogate trained = (TrainedSurrogate) built.surrogate()) {
            DeviceUsed used = trained.provenance().device();
            assertNotNull(used, "the provenance records the device: " + trained.provenance());
            assertEquals(unmet.toString(), used.requested(), "requested");
            assertTrue(used.actual().startsWith("cpu"), "actual: " + used.actual());
            assertTrue(used.fellBack(), "fell back: " + used);
            assertTrue(built.gpuFellBack(), "the built surrogate reports the recorded fall-back");
            assertTrue(built.description().endsWith("epochs on " + used.actual()), built.description());

            Path file = dir.resolve("fell-back.rpm");
            trained.save(file);
            try (TrainedSurrogate loaded = SurrogateFiles.load(file, LoadOptions.defaults())) {
                assertEquals(used, loaded.provenance().device(), "the model file keeps the device record");
            }
        }
    }

    @Test
    void aCpuRequestRecordsNoFallBack() {
        BuiltSurrogate built = REGISTRY.build(ClassifierSurrogateKind.NAME, request(DeviceRequest.CPU, 1));
        try (TrainedSurrogate trained = (TrainedSurrogate) built.surrogate()) {
            DeviceUsed used = trained.provenance().device();
            assertEquals("cpu", used.requested(), "requested");
            assertTrue(used.actual().startsWith("cpu"), "actual: " + used.actual());
            assertFalse(used.fellBack(), "fell back: " + used);
            assertFalse(built.gpuFellBack());
        }
    }

    @Test
    void anEnsembleRecordsTheFallBackOfItsMembers() {
        BuiltSurrogate built = REGISTRY.build(ClassifierSurrogateKind.NAME, request(unmetGpuRequest(), 2));
        try (TrainedSurrogate trained = (TrainedSurrogate) built.surrogate()) {
            SurrogateEnsemble ensemble = (SurrogateEnsemble) trained;
            for (TrainedSurrogate m : ensemble.members()) {
                assertTrue(m.provenance().device().fellBack(), "member: " + m.provenance().device());
            }
            assertTrue(ensemble.provenance().device().fellBack(), "ensemble: " + ensemble.provenance().device());
            assertTrue(built.gpuFellBack());
        }
    }
}
