package org.robotphysicist.models.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.dataset.ColumnRole;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.GridSums;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.ModelManifest;
import org.robotphysicist.models.file.TrainedParts;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.neural.AlignedArrays;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.models.ratio.calibration.CalibrationMethod;
import org.robotphysicist.models.ratio.calibration.ScoreCalibration;

/**
 * The parameterized likelihood-ratio classifier (CARL; Cranmer, Pavez &amp; Louppe 2015, with
 * the likelihood-to-evidence form of Hermans, Begy &amp; Louppe 2020): an MLP on the standardized
 * concatenation z = ((x − μ<sub>x</sub>)/s<sub>x</sub>, (θ − μ<sub>θ</sub>)/s<sub>θ</sub>,
 * (φ − μ<sub>φ</sub>)/s<sub>φ</sub>), of width D = D<sub>x</sub> + D<sub>θ</sub> + D<sub>φ</sub>,
 * whose single output, the logit s(x, θ, φ), <em>is</em> the log-ratio of its {@link RatioForm}
 * (never log σ(s)). With a {@link ScoreCalibration} the calibrated log r̂(s) is returned instead,
 * and with an {@link EvidenceNormalization} log Ẑ(θ, φ) is subtracted so that the implied
 * likelihood is normalized over x for every θ (needed for posteriors from many events).
 *
 * <p>As a {@link org.robotphysicist.models.SurrogateLikelihood} it returns
 * log p(x | θ, φ) − c(x, φ): not normalized, the θ-independent term c (log p(x | φ), or
 * log p(x | θ₁, φ)) dropped, which a posterior over θ never needs.
 *
 * <p><b>Evaluation.</b> Rows are standardized in double precision, sent to the network's device
 * in tiles of at most {@link #tileRows()} rows, and the logits copied back. Every temporary of a
 * tile lives in a sub-manager closed before the next tile.
 *
 * <p><b>First-layer split.</b> W·z = W<sub>x</sub>·z<sub>x</sub> + W<sub>θ</sub>·z<sub>θ</sub>
 * + W<sub>φ</sub>·z<sub>φ</sub>: the classifier's grid path ({@link #gridEvaluator},
 * {@link SplitMlpGridEvaluator}) gets W from {@link #network()} ({@link Mlp#firstLayerWeight}), the
 * column blocks from {@link #columns(ColumnRole)}, the scaler from {@link #inputStandardizer()},
 * finishes with {@link Mlp#forwardAfterFirstLayer} and calibrates and normalizes through the same
 * code as the row-by-row evaluation.
 *
 * <p><b>Threads.</b> Evaluation is safe from several threads at once: parameters are only read,
 * through detached views created per call, and each call owns its sub-managers (no DJL
 * {@code Predictor}, which is not thread-safe, is involved). {@link #close()} must not race with
 * evaluations.
 *
 * <p><b>Ranges.</b> θ, φ and x outside the {@link TrainedRanges} are refused or logged according to
 * the {@link RangePolicy}.
 */
public final class ParameterizedRatioClassifier implements TrainedSurrogate {
    /** The model-file kind. */
    public static final String KIND = "carl-classifier";
    /** Rows per device tile unless configured. */
    public static final int DEFAULT_TILE_ROWS = 1 << 14;

    /**
     * The classifier-specific part of a model file.
     *
     * @param form          the training form
     * @param calibration   the score calibration applied at evaluation
     * @param normalization the per-(θ, φ) normalization subtracted at evaluation, or null for none
     */
    public record Settings(RatioForm form, ScoreCalibration calibration, EvidenceNormalization normalization) {
        public Settings {
            if (form == null || calibration == null) {
                throw new InvalidInputException("classifier settings: expected a ratio form and a calibration but found "
                        + form + " and " + calibration);
            }
        }

        /** Without normalization. */
        public Settings(RatioForm form, ScoreCalibration calibration) {
            this(form, calibration, null);
        }
    }

    private final TrainedParts parts;
    private final Mlp network;
    private final Standardizer scaler;
    private final Settings settings;
    private final int tileRows;
    private volatile boolean closed;

