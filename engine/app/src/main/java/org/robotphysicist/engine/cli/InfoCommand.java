package org.robotphysicist.engine.cli;

import ai.djl.util.Utils;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.robotphysicist.data.io.DeviceUsed;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.training.device.DeviceChoice;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.device.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code rp info}: versions, the device the engine really computes on, and where natives live. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print versions, the compute device the engine sees, and where the PyTorch natives live.")
final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--device", paramLabel = "DEV", description = "Device to resolve: auto, cpu, gpu, gpu:N"
            + " (default ${DEFAULT-VALUE}).")
    String device = "auto";

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        DeviceRequest request = DeviceRequest.parse(device);
        for (Map.Entry<String, String> e : Provenance.softwareVersions().entrySet()) {
            o.printf("%-18s %s%n", e.getKey(), e.getValue());
        }
        DeviceChoice choice = Devices.choose(request);
        DeviceUsed used = choice.used();
        o.printf("%-18s %s%n", "engine", choice.engine());
        o.printf("%-18s %d%n", "gpus visible", choice.gpusVisible());
        o.printf("%-18s %s -> %s%n", "device", used.requested(), used.actual());
        o.printf("%-18s %s%n", "", choice.explanation());
        o.printf("%-18s %s%n", "natives", Utils.getEngineCacheDir("pytorch"));
        o.printf("%-18s %s%n", "djl offline", System.getProperty("ai.djl.offline", "false"));
        return used.fellBack() ? 4 : 0;
    }
}
