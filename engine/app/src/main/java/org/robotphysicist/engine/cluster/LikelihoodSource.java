package org.robotphysicist.engine.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Sha256;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The likelihood a worker rebuilds to evaluate events: the bytes of a model file (sent once to
 * every worker and loaded there through {@link SurrogateFiles#load}, which verifies the file's
 * SHA-256 as it does for a file on disk), or a tractable simulator's exact likelihood on given
 * ranges. {@link #key()} identifies it, so a worker loads each source once and reuses it.
 */
public sealed interface LikelihoodSource extends Serializable permits LikelihoodSource.ModelBytes,
        LikelihoodSource.Exact {

    /** A stable identifier: equal sources give equal keys. */
    String key();

    /** What it is, for messages ("model file w.rpm", "exact likelihood of weinberg-lo"). */
    String describe();

    /**
     * Builds the likelihood on this machine; the caller owns it (a {@link TrainedSurrogate} holds
     * native memory and must be closed).
     *
     * @throws org.robotphysicist.models.file.ModelFileException for model bytes that fail the model
     *         file's checks (a SHA-256 mismatch: the bytes were damaged on the way)
     */
    SurrogateLikelihood open();

    /** A model file's bytes as read from {@code path}. */
    static ModelBytes modelFile(Path path) {
        return modelFile(path, RangePolicy.FAIL);
    }

    /**
     * The bytes of the model file at {@code path}, loaded on every worker with {@code rangePolicy}
     * (what the model does with a θ or φ outside its trained ranges).
     */
    static ModelBytes modelFile(Path path, RangePolicy rangePolicy) {
        try {
            return new ModelBytes(path.getFileName().toString(), Files.readAllBytes(path), rangePolicy);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A model file's bytes.
     *
     * @param name  the file's name, for messages
     * @param bytes the whole file (manifest, parameters, SHA-256, optional signature)
     * @param rangePolicy what the model loaded on a worker does outside its trained ranges
     */
    record ModelBytes(String name, byte[] bytes, RangePolicy rangePolicy) implements LikelihoodSource {
        private static final long serialVersionUID = 2L;

        public ModelBytes {
            if (name == null || bytes == null || bytes.length == 0) {
                throw new InvalidInputException("model bytes: expected a name and the bytes of a model file but found "
                        + (bytes == null ? "null" : bytes.length + " bytes"));
            }
            if (rangePolicy == null) {
                throw new InvalidInputException("model bytes: expected a range policy (FAIL or WARN) but found none");
            }
            bytes = bytes.clone();
        }

        /** The bytes of a model file that refuses a θ or φ outside its trained ranges. */
        public ModelBytes(String name, byte[] bytes) {
            this(name, bytes, RangePolicy.FAIL);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /**
         * The SHA-256 of the bytes, hexadecimal, and the range policy unless it is the default
         * {@link RangePolicy#FAIL}: a worker caches one loaded model per key.
         */
        @Override
        public String key() {
            String sha = Sha256.of(bytes);
            return rangePolicy == RangePolicy.FAIL ? sha : sha + ":" + rangePolicy;
        }

        @Override
        public String describe() {
            return "model file " + name;
        }

        /** Writes the bytes to a private temporary file and loads it with the model-file loader's checks. */
        @Override
        public TrainedSurrogate open() {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("rp-model-", ".rpm");
                Files.write(tmp, bytes);
                return SurrogateFiles.load(tmp, LoadOptions.defaults().withRangePolicy(rangePolicy));
            } catch (IOException e) {
                throw new UncheckedIOException("could not stage the " + describe() + " on this worker: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new org.robotphysicist.models.file.ModelFileException(describe() + " (as received by this"
                        + " worker): " + (tmp == null ? message : message.replace(tmp + ": ", "")), e);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temporary file left behind is harmless; the model is already loaded or refused
                    }
                }
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModelBytes m && m.name.equals(name) && java.util.Arrays.equals(m.bytes, bytes)
                    && m.rangePolicy == rangePolicy;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * name.hashCode() + java.util.Arrays.hashCode(bytes)) + rangePolicy.hashCode();
        }

        @Override
        public String toString() {
            return "ModelBytes(" + name + ", " + bytes.length + " bytes, " + rangePolicy + ")";
        }
    }

    /** The exact likelihood of a tractable simulator valid on {@code theta} × {@code phi}. */
    static Exact exact(String simulator, Box theta, Box phi) {
        return new Exact(simulator, theta.lower(), theta.upper(), phi.lower(), phi.upper());
    }

    /**
     * A tractable simulator's exact likelihood on a θ box × φ box (the boxes as bounds).
     *
     * @param simulator the registry name of a {@link TractableSimulator}
     */
    record Exact(String simulator, double[] thetaLower, double[] thetaUpper, double[] phiLower, double[] phiUpper)
            implements LikelihoodSource {
        private static final long serialVersionUID = 1L;

        public Exact {
            if (simulator == null) {
                throw new InvalidInputException("exact likelihood source: expected a simulator name but found null");
            }
            new Box(thetaLower, thetaUpper); // validates
            new Box(phiLower, phiUpper);
            thetaLower = thetaLower.clone();
            thetaUpper = thetaUpper.clone();
            phiLower = phiLower.clone();
            phiUpper = phiUpper.clone();
        }

        @Override
        public String key() {
            return "exact:" + simulator + ":" + java.util.Arrays.toString(thetaLower) + java.util.Arrays.toString(
                    thetaUpper) + java.util.Arrays.toString(phiLower) + java.util.Arrays.toString(phiUpper);
        }

        @Override
        public String describe() {
            return "exact likelihood of " + simulator;
        }

        @Override
        public SurrogateLikelihood open() {
            Simulator s = SimulatorRegistry.discover().create(simulator);
            if (!(s instanceof TractableSimulator t)) {
                throw new InvalidInputException("exact likelihood: expected a tractable simulator but '" + simulator
                        + "' has no exact likelihood");
            }
            return new ExactLikelihood(t, new Box(thetaLower, thetaUpper), new Box(phiLower, phiUpper));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Exact e && e.key().equals(key());
        }

        @Override
        public int hashCode() {
            return key().hashCode();
        }

        @Override
        public String toString() {
            return "Exact(" + key() + ")";
        }
    }
}
