package org.robotphysicist.engine.surrogate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.file.TrainedRanges;

/**
 * Labelled events (x, θ, φ) given rather than simulated: {@link EventFileSource}, files read into
 * memory, or {@link StreamedEventSource}, a table read block by block. Neural kinds learn
 * p̂(x | θ, φ) from the rows as they are; kinds that must run a simulator refuse them. The
 * surrogate's θ and φ ranges are the boxes the rows were drawn over (their bounding boxes unless
 * known); its x range is the support where bounded and the rows' range, widened, elsewhere.
 */
public sealed interface GivenEvents extends TrainingSource permits EventFileSource, StreamedEventSource {

    /** The simulator that names and bounds the rows, or null when they come without one. */
    Simulator simulator();

    @Override
    default Optional<Simulator> simulatorIfAny() {
        return Optional.ofNullable(simulator());
    }

    /** The simulator's θ domain, or unbounded without a simulator. */
    @Override
    default Box thetaDomain() {
        return simulator() != null ? simulator().thetaDomain() : Box.unbounded(dimensions().thetaDim());
    }

    /** The simulator's φ domain, or unbounded without a simulator. */
    @Override
    default Box phiDomain() {
        return simulator() != null ? simulator().phiDomain() : Box.unbounded(dimensions().phiDim());
    }

    /** The simulator's x support, or unbounded without a simulator. */
    @Override
    default Box xSupport() {
        return simulator() != null ? simulator().xSupport() : Box.unbounded(dimensions().xDim());
    }

    /** N, the training rows. */
    long rows();

    /** The surrogate's θ range. */
    Box thetaRange();

    /** The surrogate's φ range (a point when every row has the same φ). */
    Box phiRange();

    /** θ, φ and x ranges of a surrogate trained on these rows. */
    TrainedRanges trainedRanges();

    /** Provenance configuration entries naming the source: the files, their rows, the simulator if there is one. */
    Map<String, Object> provenanceConfig();

    /** SHA-256 of each file's bytes, by path as given. */
    Map<String, String> sha256();

    /** Per-file hashes as provenance data-hash entries: {@code event-file/<path>} → SHA-256. */
    default Map<String, String> provenanceHashes() {
        Map<String, String> out = new LinkedHashMap<>();
        sha256().forEach((file, hash) -> out.put("event-file/" + file, hash));
        return out;
    }
}
