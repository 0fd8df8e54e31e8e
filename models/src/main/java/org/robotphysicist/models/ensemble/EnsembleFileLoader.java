package org.robotphysicist.models.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelFileException;
import org.robotphysicist.models.file.ModelManifest;
import org.robotphysicist.models.file.NamedParameters;
import org.robotphysicist.models.file.ParameterEntry;
import org.robotphysicist.models.file.SurrogateFileLoader;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * Writes and reads {@value SurrogateEnsemble#KIND} model files (registered as a
 * {@link SurrogateFileLoader} service). One ordinary {@link ModelFile} holds all K members:
 * <ul>
 *   <li>{@code architecture}: {@code {"memberKind": KIND, "members": K}};</li>
 *   <li>{@code settings.members}: the K members' complete manifests, each with its own provenance,
 *       training curve, parameter list and {@code parametersSha256};</li>
 *   <li>the data section: member 0's tensors, then member 1's, …, named {@code member-k/NAME};</li>
 *   <li>{@code provenance}: the ensemble's (member kind, K, every member's seeds, data hashes and
 *       parameter hash under {@code member-k/...}).</li>
 * </ul>
 * The file's SHA-256, its parameter hash and (when signed) its signature cover everything at once.
 * Loading then validates every member before any is built: the member count, each member's kind
 * (registered, not an ensemble, the declared member kind), its tensors (names, shapes and order
 * against its manifest), its own parameter hash (so a member whose values were changed and the file
 * re-hashed is still caught), its names and ranges against the ensemble's; and the ensemble's
 * recorded ranges against those its members give. Every failure is a {@link ModelFileException}
 * naming the member and what was expected and found. Stateless.
 */
public final class EnsembleFileLoader implements SurrogateFileLoader {

    @Override
    public String kind() {
        return SurrogateEnsemble.KIND;
    }

