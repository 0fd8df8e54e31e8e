package org.robotphysicist.training.device;

import ai.djl.Device;
import org.robotphysicist.data.io.DeviceUsed;

/**
 * The device the engine will actually compute on, and why.
 *
 * @param request       what the user asked for
 * @param device        the DJL device chosen
 * @param engine        the deep-learning engine's name and version, e.g. "PyTorch 2.7.1"
 * @param gpusVisible   how many GPUs DJL sees
 * @param fellBackToCpu true when a GPU was explicitly requested and the CPU is used instead
 * @param explanation   one line for logs and {@code rp info}
 */
public record DeviceChoice(DeviceRequest request, Device device, String engine, int gpusVisible,
        boolean fellBackToCpu, String explanation) {

    public boolean isGpu() {
        return device.isGpu();
    }

    /** What provenance records of this choice: the request, the device used, and whether it fell back. */
    public DeviceUsed used() {
        return new DeviceUsed(request.toString(), device.toString(), fellBackToCpu);
    }
}
