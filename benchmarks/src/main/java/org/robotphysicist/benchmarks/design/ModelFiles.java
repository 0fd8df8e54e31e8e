package org.robotphysicist.benchmarks.design;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.surrogate.ExactSurrogateKind;
import org.robotphysicist.engine.surrogate.FineTunableKind;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * Where a benchmark's kinds come from besides training, and where trained ones go: the options
 * {@code --model-KIND FILE} and {@code --save-models DIR}, so that one trained network is measured again
 * under other settings or by another benchmark.
 *
 * @param given         per kind, a model file to read instead of training (kinds not named train)
 * @param saveDirectory where each kind trained is saved as {@code KIND.rpm}, or null for nowhere
 */
public record ModelFiles(Map<String, Path> given, Path saveDirectory) {
    /** Every kind trained, none saved. */
    public static final ModelFiles NONE = new ModelFiles(Map.of(), null);

    public ModelFiles {
        given = Map.copyOf(given);
    }

    /**
     * From the options {@code --model-KIND FILE} (one per kind in {@code kinds}) and {@code --save-models DIR}.
     *
     * @throws IllegalArgumentException for a file that does not exist, or a model file given for the exact kind
     */
    static ModelFiles of(BenchmarkArguments opt, List<String> kinds) {
        Map<String, Path> given = new LinkedHashMap<>();
        for (String kind : kinds) {
            String file = opt.string("model-" + kind, null);
            if (file == null) {
                continue;
            }
            if (kind.equals(ExactSurrogateKind.NAME)) {
                throw new IllegalArgumentException("--model-exact: expected a model file only for a trained kind"
                        + " but found one for the exact likelihood, which is not trained");
            }
            if (!Files.isRegularFile(Path.of(file))) {
                throw new IllegalArgumentException("--model-" + kind + ": expected a model file but found no file"
                        + " at " + file);
            }
            given.put(kind, Path.of(file));
        }
        String save = opt.string("save-models", null);
        return new ModelFiles(given, save == null ? null : Path.of(save));
    }

    /** Whether {@code kind} is read from a file rather than trained. */
    boolean isGiven(String kind) {
        return given.containsKey(kind);
    }

    /**
     * The kind read from its given file, checked to hold {@code kind} (its networks', for an ensemble).
     *
     * @throws IllegalArgumentException naming the file, the kind expected and the kind found
     */
    TrainedModel load(RobotPhysicist rp, String kind) {
        Path file = given.get(kind);
        TrainedModel model = rp.load(file, LoadOptions.defaults());
        SurrogateLikelihood untempered = TemperedSurrogate.untemperedLikelihood(model.surrogate());
        SurrogateLikelihood network = untempered instanceof SurrogateEnsemble e ? e.members().get(0) : untempered;
        // The registry's kind recognizes its own networks, as it does when it fine-tunes a model file.
        if (!(SurrogateRegistry.discover().named(kind) instanceof FineTunableKind k
                && network instanceof TrainedSurrogate t && k.canFineTune(t))) {
            model.close();
            throw new IllegalArgumentException("--model-" + kind + ": expected a model file of kind '" + kind
                    + "' (or an ensemble of it) but found '" + (network instanceof TrainedSurrogate t ? t.kind()
                    : model.kind()) + "' in " + file);
        }
        return model;
    }

    /**
     * Saves a trained {@code model} as {@code KIND.rpm} in the save directory (created if need be), if there
     * is one; a kind read from a given file is not written again, and a kind without a model file (the
     * histogram) is left unsaved, saying so.
     */
    void saveIfAsked(TrainedModel model, String kind) {
        if (saveDirectory == null || isGiven(kind)) {
            return;
        }
        if (!model.savable()) {
            System.out.println("  not saved: the " + kind + " kind has no model file");
            return;
        }
        Path file = saveDirectory.resolve(kind + ".rpm");
        model.save(file);
        System.out.println("  saved to " + file);
    }
}
