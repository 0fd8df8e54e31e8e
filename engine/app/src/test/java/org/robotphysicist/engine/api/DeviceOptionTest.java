package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.training.device.DeviceRequest;

/** {@link TrainOptions#withDevice}: changes the device alone, keeps unset controls unset, refuses none. */
class DeviceOptionTest {
    @Test
    void theDeviceChangesAndEveryTrainingControlIsKept() {
        SurrogateTrainingConfig controls = SurrogateTrainingConfig.defaults(7L).withRowsAndEpochs(5_000, 3);
        TrainOptions auto = TrainOptions.defaults("nsf").withControls(SurrogateTrainingConfig.defaults(7L));
        TrainOptions cpu = auto.withDevice(DeviceRequest.CPU);
        assertEquals(DeviceRequest.CPU, cpu.device());
        assertEquals(auto.training(), cpu.training(), "the controls, unset epochs included");
        assertNull(cpu.training().epochs(), "withDevice leaves the kind's default epochs to the kind");
        assertEquals(auto.withControls(controls).withDevice(DeviceRequest.CPU).training(), controls);
        assertEquals(cpu, Json.read(Json.write(cpu), TrainOptions.class, "train options"));
    }

    @Test
    void noDeviceIsRefusedWithWhatWasFound() {
        var e = assertThrows(InvalidInputException.class, () -> TrainOptions.defaults("maf").withDevice(null));
        assertTrue(e.getMessage().startsWith("train options: expected a device and histogram settings but found null"),
                e.getMessage());
    }
}
