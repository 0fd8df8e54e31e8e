package org.robotphysicist.training.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@link DeviceRequest} against what the PyTorch engine really sees. DJL silently
 * runs on the CPU when no CUDA build of libtorch matches; this class makes that visible: the
 * choice is logged, and a GPU request that cannot be met is reported as a fallback (with
 * {@link #choose(DeviceRequest, boolean) strict} it is an error instead).
 */
public final class Devices {
    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

    private Devices() {
    }

    /** The PyTorch engine (natives are loaded on first call). */
    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /** Resolves the request; a GPU request without a GPU falls back to the CPU with a warning. */
    public static DeviceChoice choose(DeviceRequest request) {
        return choose(request, false);
    }

    /**
     * Resolves the request.
     *
     * @param strict when true, a GPU request that cannot be met throws instead of falling back
     * @throws GpuUnavailableException in strict mode when the GPU asked for is not there
     */
    public static DeviceChoice choose(DeviceRequest request, boolean strict) {
        Engine engine = engine();
        int gpus = engine.getGpuCount();
        String name = engine.getEngineName() + " " + engine.getVersion();
        DeviceChoice choice;
        switch (request.kind()) {
            case CPU -> choice = new DeviceChoice(request, Device.cpu(), name, gpus, false,
                    "using the CPU as requested (" + name + ", " + gpus + " GPU(s) visible)");
            case AUTO -> choice = gpus > 0
                    ? new DeviceChoice(request, Device.gpu(0), name, gpus, false,
                            "using GPU 0 of " + gpus + " (" + name + ")")
                    : new DeviceChoice(request, Device.cpu(), name, 0, false,
                            "using the CPU: " + name + " sees no GPU");
            default -> {
                if (request.gpuIndex() < gpus) {
                    choice = new DeviceChoice(request, Device.gpu(request.gpuIndex()), name, gpus, false,
                            "using GPU " + request.gpuIndex() + " of " + gpus + " as requested (" + name + ")");
                } else {
                    String why = "GPU " + request.gpuIndex() + " was requested but " + name + " sees " + gpus
                            + " GPU(s); the CPU natives are loaded or no CUDA build matches (see cuda-notes/README.md)";
                    if (strict) {
                        throw new GpuUnavailableException(why);
                    }
                    choice = new DeviceChoice(request, Device.cpu(), name, gpus, true,
                            "FALLING BACK TO THE CPU: " + why);
                }
            }
        }
        if (choice.fellBackToCpu()) {
            LOG.warn(choice.explanation());
        } else {
            LOG.info(choice.explanation());
        }
        return choice;
    }
}
