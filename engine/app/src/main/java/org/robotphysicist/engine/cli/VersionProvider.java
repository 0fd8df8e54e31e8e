package org.robotphysicist.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.robotphysicist.data.io.Provenance;
import picocli.CommandLine;

/** {@code rp --version}: the project and library versions recorded in provenance. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : Provenance.softwareVersions().entrySet()) {
            lines.add(e.getKey() + " " + e.getValue());
        }
        return lines.toArray(String[]::new);
    }
}
