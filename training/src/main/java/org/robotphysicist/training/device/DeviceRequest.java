package org.robotphysicist.training.device;

import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;

/**
 * Which compute device a user asked for: {@code auto} (the first GPU if DJL sees one, else the
 * CPU), {@code cpu}, or {@code gpu} / {@code gpu:N}.
 *
 * @param kind     the requested kind
 * @param gpuIndex the GPU ordinal for {@link Kind#GPU}, else 0
 */
public record DeviceRequest(Kind kind, int gpuIndex) {

    /** Kinds of request. */
    public enum Kind { AUTO, CPU, GPU }

    public DeviceRequest {
        if (kind == null) {
            throw new InvalidInputException("device request: expected auto, cpu or gpu[:N] but found null");
        }
        if (gpuIndex < 0 || (kind != Kind.GPU && gpuIndex != 0)) {
            throw new InvalidInputException("device request: expected a GPU index >= 0 only with 'gpu' but found "
                    + kind + " with index " + gpuIndex);
        }
    }

    public static final DeviceRequest AUTO = new DeviceRequest(Kind.AUTO, 0);
    public static final DeviceRequest CPU = new DeviceRequest(Kind.CPU, 0);

    /** Parses {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (case-insensitive). */
    public static DeviceRequest parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "gpu":
            case "cuda":
                return new DeviceRequest(Kind.GPU, 0);
            default:
                if (t.matches("(gpu|cuda):\\d{1,3}")) {
                    return new DeviceRequest(Kind.GPU, Integer.parseInt(t.substring(t.indexOf(':') + 1)));
                }
                throw new InvalidInputException("device: expected one of auto, cpu, gpu, gpu:N but found '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + gpuIndex : kind.name().toLowerCase(Locale.ROOT);
    }
}
