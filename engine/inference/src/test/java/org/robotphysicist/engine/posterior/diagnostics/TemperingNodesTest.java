package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.ExactLikelihood;

/** Where the certifier fits κ along φ, and how many datasets each node gets. */
class TemperingNodesTest {
    private static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();

    @Test
    void nodesSpanTheSurrogatesPhiRangeEvenly() {
        var over = new ExactLikelihood(SIM, Box.interval(0.15, 0.35), Box.interval(40, 100));
        assertEquals(List.of(40.0, 55.0, 70.0, 85.0, 100.0),
                CalibrationCertifier.temperingNodes(over, new double[] {58}, 5));
        assertEquals(List.of(), CalibrationCertifier.temperingNodes(over, new double[] {58}, 1),
                "one node: kappa is fitted on the certificate's own datasets");
    }

    @Test
    void aSurrogateAtOneSettingIsTemperedFromTheCertificatesDatasets() {
        var atOne = new ExactLikelihood(SIM, Box.interval(0.15, 0.35), Box.interval(58, 58));
        assertEquals(List.of(), CalibrationCertifier.temperingNodes(atOne, new double[] {58}, 5));
    }

    @Test
    void eachNodeHasAQuarterOfTheCertificatesDatasetsAndAtLeastFifty() {
        assertEquals(250, CalibrationCertifier.nodeDatasets(1000));
        assertEquals(50, CalibrationCertifier.nodeDatasets(200));
        assertEquals(50, CalibrationCertifier.nodeDatasets(60));
        assertEquals(30, CalibrationCertifier.nodeDatasets(30), "never more than the certificate has");
    }

    @Test
    void nodeDatasetsHaveFiveTimesTheCertificatesEventsByDefault() {
        assertEquals(5000, CertificationConfig.defaults(1000).temperingEvents());
        assertEquals(20000, CertificationConfig.defaults(1000).withTemperingEvents(20000).temperingEvents());
        var e = assertThrows(InvalidInputException.class,
                () -> CertificationConfig.defaults(100).withTemperingEvents(0));
        assertTrue(e.getMessage().contains("expected at least 1 event per dataset") && e.getMessage().contains("found 0"),
                e.getMessage());
    }

    @Test
    void aNodeCountOutsideOneToSixtyFourIsRefused() {
        for (int bad : new int[] {0, -1, 65}) {
            var e = assertThrows(InvalidInputException.class,
                    () -> CertificationConfig.defaults(100).withTemperingNodes(bad));
            assertTrue(e.getMessage().contains("expected 1 to 64")
                    && e.getMessage().contains("found " + bad), e.getMessage());
        }
    }
}
