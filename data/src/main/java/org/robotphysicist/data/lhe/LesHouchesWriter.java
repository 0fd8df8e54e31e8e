package org.robotphysicist.data.lhe;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link LesHouchesFile} in the Les Houches Event File format, version 3.0 (readable by
 * {@link LesHouchesReader} and by generators' own tools): numbers in Java's shortest round-trip
 * decimal form, so reading gives back exactly the values written.
 */
public final class LesHouchesWriter {
    private LesHouchesWriter() {
    }

    /** Writes {@code file} to {@code path}, replacing it. */
    public static void write(Path path, LesHouchesFile file) throws IOException {
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            write(out, file);
        }
    }

    public static void write(Writer out, LesHouchesFile file) throws IOException {
        out.write("<LesHouchesEvents version=\"3.0\">\n");
        if (!file.header().isEmpty()) {
            out.write("<header>\n");
            out.write(file.header());
            if (!file.header().endsWith("\n")) {
                out.write("\n");
            }
            out.write("</header>\n");
        }
        LesHouchesInit init = file.init();
        out.write("<init>\n");
        out.write(join(init.beam1Id(), init.beam2Id(), init.beam1EnergyGeV(), init.beam2EnergyGeV(), init.pdfGroup1(),
                init.pdfGroup2(), init.pdfSet1(), init.pdfSet2(), init.weightingStrategy(), init.processes().size()));
        for (LesHouchesInit.Process p : init.processes()) {
            out.write(join(p.crossSectionPb(), p.crossSectionErrorPb(), p.maxWeight(), p.processId()));
        }
        out.write("</init>\n");
        for (LesHouchesEvent e : file.events()) {
            out.write("<event>\n");
            out.write(join(e.particles().size(), e.processId(), e.weight(), e.scaleGeV(), e.alphaQed(), e.alphaQcd()));
            for (LesHouchesParticle p : e.particles()) {
                out.write(join(p.pdgId(), p.status(), p.mother1(), p.mother2(), p.colour1(), p.colour2(), p.px(), p.py(),
                        p.pz(), p.energy(), p.mass(), p.lifetime(), p.spin()));
            }
            if (!e.reweights().isEmpty()) {
                out.write("<rwgt>\n");
                for (Map.Entry<String, Double> w : e.reweights().entrySet()) {
                    out.write("<wgt id='" + w.getKey() + "'> " + w.getValue() + " </wgt>\n");
                }
                out.write("</rwgt>\n");
            }
            out.write("</event>\n");
        }
        out.write("</LesHouchesEvents>\n");
    }

    private static String join(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(' ').append(v);
        }
        return sb.append('\n').toString();
    }
}
