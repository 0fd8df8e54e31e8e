package org.robotphysicist.models.flow;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.TiledGridEvaluator;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelManifest;
import org.robotphysicist.models.file.NamedParameters;
import org.robotphysicist.models.file.TrainedParts;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;

/**
 * A trained conditional flow, p̂(x | θ, φ) = p<sub>flow</sub>(x | [θ; φ]), as a
 * {@link TrainedSurrogate}: the flow ({@link ConditionalFlow}, MAF or NSF) with its x and context
 * standardizers ({@link FlowEvaluator}: values are normalized log-densities over x in its own
 * units, the standardization's Jacobian included), the ranges it was trained on, a
 * {@link RangePolicy}, provenance and training curve. Saved in a {@link ModelFile} of kind
 * {@value #MAF} or {@value #NSF}, with the {@link FlowSpec} as architecture and standardizers
 * {@code "x"} and {@code "context"}; loaded by {@link FlowFileLoader}.
 *
 * <p>The NSF spline lives on [−B, B] in standardized units and is the identity outside, so a
 * trained NSF models y within B training standard deviations of the training mean (the trained
 * x range is checked according to the policy). Here y = g(x) is the image of x under the spec's
 * {@link SupportBijection}: a flow trained on a simulator with a bounded x puts all its
 * probability inside that support, and its file keeps the support in the spec.
 *
 * <p>It owns the manager holding the flow's parameters and frees it on {@link #close()}.
 * Evaluation only reads the parameters, each call in its own sub-managers; it must not race with
 * {@link #close()}.
 */
public final class TrainedFlow implements TrainedSurrogate {
    /** The model-file kind of a masked autoregressive flow. */
    public static final String MAF = "maf";
    /** The model-file kind of a neural spline flow. */
    public static final String NSF = "nsf";

    private final TrainedParts parts;
    private final NDManager manager;
    private final FlowEvaluator evaluator;
    private volatile boolean closed;

    /**
     * Assembles a trained flow; it takes ownership of {@code manager}, which must hold the flow's
     * parameters (and nothing another owner closes).
     *
     * @param evaluator the flow with its x and context (θ then φ) standardizers
     */
    public TrainedFlow(Dimensions dims, NDManager manager, FlowEvaluator evaluator, TrainedRanges ranges,
            RangePolicy policy, Provenance provenance, TrainingCurve curve) {
        FlowSpec spec = evaluator.flow().spec();
        if (spec.xDim() != dims.xDim() || spec.contextDim() != dims.thetaDim() + dims.phiDim()) {
            throw new DimensionMismatchException("trained flow: expected a flow with x dimension " + dims.xDim()
                    + " and context dimension " + (dims.thetaDim() + dims.phiDim()) + " but found " + spec.xDim()
                    + " and " + spec.contextDim());
        }
        if (manager == null) {
            throw new InvalidInputException("trained flow: expected a manager but found none");
        }
        this.parts = new TrainedParts(dims, ranges, policy, provenance, curve);
        this.manager = manager;
        this.evaluator = evaluator;
    }