    /**
     * Assembles a classifier; it takes ownership of {@code network} and closes it on {@link #close()}.
     *
     * @param inputScaler standardizer of the D = D<sub>x</sub> + D<sub>θ</sub> + D<sub>φ</sub> input columns
     */
    public ParameterizedRatioClassifier(Dimensions dims, Mlp network, Standardizer inputScaler, Settings settings,
            TrainedRanges ranges, RangePolicy policy, Provenance provenance, TrainingCurve curve, int tileRows) {
        int d = dims.xDim() + dims.thetaDim() + dims.phiDim();
        MlpSpec spec = network.spec();
        if (spec.inputDim() != d || spec.outputDim() != 1 || inputScaler.dim() != d) {
            throw new org.robotphysicist.data.DimensionMismatchException("ratio classifier: expected a network " + d
                    + " -> ... -> 1 and a " + d + "-column scaler for (x, theta, phi) dimensions (" + dims.xDim() + ", "
                    + dims.thetaDim() + ", " + dims.phiDim() + ") but found " + spec + " and " + inputScaler.dim()
                    + " columns");
        }
        if (settings.form().kind() == RatioForm.Kind.REFERENCE) {
            org.robotphysicist.data.Require.finiteVector("reference theta", settings.form().referenceTheta(),
                    dims.thetaDim());
        }
        org.robotphysicist.data.Require.positive("tile rows", tileRows);
        this.parts = new TrainedParts(dims, ranges, policy, provenance, curve);
        this.network = network;
        this.scaler = inputScaler;
        this.settings = settings;
        this.tileRows = tileRows;
    }

    /** Reads, verifies and loads a classifier model file. */
    public static ParameterizedRatioClassifier load(Path path, LoadOptions options) {
        return fromContents(ModelFile.read(path, KIND, options.signatures()), options, path.toString());
    }

