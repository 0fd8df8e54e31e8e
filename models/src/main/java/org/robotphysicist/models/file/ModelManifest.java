package org.robotphysicist.models.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.neural.Standardizer;

/**
 * The JSON header of a {@link ModelFile}: everything needed to rebuild and trust a trained
 * surrogate except the parameter values themselves. Nothing in it is executed; the architecture
 * and settings are data that the loader of {@link #kind()} interprets.
 *
 * @param kind              what the file holds, e.g. {@code carl-classifier}, {@code maf}, {@code nsf}
 * @param dimensions        names of θ, φ and x
 * @param architecture      the network's architecture as JSON (e.g. an MLP spec)
 * @param standardizers     input scalers by role (e.g. {@code "input"}, {@code "x"}, {@code "context"})
 * @param ranges            θ, φ and x ranges the model was trained on
 * @param provenance        training configuration, seeds, simulator, data hash, software versions, date
 * @param curve             the training curve
 * @param settings          kind-specific settings as JSON (e.g. a ratio form and a calibration)
 * @param parameters        the tensors in the data section, in order
 * @param parametersSha256  SHA-256 of the parameters ({@link NamedParameters#sha256()})
 * @param calibration       the surrogate's calibration certificate, or null when it was not
 *                          measured (optional: absent from the JSON then, and files written before
 *                          it existed read back with none)
 * @param scoreFit          how much of the simulator's joint scores the surrogate's θ-score explains
 *                          ({@link ScoreFit}), or null when it was not measured (trained without a score
 *                          weight, or from rows without joint scores; absent from the JSON then, and files
 *                          written before it existed read back with none)
 */
public record ModelManifest(String kind, Dimensions dimensions, JsonNode architecture,
        Map<String, Standardizer> standardizers, TrainedRanges ranges, Provenance provenance, TrainingCurve curve,
        JsonNode settings, List<ParameterEntry> parameters, String parametersSha256,
        @JsonInclude(JsonInclude.Include.NON_NULL) CalibrationCertificate calibration,
        @JsonInclude(JsonInclude.Include.NON_NULL) ScoreFit scoreFit) {

    public ModelManifest {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new InvalidInputException("model kind: expected a lower-case identifier such as 'carl-classifier' but"
                    + " found '" + kind + "'");
        }
        if (dimensions == null || ranges == null || provenance == null) {
            throw new InvalidInputException("model manifest: expected dimensions, ranges and provenance but found "
                    + dimensions + ", " + ranges + ", " + provenance);
        }
        ranges.requireDimensions(dimensions);
        architecture = architecture == null ? JsonNodeFactory.instance.objectNode() : architecture;
        settings = settings == null ? JsonNodeFactory.instance.objectNode() : settings;
        standardizers = Map.copyOf(new TreeMap<>(standardizers));
        curve = curve == null ? TrainingCurve.untrained() : curve;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        parametersSha256 = parametersSha256 == null ? "" : parametersSha256;
    }

    /** A manifest without a score fit. */
    public ModelManifest(String kind, Dimensions dimensions, JsonNode architecture,
            Map<String, Standardizer> standardizers, TrainedRanges ranges, Provenance provenance, TrainingCurve curve,
            JsonNode settings, List<ParameterEntry> parameters, String parametersSha256,
            CalibrationCertificate calibration) {
        this(kind, dimensions, architecture, standardizers, ranges, provenance, curve, settings, parameters,
                parametersSha256, calibration, null);
    }

    /** A manifest without a calibration certificate or a score fit. */
    public ModelManifest(String kind, Dimensions dimensions, JsonNode architecture,
            Map<String, Standardizer> standardizers, TrainedRanges ranges, Provenance provenance, TrainingCurve curve,
            JsonNode settings, List<ParameterEntry> parameters, String parametersSha256) {
        this(kind, dimensions, architecture, standardizers, ranges, provenance, curve, settings, parameters,
                parametersSha256, null, null);
    }

    /** A manifest whose parameter list and hash are filled in by {@link ModelFile#write}. */
    public static ModelManifest of(String kind, Dimensions dimensions, Object architecture,
            Map<String, Standardizer> standardizers, TrainedRanges ranges, Provenance provenance, TrainingCurve curve,
            Object settings) {
        return new ModelManifest(kind, dimensions, Json.mapper().valueToTree(architecture), standardizers, ranges,
                provenance, curve, Json.mapper().valueToTree(settings), List.of(), "");
    }

    /** This manifest describing {@code values}. */
    public ModelManifest withParameters(NamedParameters values) {
        return new ModelManifest(kind, dimensions, architecture, standardizers, ranges, provenance, curve, settings,
                values.entries(), values.sha256(), calibration, scoreFit);
    }

    /** This manifest with {@code certificate} as its calibration certificate. */
    public ModelManifest withCalibration(CalibrationCertificate certificate) {
        return new ModelManifest(kind, dimensions, architecture, standardizers, ranges, provenance, curve, settings,
                parameters, parametersSha256, certificate, scoreFit);
    }

    /** This manifest with {@code fit} as its score fit (null: none). */
    public ModelManifest withScoreFit(ScoreFit fit) {
        return new ModelManifest(kind, dimensions, architecture, standardizers, ranges, provenance, curve, settings,
                parameters, parametersSha256, calibration, fit);
    }

    /** The score fit, when one was measured. */
    public java.util.Optional<ScoreFit> measuredScoreFit() {
        return java.util.Optional.ofNullable(scoreFit);
    }

    /** The calibration certificate, when one was measured. */
    public java.util.Optional<CalibrationCertificate> calibrationCertificate() {
        return java.util.Optional.ofNullable(calibration);
    }

    /** The architecture read back as {@code type}. */
    public <T> T architectureAs(Class<T> type) {
        return Json.read(architecture.toString(), type, "model architecture");
    }

    /** The settings read back as {@code type}. */
    public <T> T settingsAs(Class<T> type) {
        return Json.read(settings.toString(), type, "model settings");
    }

    /** The standardizer for {@code role}; a clear error when the file has none. */
    public Standardizer standardizer(String role) {
        Standardizer s = standardizers.get(role);
        if (s == null) {
            throw new org.robotphysicist.data.MalformedDataException("model manifest: expected a '" + role
                    + "' standardizer but found only " + standardizers.keySet());
        }
        return s;
    }

    /** Total number of parameter values listed. */
    public long parameterValues() {
        long n = 0;
        for (ParameterEntry e : parameters) {
            n = Math.addExact(n, e.size());
        }
        return n;
    }
}
