package org.robotphysicist.engine.design.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.ForwardingSurrogate;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The designer announces every round to its listeners — in order, once its own state holds what it
 * announces — and writes nothing itself; a listener's failure stops the run with the listener's
 * exception, the round staying recorded.
 */
class RoundListenerTest {
    private static final TwoMeansToySimulator TOY = new TwoMeansToySimulator();
    private static final double[] HIDDEN = {0.5, -1.0};

    /** θ ∈ [−3, 3]², φ ∈ [0, 1], 50 events per round, 2 rounds on a 31² grid, exact likelihood, 4 EIG estimates. */
    private static DesignConfig quick() {
        return DesignConfig.defaults(new Box(new double[] {-3, -3}, new double[] {3, 3}), Box.interval(0, 1))
                .withExperiment(ExperimentSpec.events(50)).withRounds(2).withGridPoints(31).withEig(8, 4, 2)
                .withVerifications(0).withSurrogate("exact", HistogramGridConfig.defaults()).withSeed(3);
    }

    private static SimulatedExperimentRunner runner(DesignConfig c) {
        return new SimulatedExperimentRunner(TOY, c.experiment().toExperiment(), HIDDEN);
    }

    /** Notes every call, checking that the designer already holds what it announces. */
    private static final class Journal implements RoundListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void proposed(ExperimentDesigner designer, RoundProposal proposal) {
            assertEquals(proposal.round() - 1, designer.rounds().size(), "rounds done when round " + proposal.round()
                    + " is proposed");
            calls.add("proposed " + proposal.round());
        }

        @Override
        public void recorded(ExperimentDesigner designer, DesignRound round, Matrix events, GridPosterior posterior) {
            assertEquals(round, designer.rounds().get(designer.rounds().size() - 1), "the last round is the one told");
            assertSame(posterior, designer.posterior().orElseThrow(), "the posterior told is the designer's");
            assertEquals(round.round(), designer.history().rounds().size(), "the history holds the round told");
            assertEquals(round.events(), events.rows(), "events told");
            calls.add("recorded " + round.round());
        }

        @Override
        public void finished(ExperimentDesigner designer, DesignHistory history) {
            assertEquals(designer.config().rounds(), history.rounds().size(), "rounds in the finished history");
            calls.add("finished");
        }

        @Override
        public Map<String, Object> provenance() {
            return Map.of("journal", "kept");
        }
    }

    /**
     * With an output directory but no listener the designer writes nothing there; the listeners hear
     * each proposal, each recorded round and the end, in that order, and their provenance entries
     * reach the history.
     */
    @Test
    void theDesignerTellsItsListenersInOrderAndWritesNothingItself(@TempDir Path dir) throws IOException {
        DesignConfig c = quick();
        Journal journal = new Journal();
        List<String> log = new ArrayList<>();
        DesignOptions options = new DesignOptions(log::add, ProgressReporter.silent(), dir, DeviceRequest.AUTO,
                PosteriorEvaluator::forSurrogate, List.of(journal));
        DesignHistory h = ExperimentDesigner.start(c, TOY, runner(c), options).run();
        assertEquals(List.of("proposed 1", "recorded 1", "proposed 2", "recorded 2", "finished"), journal.calls);
        assertEquals("kept", h.provenance().config().get("journal"), "the listener's provenance entry");
        assertTrue(DesignFiles.recordedPlots(h).isEmpty(), "no files, so nothing recorded about plots: "
                + h.provenance().config());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("round 2/2: 50 events at w = ")),
                () -> "the round's log line comes without any listener: " + log);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "files the designer wrote without listeners");
        }
    }

    /**
     * The round's log passes on the surrogate's own warnings about the events at the round's setting,
     * pooled over every round there so far: a surrogate sized for 40 events warns in each round of
     * 50, naming that round's pooled count.
     */
    @Test
    void theRoundLogPassesOnTheSurrogatesEventCountWarnings() {
        DesignConfig c = quick();
        List<String> log = new ArrayList<>();
        DesignOptions options = new DesignOptions(log::add, ProgressReporter.silent());
        SizedFor40 surrogate = new SizedFor40(new ExactLikelihood(TOY, new Box(new double[] {-3, -3},
                new double[] {3, 3}), Box.interval(0, 1)));
        DesignHistory h;
        try (ExperimentDesigner d = ExperimentDesigner.start(c, TOY, surrogate, runner(c), options)) {
            h = d.run();
        }
        List<String> warned = log.stream().filter(l -> l.startsWith("warning: the rounds at ")).toList();
        assertEquals(2, warned.size(), log::toString);
        for (int r = 0; r < 2; r++) {
            double[] phi = h.rounds().get(r).phi();
            long pooled = h.rounds().subList(0, r + 1).stream().filter(x -> java.util.Arrays.equals(x.phi(), phi))
                    .mapToLong(DesignRound::events).sum();
            assertTrue(warned.get(r).endsWith("sized for 40 events but found " + pooled), warned.get(r));
        }
    }

    /** The exact likelihood, claiming to be sized for 40 events at one setting. */
    private record SizedFor40(ExactLikelihood delegate) implements ForwardingSurrogate {
        @Override
        public List<String> eventCountWarnings(long events) {
            return events > 40 ? List.of("sized for 40 events but found " + events) : List.of();
        }
    }

    /**
     * Refinement re-scores the recorded events on resume from the run's events files, so a refining
     * run whose output directory has no files listener is refused before any training.
     */
    @Test
    void aRefiningRunWithoutItsFilesIsRefused(@TempDir Path dir) throws IOException {
        DesignConfig refining = quick().withSurrogate("maf", HistogramGridConfig.defaults()).withRefinement(1_000);
        DesignOptions bare = new DesignOptions(line -> { }, ProgressReporter.silent(), dir, DeviceRequest.AUTO,
                PosteriorEvaluator::forSurrogate, List.of());
        var refused = assertThrows(InvalidInputException.class, () -> ExperimentDesigner.start(refining, TOY,
                runner(refining), bare));
        assertTrue(refused.getMessage().contains("expected the run's events and history written into the output"
                + " directory"), refused.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "files written before the refusal");
        }
    }

    /** A listener that throws stops the run with its own exception; the round stays recorded, later listeners unaware. */
    @Test
    void aFailingListenerStopsTheRunWithItsException() {
        DesignConfig c = quick();
        UncheckedIOException failure = new UncheckedIOException("disk full", new IOException("no space left"));
        Journal after = new Journal();
        RoundListener failing = new RoundListener() {
            @Override
            public void recorded(ExperimentDesigner designer, DesignRound round, Matrix events, GridPosterior p) {
                throw failure;
            }
        };
        ExperimentDesigner d = ExperimentDesigner.start(c, TOY, runner(c), DesignOptions.silent().withListener(failing)
                .withListener(after));
        UncheckedIOException thrown = assertThrows(UncheckedIOException.class, d::run);
        assertSame(failure, thrown, "the listener's exception, unchanged");
        assertEquals(1, d.rounds().size(), "round 1 stays recorded");
        assertEquals(List.of("proposed 1"), after.calls, "the listener after the failing one");
    }
}