    static ParameterizedRatioClassifier fromContents(ModelFile.Contents contents, LoadOptions options, String source) {
        ModelManifest m = contents.manifest();
        if (!KIND.equals(m.kind())) {
            throw new MalformedDataException(source + ": expected a '" + KIND + "' model but found kind '" + m.kind() + "'");
        }
        MlpSpec spec = m.architectureAs(MlpSpec.class);
        Settings settings = m.settingsAs(Settings.class);
        Standardizer scaler = m.standardizer("input");
        Mlp network = Mlp.load(spec, options.device(), DataType.FLOAT32, contents.parameters());
        try {
            return new ParameterizedRatioClassifier(m.dimensions(), network, scaler, settings, m.ranges(),
                    options.rangePolicy(), m.provenance(), m.curve(), DEFAULT_TILE_ROWS);
        } catch (InvalidInputException e) {
            network.close();
            throw new MalformedDataException(source + ": inconsistent classifier model file: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelFile.Contents contents() {
        requireOpen();
        ModelManifest manifest = ModelManifest.of(KIND, parts.dimensions(), network.spec(), Map.of("input", scaler),
                parts.ranges(), parts.provenance(), parts.curve(), settings);
        return new ModelFile.Contents(manifest, network.parameters());
    }

    /**
     * A copy of this classifier evaluated through another calibration (and without normalization). The
     * copy owns new native memory (the network, copied), apart from this one's: close both.
     */
    public ParameterizedRatioClassifier copyWithCalibration(ScoreCalibration calibration) {
        return copy(new Settings(settings.form(), calibration, null), parts.policy(), network.dataType());
    }

    /**
     * A copy of this classifier with a normalization (null for none). The copy owns new native memory
     * (the network, copied), apart from this one's: close both.
     */
    public ParameterizedRatioClassifier copyWithNormalization(EvidenceNormalization normalization) {
        return copy(new Settings(settings.form(), settings.calibration(), normalization), parts.policy(), network.dataType());
    }

    /**
     * Fits the {@link EvidenceNormalization} of this classifier's current (calibrated, un-normalized)
     * log-ratio on {@code nodes} (see {@link EvidenceNormalization#nodes}).
     *
     * @param referenceEvents for a φ node, K events simulated from p(x | φ) with θ from the training prior
     */
    public EvidenceNormalization fitNormalization(org.robotphysicist.data.RegularGrid nodes,
            java.util.function.Function<double[], Matrix> referenceEvents) {
        requireOpen();
        return EvidenceNormalization.fit(nodes, parts.dimensions().thetaDim(), referenceEvents, this::calibrated,
                tileRows);
    }

    /** The normalization subtracted at evaluation, or null. */
    public EvidenceNormalization normalization() {
        return settings.normalization();
    }

    /**
     * A copy of this classifier with another range policy. The copy owns new native memory (the network,
     * copied), apart from this one's: close both.
     */
    public ParameterizedRatioClassifier copyWithRangePolicy(RangePolicy rangePolicy) {
        return copy(settings, rangePolicy, network.dataType());
    }

    /**
     * A copy of this classifier with its network in float32 or float64 (a float64 copy serves as a
     * numerical reference). The copy owns new native memory, apart from this one's: close both.
     */
    public ParameterizedRatioClassifier copyWithDataType(DataType dataType) {
        return copy(settings, parts.policy(), dataType);
    }

    private ParameterizedRatioClassifier copy(Settings s, RangePolicy p, DataType dataType) {
        requireOpen();
        return new ParameterizedRatioClassifier(parts.dimensions(), network.copy(dataType), scaler, s, parts.ranges(),
                p, parts.provenance(), parts.curve(), tileRows);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean isNormalized() {
        return false;
    }

    /** The normalization table's {@link EvidenceNormalization#sizeWarning}, when it has one. */
    @Override
    public java.util.List<String> eventCountWarnings(long events) {
        EvidenceNormalization norm = settings.normalization();
        return norm == null ? java.util.List.of() : norm.sizeWarning(events).stream().toList();
    }

    @Override
    public TrainedParts parts() {
        return parts;
    }

    /** The training form: which log-ratio the logit estimates. */
    public RatioForm form() {
        return settings.form();
    }

    /** The calibration applied to the logits (identity when none). */
    public ScoreCalibration calibration() {
        return settings.calibration();
    }

    /** The network; read it, do not close or train it (the classifier owns it). */
    public Mlp network() {
        return network;
    }

    /** The standardizer of the (x, θ, φ) input columns, in that order. */
    public Standardizer inputStandardizer() {
        return scaler;
    }

    /** The input columns [from, to) holding {@code role}: x first, then θ, then φ. */
    public int[] columns(ColumnRole role) {
        Dimensions dims = parts.dimensions();
        int dx = dims.xDim();
        int dt = dims.thetaDim();
        return switch (role) {
            case X -> new int[] {0, dx};
            case THETA -> new int[] {dx, dx + dt};
            case PHI -> new int[] {dx + dt, dx + dt + dims.phiDim()};
        };
    }

    /** Rows per device tile. */
    public int tileRows() {
        return tileRows;
    }

    @Override
    public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
        requireOpen();
        SurrogateArguments.requireRowShapes(this, x, theta, phi);
        parts.ranges().enforce(parts.policy(), KIND, x, theta, phi);
        return normalized(x, theta, phi);
    }

    /**
     * Σ<sub>i</sub> log r̂(x<sub>i</sub>, θ<sub>j</sub>, φ) per grid point, validated once (ranges
     * per the {@link RangePolicy}) and evaluated in tiles of whole grid points.
     */
    @Override
    public double[] summedLogLikelihood(Matrix events, Matrix thetaGrid, double[] phi) {
        requireOpen();
        SurrogateArguments.requireGridShapes(this, events, thetaGrid, phi);
        parts.ranges().enforceGrid(parts.policy(), KIND, events, thetaGrid, phi);
        return GridSums.sum(events, thetaGrid, phi, tileRows, this::normalized);
    }

    /**
     * The classifier's grid path: the device-tiled evaluator with the first layer split
     * ({@link SplitMlpGridEvaluator#automatic}).
     */
    @Override
    public GridEvaluator gridEvaluator(Cancellation cancellation) {
        return SplitMlpGridEvaluator.automatic(this, cancellation);
    }

    private double[] normalized(Matrix x, Matrix theta, Matrix phi) {
        double[] out = calibrated(x, theta, phi);
        subtractLogZ(out, theta, phi, 1);
        return out;
    }

    /**
     * out[b] −= w · log Ẑ(θ<sub>b</sub>, φ<sub>b</sub>) for every row b, log Ẑ computed once per
     * run of equal (θ, φ) rows; nothing without a normalization. With w = 1 it normalizes
     * row-aligned log-ratios; with w = N, sums over N events at one (θ<sub>j</sub>, φ) per row.
     */
    void subtractLogZ(double[] out, Matrix theta, Matrix phi, double weight) {
        EvidenceNormalization norm = settings.normalization();
        if (norm != null) {
            double[] t = new double[parts.dimensions().thetaDim()];
            double[] p = new double[parts.dimensions().phiDim()];
            double[] lastT = null;
            double[] lastP = null;
            double logZ = 0;
            for (int b = 0; b < out.length; b++) {
                theta.copyRow(b, t);
                phi.copyRow(b, p);
                if (lastT == null || !java.util.Arrays.equals(t, lastT) || !java.util.Arrays.equals(p, lastP)) {
                    logZ = norm.logZ(t, p);
                    lastT = t.clone();
                    lastP = p.clone();
                }
                out[b] -= weight * logZ;
            }
        }
    }

    private double[] calibrated(Matrix x, Matrix theta, Matrix phi) {
        float[] logits = rawLogits(x, theta, phi);
        double[] out = new double[logits.length];
        settings.calibration().apply(logits, out);
        return out;
    }

    /** True when the calibration is the identity: the logits are the log-ratios. */
    boolean calibrationIsIdentity() {
        return settings.calibration().kind() == CalibrationMethod.NONE;
    }

    /** The calibrated log-ratio g(s) of every float64 score s, in place. */
    void calibrateInPlace(double[] scores) {
        ScoreCalibration g = settings.calibration();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = g.logRatio(scores[i]);
        }
    }

    /**
     * The raw network scores s(x<sub>b</sub>, θ<sub>b</sub>, φ<sub>b</sub>), before calibration;
     * same validation as {@link #logLikelihood}.
     */
    public float[] logits(Matrix x, Matrix theta, Matrix phi) {
        requireOpen();
        SurrogateArguments.requireRowShapes(this, x, theta, phi);
        parts.ranges().enforce(parts.policy(), KIND, x, theta, phi);
        return rawLogits(x, theta, phi);
    }

    private float[] rawLogits(Matrix x, Matrix theta, Matrix phi) {
        int rows = x.rows();
        float[] out = new float[rows];
        for (int r0 = 0; r0 < rows; r0 += tileRows) {
            int r1 = Math.min(rows, r0 + tileRows);
            try (NDManager tile = network.newSubManager()) {
                NDArray input = standardizedTile(tile, x, theta, phi, r0, r1);
                float[] s = network.forward(input).toType(DataType.FLOAT32, false).toFloatArray();
                System.arraycopy(s, 0, out, r0, s.length);
            }
        }
        return out;
    }

    private NDArray standardizedTile(NDManager m, Matrix x, Matrix theta, Matrix phi, int r0, int r1) {
        double[] mean = scaler.mean();
        double[] scale = scaler.scale();
        int d = scaler.dim();
        int dx = parts.dimensions().xDim();
        int dt = parts.dimensions().thetaDim();
        double[] z = new double[(r1 - r0) * d];
        for (int r = r0; r < r1; r++) {
            int o = (r - r0) * d;
            for (int j = 0; j < d; j++) {
                double v = j < dx ? x.get(r, j) : j < dx + dt ? theta.get(r, j - dx) : phi.get(r, j - dx - dt);
                z[o + j] = (v - mean[j]) / scale[j];
            }
        }
        Shape shape = new Shape(r1 - r0, d);
        if (network.dataType() == DataType.FLOAT64) {
            return AlignedArrays.of(m, z, shape);
        }
        float[] f = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            f[i] = (float) z[i];
        }
        return AlignedArrays.of(m, f, shape);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("ratio classifier: expected an open classifier but it was closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        network.close();
    }

    @Override
    public String toString() {
        return "ParameterizedRatioClassifier(" + network.spec() + ", " + settings.form() + ", calibration "
                + settings.calibration().kind() + ", " + (settings.normalization() == null ? "not normalized"
                        : settings.normalization()) + ", theta " + parts.ranges().theta() + ", phi "
                        + parts.ranges().phi() + ")";
    }
}
