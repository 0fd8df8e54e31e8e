package org.robotphysicist.benchmarks.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The design benchmark's {@code --refine N} and {@code --fine-tune true|false}: read as given, bad values refused. */
class DesignRefinementOptionsTest {

    @Test
    void readsTheRowsAndTheSwitch() {
        assertEquals(SurrogateDesignBenchmark.Refinement.NONE, SurrogateDesignBenchmark.Refinement.of(0, "false"));
        assertEquals(new SurrogateDesignBenchmark.Refinement(1_000_000, true),
                SurrogateDesignBenchmark.Refinement.of(1_000_000, "true"));
        assertEquals(new SurrogateDesignBenchmark.Refinement(5_000, false),
                SurrogateDesignBenchmark.Refinement.of(5_000, "false"));
    }

    @Test
    void refusesNegativeRowsAnUnknownSwitchAndFineTuningWithoutRows() {
        assertEquals("--refine: expected the rows added per round (0: no refinement) but found -1",
                assertThrows(IllegalArgumentException.class,
                        () -> SurrogateDesignBenchmark.Refinement.of(-1, "false")).getMessage());
        assertEquals("--fine-tune: expected true or false but found yes", assertThrows(IllegalArgumentException.class,
                () -> SurrogateDesignBenchmark.Refinement.of(1000, "yes")).getMessage());
        assertEquals("--fine-tune: expected --refine N as well (the rows each round fine-tunes on) but found none",
                assertThrows(IllegalArgumentException.class,
                        () -> SurrogateDesignBenchmark.Refinement.of(0, "true")).getMessage());
    }
}