    /** The manifest and parameters of {@code ensemble}'s model file. */
    static ModelFile.Contents contents(SurrogateEnsemble ensemble) {
        List<TrainedSurrogate> members = ensemble.members();
        List<JsonNode> manifests = new ArrayList<>();
        List<NamedParameters.Tensor> tensors = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            ModelFile.Contents c = members.get(k).contents();
            manifests.add(Json.mapper().valueToTree(c.manifest().withParameters(c.parameters())));
            for (NamedParameters.Tensor t : c.parameters().tensors()) {
                tensors.add(new NamedParameters.Tensor(SurrogateEnsemble.memberPrefix(k) + t.name(), t.shape(),
                        t.values()));
            }
        }
        ModelManifest manifest = ModelManifest.of(SurrogateEnsemble.KIND, ensemble.dimensions(),
                new Architecture(ensemble.memberKind(), members.size()), Map.of(), ensemble.trainedRanges(),
                ensemble.provenance(), ensemble.trainingCurve(), Map.of("members", manifests));
        return new ModelFile.Contents(manifest, new NamedParameters(tensors));
    }

    /**
     * The architecture of an ensemble file.
     *
     * @param memberKind the members' model-file kind
     * @param members    K ≥ 1
     */
    public record Architecture(String memberKind, int members) {
    }

    @Override
    public TrainedSurrogate load(ModelFile.Contents contents, LoadOptions options) {
        ModelManifest m = contents.manifest();
        Architecture architecture = m.architectureAs(Architecture.class);
        List<ModelFile.Contents> memberContents = memberContents(m, architecture, contents.parameters());
        List<TrainedSurrogate> members = new ArrayList<>();
        try {
            var loaders = SurrogateFiles.loaders();
            for (ModelFile.Contents c : memberContents) {
                members.add(loaders.get(c.manifest().kind()).load(c, options));
            }
            SurrogateEnsemble ensemble = SurrogateEnsemble.loaded(members, options.rangePolicy(), m.provenance());
            if (!ensemble.trainedRanges().equals(m.ranges())) {
                throw new ModelFileException("ensemble model file: expected the recorded ranges " + m.ranges()
                        + " to be those its members give but they give " + ensemble.trainedRanges());
            }
            return ensemble;
        } catch (RuntimeException e) {
            members.forEach(TrainedSurrogate::close);
            if (e instanceof ModelFileException) {
                throw e;
            }
            throw new ModelFileException("ensemble model file: " + e.getMessage(), e);
        }
    }

    /** Each member's manifest and parameters, every one checked (see the class comment). */
    static List<ModelFile.Contents> memberContents(ModelManifest m, Architecture architecture,
            NamedParameters parameters) {
        JsonNode list = m.settings().get("members");
        if (!(list instanceof ArrayNode array) || array.isEmpty()) {
            throw new ModelFileException("ensemble model file: expected settings.members to list the member manifests"
                    + " but found " + (list == null ? "none" : list.getNodeType()));
        }
        if (array.size() != architecture.members()) {
            throw new ModelFileException("ensemble model file: expected " + architecture.members() + " member manifests"
                    + " (the architecture's count) but found " + array.size());
        }
        var loaders = SurrogateFiles.loaders();
        List<NamedParameters.Tensor> all = parameters.tensors();
        List<ModelFile.Contents> out = new ArrayList<>();
        int next = 0;
        for (int k = 0; k < array.size(); k++) {
            String what = "ensemble member " + k;
            ModelManifest member;
            try {
                member = Json.mapper().treeToValue(array.get(k), ModelManifest.class);
            } catch (Exception e) {
                throw new ModelFileException(what + ": expected a model manifest but " + e.getMessage(), e);
            }
            if (!member.kind().equals(architecture.memberKind()) || SurrogateEnsemble.KIND.equals(member.kind())
                    || !loaders.containsKey(member.kind())) {
                throw new ModelFileException(what + ": expected kind '" + architecture.memberKind() + "' (a registered"
                        + " kind other than " + SurrogateEnsemble.KIND + ") but found '" + member.kind() + "'");
            }
            if (!member.dimensions().equals(m.dimensions())) {
                throw new ModelFileException(what + ": expected the names " + m.dimensions() + " of the ensemble but"
                        + " found " + member.dimensions());
            }
            if (!member.ranges().theta().equals(m.ranges().theta())
                    || !member.ranges().phiUnion().equals(m.ranges().phiUnion())) {
                throw new ModelFileException(what + ": expected the theta and phi ranges " + m.ranges().theta() + ", "
                        + m.ranges().phiUnion() + " of the ensemble but found " + member.ranges().theta() + ", "
                        + member.ranges().phiUnion());
            }
            String prefix = SurrogateEnsemble.memberPrefix(k);
            List<NamedParameters.Tensor> own = new ArrayList<>();
            for (ParameterEntry entry : member.parameters()) {
                if (next >= all.size()) {
                    throw new ModelFileException(what + ": expected parameter '" + prefix + entry.name() + "' but the"
                            + " file's " + all.size() + " tensors ended");
                }
                NamedParameters.Tensor t = all.get(next++);
                List<Long> shape = new ArrayList<>();
                for (long s : t.shape()) {
                    shape.add(s);
                }
                if (!t.name().equals(prefix + entry.name()) || !shape.equals(entry.shape())) {
                    throw new ModelFileException(what + ": expected parameter '" + prefix + entry.name() + "' of shape "
                            + entry.shape() + " but found '" + t.name() + "' of shape " + shape);
                }
                own.add(new NamedParameters.Tensor(entry.name(), t.shape(), t.values()));
            }
            NamedParameters values = new NamedParameters(own);
            String hash = values.sha256();
            if (!hash.equals(member.parametersSha256())) {
                throw new ModelFileException(what + ": expected parameters hashing to " + member.parametersSha256()
                        + " (its manifest) but they hash to " + hash + "; the member was altered or damaged");
            }
            out.add(new ModelFile.Contents(member, values));
        }
        if (next != all.size()) {
            throw new ModelFileException("ensemble model file: expected " + next + " tensors (the members' lists) but"
                    + " found " + all.size());
        }
        return out;
    }
}
