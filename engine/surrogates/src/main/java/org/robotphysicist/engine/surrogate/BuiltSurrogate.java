package org.robotphysicist.engine.surrogate;

import java.util.Objects;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * What a {@link SurrogateKindProvider} returns. A neural surrogate holds native memory and is
 * {@link AutoCloseable}; whoever receives it closes it.
 *
 * @param surrogate   the surrogate likelihood
 * @param kind        the kind's name
 * @param description one line saying what was built (for the output and its JSON)
 * @param gpuFellBack true when a GPU was requested for training and the CPU was used
 */
public record BuiltSurrogate(SurrogateLikelihood surrogate, String kind, String description, boolean gpuFellBack) {

    public BuiltSurrogate {
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** Whether training ran on {@code usedDevice} (as the provenance names it) although a GPU was requested. */
    public static boolean fellBack(String usedDevice, DeviceRequest requested) {
        return usedDevice != null && usedDevice.startsWith("cpu") && requested.kind() == DeviceRequest.Kind.GPU;
    }
}
