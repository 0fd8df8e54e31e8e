package org.robotphysicist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;

/** Display names: one per component for every built-in simulator, and labels "display [unit]". */
class DisplayNamesTest {

    @Test
    void everyBuiltInSimulatorNamesEachComponentAndAgreesWithItsThetaUnits() {
        for (SimulatorRegistry.Entry e : SimulatorRegistry.builtIns().entries()) {
            Simulator s = e.factory().get();
            DisplayNames d = s.displayNames().requireFits(s.name(), s.dimensions());
            assertEquals(s.thetaUnits(), d.thetaUnits(), s.name() + ": theta units and display units differ");
        }
    }

    @Test
    void theNamedSimulatorsShowTheirPhysicsSymbolsAndUnits() {
        SimulatorRegistry r = SimulatorRegistry.builtIns();
        DisplayNames z = r.create("z-lineshape").displayNames();
        assertEquals(List.of("M_Z [GeV]", "Γ_Z [GeV]", "sin²θ_eff"), z.thetaLabels());
        assertEquals(List.of("√s [GeV]"), z.phiLabels());
        assertEquals(List.of("cos θ*", "acollinearity ξ [rad]", "m_μμ/√s"), z.xLabels());
        DisplayNames w = r.create("weinberg-lo").displayNames();
        assertEquals(List.of("sin²θ_W"), w.thetaLabels());
        assertEquals(List.of("√s [GeV]"), w.phiLabels());
        assertEquals(List.of("μ"), r.create("toy-gaussian").displayNames().thetaLabels());
    }

    @Test
    void labelsAndRefusals() {
        assertEquals("E [GeV]", new DisplayNames.Quantity(" E ", " GeV ").label());
        assertEquals("c", new DisplayNames.Quantity("c", null).label());
        assertThrows(InvalidInputException.class, () -> new DisplayNames.Quantity(" ", "GeV"));
        Dimensions dims = Dimensions.of("a", "b", "c");
        DisplayNames plain = DisplayNames.plain(dims, List.of("m"));
        assertEquals(List.of("a [m]"), plain.thetaLabels());
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> plain.requireFits("test", new Dimensions(List.of("a", "z"), List.of("b"), List.of("c"))));
        assertTrue(e.getMessage().contains("expected (theta, phi, x) display names for dimensions (2, 1, 1) but found"
                + " (1, 1, 1)"), e.getMessage());
    }
}
