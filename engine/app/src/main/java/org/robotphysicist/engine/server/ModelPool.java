package org.robotphysicist.engine.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelManifest;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The server's saved surrogates. Each file is read once at start-up (so a damaged file stops the
 * server before it listens) for its description; each worker thread then loads its own copy on
 * first use and keeps it, because a DJL {@code Predictor} is not thread-safe. Every copy is closed
 * by {@link #close()}, after the workers have stopped.
 */
final class ModelPool implements AutoCloseable {

    /**
     * What a model is, for {@code GET /models}, request validation and request costs.
     *
     * @param phiBoxes    the φ boxes it was trained across (one box, or several for a model trained over a
     *                    union of disjoint ranges; {@code phiRange} is their bounding box)
     * @param members     networks evaluated per likelihood evaluation: K for an ensemble file, else 1
     * @param calibration the file's calibration certificate, null when it has none
     */
    record Info(String name, String path, String kind, Dimensions dimensions, Box thetaRange, Box phiRange,
            List<Box> phiBoxes, int members, String simulator, CalibrationCertificate calibration, ScoreFit scoreFit) {
    }

    private final Map<String, Path> paths;
    private final Map<String, Info> infos = new LinkedHashMap<>();
    private final LoadOptions options;
    private final ThreadLocal<Map<String, TrainedSurrogate>> perWorker = ThreadLocal.withInitial(HashMap::new);
    private final Queue<TrainedSurrogate> loaded = new ConcurrentLinkedQueue<>();

    ModelPool(Map<String, Path> models, LoadOptions options) {
        this.paths = Map.copyOf(models);
        this.options = options;
        for (Map.Entry<String, Path> e : models.entrySet()) {
            SurrogateFiles.Loaded read = SurrogateFiles.read(e.getValue(), options);
            try (TrainedSurrogate s = read.surrogate()) {
                ModelManifest manifest = read.manifest();
                Object sim = s.provenance().config().get("simulator");
                infos.put(e.getKey(), new Info(e.getKey(), e.getValue().toString(), s.kind(), s.dimensions(),
                        s.thetaRange(), s.phiRange(), s.phiUnion().boxes(),
                        s instanceof SurrogateEnsemble ensemble ? ensemble.size() : 1,
                        sim instanceof String name ? name : null, manifest.calibrationCertificate().orElse(null),
                        manifest.measuredScoreFit().orElse(null)));
            }
        }
    }

    /** Every model's description, in configuration order. */
    Map<String, Info> infos() {
        return java.util.Collections.unmodifiableMap(infos);
    }

    /** The description of {@code name}; an error listing the names known otherwise. */
    Info info(String name) {
        Info i = infos.get(name);
        if (i == null) {
            throw new InvalidInputException("model: expected one of " + infos.keySet() + " but found '" + name + "'");
        }
        return i;
    }

    /** This worker thread's own copy of {@code name}, loaded on first use. */
    TrainedSurrogate forThisWorker(String name) {
        info(name);
        return perWorker.get().computeIfAbsent(name, n -> {
            TrainedSurrogate s = SurrogateFiles.load(paths.get(n), options);
            loaded.add(s);
            return s;
        });
    }

    /** How many copies the workers have loaded so far. */
    int copies() {
        return loaded.size();
    }

    @Override
    public void close() {
        for (TrainedSurrogate s; (s = loaded.poll()) != null;) {
            s.close();
        }
    }
}
