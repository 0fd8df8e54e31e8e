package org.robotphysicist.training.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

class DevicesTest {

    @Test
    void requestsParseAndUnknownOnesAreRejected() {
        assertEquals(DeviceRequest.AUTO, DeviceRequest.parse("auto"));
        assertEquals(DeviceRequest.CPU, DeviceRequest.parse(" CPU "));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.GPU, 2), DeviceRequest.parse("gpu:2"));
        var e = assertThrows(InvalidInputException.class, () -> DeviceRequest.parse("tpu"));
        assertTrue(e.getMessage().contains("auto, cpu, gpu, gpu:N") && e.getMessage().contains("'tpu'"),
                e.getMessage());
    }

    @Test
    void cpuRequestUsesTheCpuAndAGpuRequestBeyondWhatExistsIsReported() {
        DeviceChoice cpu = Devices.choose(DeviceRequest.CPU);
        assertFalse(cpu.isGpu());
        assertTrue(cpu.engine().startsWith("PyTorch 2.7.1"), cpu.engine());
        DeviceRequest tooMany = new DeviceRequest(DeviceRequest.Kind.GPU, 64);
        DeviceChoice fallback = Devices.choose(tooMany);
        assertTrue(fallback.fellBackToCpu() && !fallback.isGpu());
        assertTrue(fallback.explanation().contains("FALLING BACK TO THE CPU"), fallback.explanation());
        assertThrows(GpuUnavailableException.class, () -> Devices.choose(tooMany, true));
    }
}