    /** The model-file kind of a flow of {@code kind}. */
    public static String kindOf(FlowSpec.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Reads, verifies and loads a flow model file ({@value #MAF} or {@value #NSF}). */
    public static TrainedFlow load(Path path, LoadOptions options) {
        return fromContents(ModelFile.read(path, options.signatures()), options, path.toString());
    }

    /**
     * Rebuilds the flow of a verified model file on {@code options.device()}: the architecture
     * from the manifest, float32 parameters installed by name and shape.
     */
    static TrainedFlow fromContents(ModelFile.Contents contents, LoadOptions options, String source) {
        ModelManifest m = contents.manifest();
        if (!MAF.equals(m.kind()) && !NSF.equals(m.kind())) {
            throw new MalformedDataException(source + ": expected a '" + MAF + "' or '" + NSF
                    + "' model but found kind '" + m.kind() + "'");
        }
        FlowSpec spec = m.architectureAs(FlowSpec.class);
        if (!kindOf(spec.kind()).equals(m.kind())) {
            throw new MalformedDataException(source + ": expected a " + m.kind() + " architecture but found "
                    + spec.kind());
        }
        NDManager manager = NDManager.newBaseManager(options.device());
        try {
            ConditionalFlow flow = spec.build();
            flow.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(0));
            contents.parameters().loadInto(flow);
            FlowEvaluator evaluator = new FlowEvaluator(flow, m.standardizer("x"), m.standardizer("context"),
                    FlowEvaluator.DEFAULT_TILE_ROWS);
            return new TrainedFlow(m.dimensions(), manager, evaluator, m.ranges(), options.rangePolicy(),
                    m.provenance(), m.curve());
        } catch (InvalidInputException e) {
            manager.close();
            throw new MalformedDataException(source + ": inconsistent flow model file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public ModelFile.Contents contents() {
        requireOpen();
        ModelManifest manifest = ModelManifest.of(kind(), parts.dimensions(), evaluator.flow().spec(),
                Map.of("x", evaluator.xStandardizer(), "context", evaluator.contextStandardizer()), parts.ranges(),
                parts.provenance(), parts.curve(), Map.of());
        return new ModelFile.Contents(manifest, parameters());
    }

    /** A copy of the flow's parameter values, in block order. */
    public NamedParameters parameters() {
        requireOpen();
        return NamedParameters.of(evaluator.flow());
    }

    /**
     * A copy of this flow with another range policy. The copy owns new native memory (the parameters,
     * copied to a manager of its own on the same device), apart from this flow's: close both.
     */
    public TrainedFlow copyWithRangePolicy(RangePolicy rangePolicy) {
        requireOpen();
        ConditionalFlow source = evaluator.flow();
        NDManager copyManager = NDManager.newBaseManager(device());
        try {
            ConditionalFlow flow = source.spec().build();
            flow.initializeParameters(copyManager, source.dataType(), new SplittableRandom(0));
            NamedParameters.of(source).loadInto(flow);
            return new TrainedFlow(parts.dimensions(), copyManager, new FlowEvaluator(flow, evaluator.xStandardizer(),
                    evaluator.contextStandardizer(), FlowEvaluator.DEFAULT_TILE_ROWS), parts.ranges(), rangePolicy,
                    parts.provenance(), parts.curve());
        } catch (RuntimeException e) {
            copyManager.close();
            throw e;
        }
    }

    /** The device the parameters live on. */
    public Device device() {
        return manager.getDevice();
    }

    /** The flow with its standardizers; read it, do not train or close it. */
    public FlowEvaluator evaluator() {
        return evaluator;
    }

    /** The architecture. */
    public FlowSpec spec() {
        return evaluator.flow().spec();
    }

    @Override
    public String kind() {
        return kindOf(evaluator.flow().spec().kind());
    }

    /** True: values are normalized log-densities over x. */
    @Override
    public boolean isNormalized() {
        return true;
    }

    @Override
    public TrainedParts parts() {
        return parts;
    }

    /** log p̂(x<sub>b</sub> | θ<sub>b</sub>, φ<sub>b</sub>) for every row; ranges per the {@link RangePolicy}. */
    @Override
    public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
        requireOpen();
        SurrogateArguments.requireRowShapes(this, x, theta, phi);
        parts.ranges().enforce(parts.policy(), kind(), x, theta, phi);
        return evaluator.logDensity(x, FlowSurrogate.context(theta, phi));
    }

    /**
     * Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) per grid point, validated once and
     * evaluated on the device ({@link FlowEvaluator#summedLogDensity}).
     */
    @Override
    public double[] summedLogLikelihood(Matrix events, Matrix thetaGrid, double[] phi) {
        requireOpen();
        SurrogateArguments.requireGridShapes(this, events, thetaGrid, phi);
        parts.ranges().enforceGrid(parts.policy(), kind(), events, thetaGrid, phi);
        return evaluator.summedLogDensity(events,
                FlowSurrogate.context(thetaGrid, Matrix.repeatRow(phi, thetaGrid.rows())));
    }

    /**
     * The flow's grid path: tiles of events (sized from the free heap) each go through
     * {@link #summedLogLikelihood}, which forms the tile's pairs on the device and reduces over
     * events there ({@link FlowEvaluator#summedLogDensity}); the tiles' sums are accumulated in
     * float64 ({@link TiledGridEvaluator}).
     */
    @Override
    public GridEvaluator gridEvaluator(Cancellation cancellation) {
        return new TiledGridEvaluator(this, TilingConfig.automatic(), cancellation);
    }

    /**
     * n draws x ~ p̂(· | θ, φ) in original units; θ and φ checked per the {@link RangePolicy}.
     *
     * @return (n, D<sub>x</sub>)
     */
    public Matrix sample(int n, double[] theta, double[] phi, SplittableRandom rng) {
        requireOpen();
        Require.positive("number of samples", n);
        Require.finiteVector("theta", theta, parts.dimensions().thetaDim());
        Require.finiteVector("phi", phi, parts.dimensions().phiDim());
        TrainedRanges.enforce(parts.policy(), kind(), "theta", parts.ranges().theta(), Matrix.ofRows(theta));
        parts.ranges().enforcePhi(parts.policy(), kind(), "phi", Matrix.ofRows(phi));
        return evaluator.sample(FlowSurrogate.context(Matrix.repeatRow(theta, n), Matrix.repeatRow(phi, n)), rng);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("trained flow: expected an open flow but it was closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        manager.close();
    }

    @Override
    public String toString() {
        return "TrainedFlow(" + evaluator.flow().spec() + ", theta " + parts.ranges().theta() + ", phi "
                + parts.ranges().phi() + ")";
    }
}
