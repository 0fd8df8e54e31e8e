package org.robotphysicist.data.lhe;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * The {@code <init>} block: IDBMUP(1..2) EBMUP(1..2) PDFGUP(1..2) PDFSUP(1..2) IDWTUP NPRUP, then one
 * line XSECUP XERRUP XMAXUP LPRUP per process (Alwall et al., Comput. Phys. Commun. 176 (2007) 300).
 * Beam 1 moves along +z.
 */
public record LesHouchesInit(int beam1Id, int beam2Id, double beam1EnergyGeV, double beam2EnergyGeV, int pdfGroup1,
        int pdfGroup2, int pdfSet1, int pdfSet2, int weightingStrategy, List<Process> processes) {

    /** One process line: cross-section and its error in pb, the largest weight, and the process id. */
    public record Process(double crossSectionPb, double crossSectionErrorPb, double maxWeight, int processId) {
        public Process {
            Require.finite("process cross-section, error and maximum weight",
                    new double[] {crossSectionPb, crossSectionErrorPb, maxWeight});
        }
    }

    public LesHouchesInit {
        Require.positive("beam 1 energy (GeV)", beam1EnergyGeV);
        Require.positive("beam 2 energy (GeV)", beam2EnergyGeV);
        processes = List.copyOf(processes);
        if (processes.isEmpty()) {
            throw new InvalidInputException("init processes: expected NPRUP >= 1 process lines but found none");
        }
    }

    /** An e⁻ (beam 1, +z) e⁺ (beam 2) collider with one process, unweighted events (IDWTUP = 3). */
    public static LesHouchesInit electronPositron(double beamEnergyGeV, double crossSectionPb, double errorPb,
            int processId) {
        return new LesHouchesInit(11, -11, beamEnergyGeV, beamEnergyGeV, 0, 0, 0, 0, 3,
                List.of(new Process(crossSectionPb, errorPb, 1, processId)));
    }

    /** √s of head-on massless beams, 2√(E₁E₂), GeV. */
    public double sqrtS() {
        return 2 * Math.sqrt(beam1EnergyGeV * beam2EnergyGeV);
    }
}
