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
     * Reads, verifies and loads a model file; {@code options.signatures()} says whether it must be
     * signed by a trusted key.
     *
     * @throws MalformedDataException for a damaged file or a kind nobody can load
     *                                ({@link ModelSignatureException} for a missing or bad signature)
     */
    public static TrainedSurrogate load(Path path, LoadOptions options) {
        ModelFile.Contents contents = ModelFile.read(path, options.signatures());
        Map<String, SurrogateFileLoader> loaders = loaders();
        SurrogateFileLoader loader = loaders.get(contents.manifest().kind());
        if (loader == null) {
            throw new ModelFileException(path + ": unknown model kind: expected one of " + loaders.keySet()
                    + " but found '" + contents.manifest().kind() + "'");
        }
        try {
            TrainedSurrogate loaded = loader.load(contents, options);
            return TemperedSurrogate.of(loaded, contents.manifest().calibrationCertificate()
                    .map(c -> c.temperingOrNone()).orElse(null));
        } catch (ModelFileException e) {
            throw new ModelFileException(path + ": " + e.getMessage(), e);
        }
    }
}
