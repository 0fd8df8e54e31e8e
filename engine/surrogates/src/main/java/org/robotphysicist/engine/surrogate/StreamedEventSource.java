package org.robotphysicist.engine.surrogate;

import java.util.Map;
import java.util.Objects;
import org.robotphysicist.data.BoundingBox;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.dataset.DatasetSchema;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.training.data.SimulatedTrainingSet;

/**
 * Labelled events (x, θ, φ) too many to hold in memory — a Parquet dataset as
 * {@code rp simulate --spark} writes it, say — read block by block ({@link EventBlocks}): one pass
 * when the source is opened checks every row and finds the ranges, and the neural kinds then read
 * the blocks once per epoch, never holding more than a pool of rows
 * ({@link org.robotphysicist.training.TrainingLoop#STREAM_BUFFER_ROWS}) besides the validation
 * rows. Otherwise as {@link EventFileSource}: with a simulator the columns must carry its names and
 * every row must lie in its domains (refused naming the block and event); without one the names come
 * from the columns and the domains are unbounded.
 *
 * @param blocks     the rows; the caller owns them and closes them after training
 * @param dimensions the names of θ, φ and x
 * @param simulator  the simulator that names and bounds the problem, or null
 * @param rows       N, the rows in all blocks
 * @param thetaRows  the bounding box of the rows' θ: the surrogate's θ range
 * @param phiRows    the bounding box of the rows' φ: the surrogate's φ range
 * @param xRows      the bounding box of the rows' x
 */
public record StreamedEventSource(EventBlocks blocks, Dimensions dimensions, Simulator simulator, long rows,
        Box thetaRows, Box phiRows, Box xRows) implements GivenEvents {

    public StreamedEventSource {
        Objects.requireNonNull(blocks, "event blocks");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(thetaRows, "theta bounding box");
        Objects.requireNonNull(phiRows, "phi bounding box");
        Objects.requireNonNull(xRows, "x bounding box");
    }

    /**
     * Opens {@code blocks} as a training source: reads every block once, checking the columns (the
     * simulator's names, or any names with θ columns when {@code simulator} is null), every row
     * against the simulator's domains, at least {@value EventFileSource#MIN_ROWS} rows and a θ that
     * varies; and finds the bounding boxes.
     *
     * @throws org.robotphysicist.data.MalformedDataException naming the block and event at fault
     * @throws InvalidInputException when there are too few rows or θ does not vary
     */
    public static StreamedEventSource scan(EventBlocks blocks, Simulator simulator) {
        DatasetSchema expected = simulator == null ? null : DatasetSchema.labelled(simulator.dimensions());
        String first = blocks.blockCount() > 0 ? blocks.describeBlock(0) : String.valueOf(blocks.files());
        DatasetSchema schema = EventFileSource.requireHeader(first, blocks.schema(), expected, simulator, first);
        Dimensions dims = simulator != null ? simulator.dimensions()
                : new Dimensions(schema.thetaNames(), schema.phiNames(), schema.xNames());
        BoundingBox theta = new BoundingBox(dims.thetaDim());
        BoundingBox phi = new BoundingBox(dims.phiDim());
        BoundingBox x = new BoundingBox(dims.xDim());
        long rows = 0;
        for (int b = 0; b < blocks.blockCount(); b++) {
            EventDataset block = blocks.block(b);
            if (simulator != null) {
                String origin = blocks.describeBlock(b);
                EventFileSource.requireInside(origin, 0, "theta", block.theta(), simulator.thetaDomain());
                EventFileSource.requireInside(origin, 0, "phi", block.phi(), simulator.phiDomain());
                EventFileSource.requireInside(origin, 0, "x", block.x(), simulator.xSupport());
            }
            theta.add(block.theta());
            phi.add(block.phi());
            x.add(block.x());
            rows += block.size();
        }
        if (rows < EventFileSource.MIN_ROWS) {
            throw new InvalidInputException("event blocks " + blocks.files() + ": expected at least "
                    + EventFileSource.MIN_ROWS + " events to train on but found " + rows);
        }
        Box thetaBox = theta.box();
        EventFileSource.requireVaryingTheta(blocks.files(), dims, thetaBox);
        return new StreamedEventSource(blocks, dims, simulator, rows, thetaBox, phi.box(), x.box());
    }

    @Override
    public Box thetaRange() {
        return thetaRows;
    }

    @Override
    public Box phiRange() {
        return phiRows;
    }

    @Override
    public TrainedRanges trainedRanges() {
        return new TrainedRanges(thetaRows, phiRows, SimulatedTrainingSet.xRange(xSupport(), xRows));
    }

    @Override
    public Map<String, Object> provenanceConfig() {
        Map<String, Object> out = EventFileSource.provenance(blocks.files(), rows, simulator);
        out.put("eventBlocks", blocks.blockCount());
        return out;
    }

    @Override
    public Map<String, String> sha256() {
        return blocks.sha256();
    }

    @Override
    public String describe() {
        return rows + " events streamed from " + (blocks.files().size() == 1 ? blocks.files().get(0)
                : blocks.files().size() + " event files") + " in " + blocks.blockCount() + " block(s)";
    }
}
