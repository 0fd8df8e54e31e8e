package org.robotphysicist.models.ratio;

import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.SurrogateFileLoader;
import org.robotphysicist.models.file.TrainedSurrogate;

/** Loads {@value ParameterizedRatioClassifier#KIND} model files (registered as a service). */
public final class RatioClassifierFileLoader implements SurrogateFileLoader {
    @Override
    public String kind() {
        return ParameterizedRatioClassifier.KIND;
    }

    @Override
    public TrainedSurrogate load(ModelFile.Contents contents, LoadOptions options) {
        return ParameterizedRatioClassifier.fromContents(contents, options, "model file");
    }
}
