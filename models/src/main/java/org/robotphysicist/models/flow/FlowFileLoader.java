package org.robotphysicist.models.flow;

import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.SurrogateFileLoader;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * Loads flow model files into {@link TrainedFlow}s. A {@link SurrogateFileLoader} reads one kind,
 * so each flow kind has its registered subclass: {@link Maf} for {@value TrainedFlow#MAF} and
 * {@link Nsf} for {@value TrainedFlow#NSF}.
 */
public abstract class FlowFileLoader implements SurrogateFileLoader {
    private final String kind;

    private FlowFileLoader(String kind) {
        this.kind = kind;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final TrainedSurrogate load(ModelFile.Contents contents, LoadOptions options) {
        return TrainedFlow.fromContents(contents, options, "model file");
    }

    /** Loads {@value TrainedFlow#MAF} files (registered as a service). */
    public static final class Maf extends FlowFileLoader {
        public Maf() {
            super(TrainedFlow.MAF);
        }
    }

    /** Loads {@value TrainedFlow#NSF} files (registered as a service). */
    public static final class Nsf extends FlowFileLoader {
        public Nsf() {
            super(TrainedFlow.NSF);
        }
    }
}
