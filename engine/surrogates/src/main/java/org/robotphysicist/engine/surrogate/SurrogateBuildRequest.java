package org.robotphysicist.engine.surrogate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingProgress;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Everything any {@link SurrogateKindProvider} is built from: a surrogate of the source's likelihood
 * p(x | θ, φ) valid for θ in {@link #thetaRange()} and φ in {@code phiBoxes}: one setting (a box
 * with lower = upper), a range, or a union of several disjoint ranges (e.g. two beam-energy
 * windows). From a simulator, neural kinds train on rows with θ drawn from {@link #thetaSampler()}
 * (the prior, or the source's proposal) and φ drawn uniformly over the boxes per row, each box in
 * proportion to its volume (fixed where the box is a point), conditioned on (θ, φ), and record every
 * box; tabulated kinds cover {@link #thetaRange()} × {@link #phiBox()} (the bounding box) with a
 * grid. From event files ({@link GivenEvents}, in memory or streamed) neural kinds train on the files' rows as they
 * are, and kinds that must run a simulator refuse them.
 *
 * @param source              where the surrogate learns from
 * @param thetaPrior          the prior on θ; simulated training θ are drawn from it unless the source names a
 *                            proposal ({@link TrainingSource.Simulated#proposal()}); its bounded working range
 *                            ({@link PriorRange}) or the proposal, inside the simulator's θ domain, is the
 *                            surrogate's θ range. Rows of event files carry their own θ.
 * @param phiBoxes            the φ setting, range or ranges the surrogate must cover ({@link BoxUnion}: at least
 *                            one box, disjoint), inside the simulator's φ domain (inside the event files' φ range
 *                            for that source); one empty box where experiments have no setting
 * @param training            rows, epochs, optimizer, network, validation and seed ({@link SurrogateTrainingConfig})
 * @param histogram           cells, events per cell and bins of a tabulated histogram (other kinds ignore it)
 * @param eventsPerExperiment N, the events one observed experiment holds: the posterior multiplies N
 *                            per-event likelihoods, and kinds that must be normalized per θ size the
 *                            normalization for it
 * @param device              where a neural kind trains ({@code auto}, {@code cpu}, {@code gpu[:N]})
 * @param log                 progress lines for the user (null: none)
 * @param progress            progress of long stages (null: silent)
 */
public record SurrogateBuildRequest(TrainingSource source, Prior thetaPrior, List<Box> phiBoxes, SurrogateTrainingConfig training,
        HistogramGridConfig histogram, int eventsPerExperiment, DeviceRequest device, Consumer<String> log,
        ProgressReporter progress) {

    public SurrogateBuildRequest {
        Objects.requireNonNull(source, "training source");
        Objects.requireNonNull(thetaPrior, "theta prior");
        Objects.requireNonNull(phiBoxes, "phi boxes");
        phiBoxes = List.copyOf(phiBoxes);
        Objects.requireNonNull(training, "training controls");
        Objects.requireNonNull(histogram, "histogram settings");
        Objects.requireNonNull(device, "device");
        Require.positive("events per experiment", eventsPerExperiment);
        log = log == null ? line -> { } : log;
        progress = progress == null ? ProgressReporter.silent() : progress;
        var dims = source.dimensions();
        if (phiBoxes.isEmpty()) {
            throw new InvalidInputException("surrogate request for " + source.describe() + ": expected at least one"
                    + " phi box but found none");
        }
        for (Box phiBox : phiBoxes) {
            if (thetaPrior.dim() != dims.thetaDim() || phiBox.dim() != dims.phiDim()) {
                throw new DimensionMismatchException("surrogate request for " + source.describe() + ": expected a"
                        + " theta prior of dimension " + dims.thetaDim() + " " + dims.thetaNames() + " and a phi box of"
                        + " dimension " + dims.phiDim() + " " + dims.phiNames() + " but found " + thetaPrior.dim()
                        + " and " + phiBox.dim());
            }
            if (source instanceof GivenEvents files) {
                if (!phiBox.within(files.phiRange())) {
                    throw new OutOfSupportException("surrogate phi range: expected a box inside the phi range of the"
                            + " event files " + files.phiRange() + " but found " + phiBox);
                }
            } else if (!phiBox.isBounded() || !phiBox.within(source.phiDomain())) {
                throw new OutOfSupportException("surrogate phi range: expected a bounded box inside the simulator's"
                        + " phi domain " + source.phiDomain() + " but found " + phiBox);
            }
        }
        new BoxUnion(phiBoxes); // one dimension, disjoint, drawable in proportion to volume
        if (!(source instanceof GivenEvents)) {
            Box range = source instanceof TrainingSource.Simulated s && s.proposal() != null ? s.proposal()
                    : PriorRange.of(thetaPrior, source.thetaDomain());
            if (!range.within(source.thetaDomain())) {
                throw new OutOfSupportException("surrogate theta range: expected a box inside the simulator's theta"
                        + " domain " + source.thetaDomain() + " but found " + range);
            }
        }
    }

    /** A request for φ in the one box {@code phiBox} (a setting or a range). */
    public SurrogateBuildRequest(TrainingSource source, Prior thetaPrior, Box phiBox, SurrogateTrainingConfig training,
            HistogramGridConfig histogram, int eventsPerExperiment, DeviceRequest device, Consumer<String> log,
            ProgressReporter progress) {
        this(source, thetaPrior, List.of(Objects.requireNonNull(phiBox, "phi box")), training, histogram,
                eventsPerExperiment, device, log, progress);
    }

    /** The φ boxes as a union. */
    public BoxUnion phiUnion() {
        return new BoxUnion(phiBoxes);
    }

    /** The φ box to cover: the one box, or the bounding box of several (tabulated kinds grid it whole). */
    public Box phiBox() {
        return phiUnion().bounds();
    }

    /**
     * A request with the uniform prior over {@code thetaRange}, φ in {@code phiBox}, {@code training},
     * {@link HistogramGridConfig#defaults()}, experiments of 1 000 events, device auto, silent.
     */
    public static SurrogateBuildRequest of(Simulator simulator, Box thetaRange, Box phiBox, SurrogateTrainingConfig training) {
        return new SurrogateBuildRequest(TrainingSource.of(simulator), new UniformBoxPrior(thetaRange), phiBox,
                training, HistogramGridConfig.defaults(), 1_000, DeviceRequest.AUTO, null, null);
    }

    /**
     * The simulator of the source, for kinds that run it.
     *
     * @throws InvalidInputException when the source is event files without a simulator
     */
    public Simulator simulator() {
        return source.simulatorIfAny().orElseThrow(() -> new InvalidInputException("surrogate: this kind runs a"
                + " simulator but the training source is " + source.describe() + " without one; name the simulator"
                + " the events came from, or choose classifier, maf or nsf"));
    }

    /** Whether the training rows are given event files rather than simulated on demand. */
    public boolean fromEventFiles() {
        return source instanceof GivenEvents;
    }

    /**
     * The θ range the surrogate must cover: the proposal where one is named; the event files' θ
     * bounding box; otherwise the prior's bounded working range ({@link PriorRange}: its support, or a
     * normal prior's μ ± {@value PriorRange#NORMAL_SDS} σ).
     */
    public Box thetaRange() {
        if (source instanceof GivenEvents files) {
            return files.thetaRange();
        }
        if (source instanceof TrainingSource.Simulated s && s.proposal() != null) {
            return s.proposal();
        }
        return PriorRange.of(thetaPrior, source.thetaDomain());
    }

    /** Whether φ is one setting rather than a range. */
    public boolean phiIsPoint() {
        return phiBoxes.size() == 1 && Arrays.equals(phiBoxes.get(0).lower(), phiBoxes.get(0).upper());
    }

    /**
     * Where simulated training θ come from: uniform over the proposal where one is named, else the
     * prior — restricted to {@link #thetaRange()} where its support is unbounded (a normal prior
     * truncated to μ ± {@value PriorRange#NORMAL_SDS} σ). Its {@code toString} names both, for the
     * model's provenance.
     */
    public ParameterSampler thetaSampler() {
        if (source instanceof TrainingSource.Simulated s && s.proposal() != null) {
            return named(ParameterSampler.of(new UniformBoxPrior(s.proposal())), "proposal Uniform" + s.proposal()
                    + " (prior " + thetaPrior + ")");
        }
        if (!(thetaPrior instanceof NormalPrior normal)) {
            return ParameterSampler.of(thetaPrior); // PriorRange refused unbounded ones
        }
        Box range = thetaRange();
        return named(ParameterSampler.of(new NormalPrior(normal.mean(), normal.sd(), range)), "prior " + thetaPrior
                + " truncated to " + range);
    }

    /** {@code sampler} with {@code description} as its {@code toString}. */
    private static ParameterSampler named(ParameterSampler sampler, String description) {
        return new ParameterSampler() {
            @Override
            public int dim() {
                return sampler.dim();
            }

            @Override
            public Box range() {
                return sampler.range();
            }

            @Override
            public Matrix sample(int n, SplittableRandom rng) {
                return sampler.sample(n, rng);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /**
     * Where training φ come from: the one setting, or uniform over the box (one fresh draw per
     * parameter draw, so a neural kind learns p(x | θ, φ) across the whole range). Where only some
     * components of the box are flat those stay fixed. Over several boxes, uniform over their union
     * ({@link BoxUnion#sample}), which the trained surrogate records.
     */
    public ParameterSampler phiSampler() {
        if (phiBoxes.size() > 1) {
            return ParameterSampler.uniformOver(phiUnion());
        }
        Box phiBox = phiBoxes.get(0);
        if (phiIsPoint()) {
            return ParameterSampler.fixed(phiBox.lower());
        }
        for (int d = 0; d < phiBox.dim(); d++) {
            if (phiBox.lower(d) == phiBox.upper(d)) {
                return ParameterSampler.uniformOver(BoxUnion.of(phiBox)); // the flat components stay fixed
            }
        }
        return ParameterSampler.of(new UniformBoxPrior(phiBox));
    }

    /**
     * Training progress as lines on {@link #log}: stages, epoch ends, and within an epoch the
     * trainer's periodic reports (every 2 s) with the epoch's remaining time,
     * (epochRows − rows) / rowsPerSecond.
     */
    public ProgressListener trainingListener() {
        return p -> {
            if (p.stage() != TrainingProgress.Stage.BATCHES) {
                log.accept("  " + p.message());
            } else if (p.rowsPerSecond() > 0) {
                log.accept(String.format(java.util.Locale.ROOT, "  %s, ETA %.0f s for this epoch", p.message(),
                        (p.epochRows() - p.rows()) / p.rowsPerSecond()));
            }
        };
    }

    /** The same request for rows from {@code s} (the prior, settings and controls unchanged). */
    public SurrogateBuildRequest withSource(TrainingSource s) {
        return new SurrogateBuildRequest(s, thetaPrior, phiBoxes, training, histogram, eventsPerExperiment, device, log,
                progress);
    }

    public SurrogateBuildRequest withTraining(SurrogateTrainingConfig t) {
        return new SurrogateBuildRequest(source, thetaPrior, phiBoxes, t, histogram, eventsPerExperiment, device, log,
                progress);
    }

    public SurrogateBuildRequest withHistogram(HistogramGridConfig h) {
        return new SurrogateBuildRequest(source, thetaPrior, phiBoxes, training, h, eventsPerExperiment, device, log,
                progress);
    }

    public SurrogateBuildRequest withEventsPerExperiment(int n) {
        return new SurrogateBuildRequest(source, thetaPrior, phiBoxes, training, histogram, n, device, log, progress);
    }

    public SurrogateBuildRequest withDevice(DeviceRequest d) {
        return new SurrogateBuildRequest(source, thetaPrior, phiBoxes, training, histogram, eventsPerExperiment, d, log,
                progress);
    }

    public SurrogateBuildRequest reporting(Consumer<String> lines, ProgressReporter reporter) {
        return new SurrogateBuildRequest(source, thetaPrior, phiBoxes, training, histogram, eventsPerExperiment, device,
                lines, reporter);
    }
}
