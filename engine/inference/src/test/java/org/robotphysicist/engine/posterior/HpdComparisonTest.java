package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

/** When the HPD region is shown beside the central interval: several intervals, or an end moved by > 10% of the width. */
class HpdComparisonTest {
    /** A marginal on [0, 1] with 1000 equal cells whose masses follow {@code density} at the cell centres. */
    static Marginal marginal(DoubleUnaryOperator density) {
        int k = 1000;
        double[] values = new double[k];
        double[] edges = new double[k + 1];
        double[] masses = new double[k];
        for (int i = 0; i <= k; i++) {
            edges[i] = i / (double) k;
        }
        for (int i = 0; i < k; i++) {
            values[i] = (i + 0.5) / k;
            masses[i] = density.applyAsDouble(values[i]);
        }
        return new Marginal("t", values, edges, masses, 0, 1);
    }

    @Test
    void theThresholdIsTenPercentOfTheCentralWidthAtEitherEnd() {
        CredibleInterval central = new CredibleInterval("t", 0.68, 0.0, 1.0);
        assertFalse(HpdComparison.differsMaterially(central, List.of(new CredibleInterval("t", 0.68, 0.09, 0.95))));
        assertTrue(HpdComparison.differsMaterially(central, List.of(new CredibleInterval("t", 0.68, 0.11, 1.0))));
        assertTrue(HpdComparison.differsMaterially(central, List.of(new CredibleInterval("t", 0.68, 0.0, 0.89))));
    }

    @Test
    void aSymmetricPosteriorShowsNoHpdAndASkewedOneDoes() {
        Marginal normal = marginal(t -> Math.exp(-0.5 * Math.pow((t - 0.5) / 0.1, 2)));
        for (double level : new double[] {0.68, 0.95}) {
            assertFalse(HpdComparison.differsMaterially(normal.centralInterval(level), normal.hpdRegion(level)),
                    "normal at " + level + ": central " + normal.centralInterval(level) + ", HPD "
                            + normal.hpdRegion(level));
        }
        // Exponential with scale 0.1 against the prior's edge at 0: the HPD interval is [0, Q(0.68)] = [0, 0.114],
        // the central one [Q(0.16), Q(0.84)] = [0.017, 0.183]; the upper ends differ by 0.069 = 42% of the width.
        Marginal skewed = marginal(t -> Math.exp(-t / 0.1));
        CredibleInterval central = skewed.centralInterval(0.68);
        List<CredibleInterval> hpd = skewed.hpdRegion(0.68);
        assertEquals(1, hpd.size(), hpd.toString());
        assertEquals(0.0, hpd.get(0).lower(), 1e-3, hpd.toString());
        assertEquals(0.114, hpd.get(0).upper(), 2e-3, hpd.toString());
        assertTrue(HpdComparison.differsMaterially(central, hpd), "central " + central + ", HPD " + hpd);
    }

    @Test
    void aBimodalPosteriorShowsItsHpdRegionAsAUnion() {
        Marginal bimodal = marginal(t -> Math.exp(-0.5 * Math.pow((t - 0.25) / 0.04, 2))
                + Math.exp(-0.5 * Math.pow((t - 0.75) / 0.04, 2)));
        CredibleInterval central = bimodal.centralInterval(0.68);
        List<CredibleInterval> hpd = bimodal.hpdRegion(0.68);
        assertEquals(2, hpd.size(), "one interval per mode: " + hpd);
        assertTrue(HpdComparison.differsMaterially(central, hpd), "central " + central + ", HPD " + hpd);
        String text = HpdComparison.format(hpd, 3);
        assertTrue(text.matches("\\[0\\.2[0-9]{2}, 0\\.2[0-9]{2}\\] U \\[0\\.7[0-9]{2}, 0\\.7[0-9]{2}\\]"), text);
    }

    @Test
    void anEmptyRegionOrAnotherLevelIsRefused() {
        CredibleInterval central = new CredibleInterval("t", 0.68, 0, 1);
        assertThrows(InvalidInputException.class, () -> HpdComparison.differsMaterially(central, List.of()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HpdComparison.differsMaterially(
                central, List.of(new CredibleInterval("t", 0.95, 0, 1))));
        assertTrue(e.getMessage().contains("expected the central interval's level 0.68 but found [0.95]"),
                e.getMessage());
    }
}
