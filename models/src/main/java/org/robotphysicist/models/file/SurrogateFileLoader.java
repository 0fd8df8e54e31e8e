package org.robotphysicist.models.file;

/**
 * Turns the verified contents of a model file of one {@link #kind()} into a live surrogate.
 * Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.robotphysicist.models.file.SurrogateFileLoader}.
 */
public interface SurrogateFileLoader {

    /** The manifest kind this loader reads, e.g. {@code carl-classifier}. */
    String kind();

    /**
     * Builds the surrogate; throws {@link org.robotphysicist.data.MalformedDataException} when the
     * manifest's architecture or settings do not fit together.
     */
    TrainedSurrogate load(ModelFile.Contents contents, LoadOptions options);
}
