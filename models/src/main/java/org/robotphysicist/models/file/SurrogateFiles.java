package org.robotphysicist.models.file;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.robotphysicist.data.MalformedDataException;

/**
 * Loads any model file whose kind has a registered {@link SurrogateFileLoader}: the classifier,
 * the flows, and whatever else registers one.
 */
public final class SurrogateFiles {
    private SurrogateFiles() {
    }

    /** The registered loaders by kind. */
    public static Map<String, SurrogateFileLoader> loaders() {
        Map<String, SurrogateFileLoader> out = new TreeMap<>();
        for (SurrogateFileLoader l : ServiceLoader.load(SurrogateFileLoader.class)) {
            out.put(l.kind(), l);
        }
        return out;
    }

    /**
     * A surrogate loaded from a model file together with the manifest it was loaded from: the one
     * verified read of the file, so that what a caller reports from the manifest (its calibration
     * certificate, its score fit, its provenance) is the manifest of the very bytes whose parameters
     * the surrogate holds, checked against the same signature policy.
     *
     * @param surrogate the loaded surrogate, tempered by the certificate's tempering where it has one;
     *                  owned (closed) by the caller
     * @param manifest  the verified manifest of the file
     */
    public record Loaded(TrainedSurrogate surrogate, ModelManifest manifest) {
        public Loaded {
            java.util.Objects.requireNonNull(surrogate, "surrogate");
            java.util.Objects.requireNonNull(manifest, "manifest");
        }
    }

    /**
     * Reads, verifies and loads a model file; {@code options.signatures()} says whether it must be
     * signed by a trusted key.
     *
     * @throws MalformedDataException for a damaged file or a kind nobody can load
     *                                ({@link ModelSignatureException} for a missing or bad signature)
     */
    public static TrainedSurrogate load(Path path, LoadOptions options) {
        return read(path, options).surrogate();
    }

    /**
     * Reads and verifies a model file once, and loads it: the surrogate and the manifest it came
     * from. Use this rather than {@link #load} followed by {@link ModelFile#read} where the manifest
     * is needed too: a second read would parse the file again and could see other bytes than the
     * first (a file replaced in between), unchecked against {@code options.signatures()}.
     *
     * @throws MalformedDataException as {@link #load}
     */
    public static Loaded read(Path path, LoadOptions options) {
        ModelFile.Contents contents = ModelFile.read(path, options.signatures());
        Map<String, SurrogateFileLoader> loaders = loaders();
        SurrogateFileLoader loader = loaders.get(contents.manifest().kind());
        if (loader == null) {
            throw new ModelFileException(path + ": unknown model kind: expected one of " + loaders.keySet()
                    + " but found '" + contents.manifest().kind() + "'");
        }
        try {
            TrainedSurrogate loaded = loader.load(contents, options);
            return new Loaded(TemperedSurrogate.of(loaded, contents.manifest().calibrationCertificate()
                    .map(c -> c.temperingOrNone()).orElse(null)), contents.manifest());
        } catch (ModelFileException e) {
            throw new ModelFileException(path + ": " + e.getMessage(), e);
        }
    }
}
