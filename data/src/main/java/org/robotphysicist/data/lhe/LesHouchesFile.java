package org.robotphysicist.data.lhe;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;

/**
 * A whole Les Houches Event File: its version attribute, the raw {@code <header>} text (may be
 * empty), the {@code <init>} block and the events.
 */
public record LesHouchesFile(String version, String header, LesHouchesInit init, List<LesHouchesEvent> events) {

    public LesHouchesFile {
        if (!List.of("1.0", "2.0", "3.0").contains(version)) {
            throw new InvalidInputException("LHE version: expected 1.0, 2.0 or 3.0 but found '" + version + "'");
        }
        header = header == null ? "" : header;
        if (header.contains("</header>")) {
            throw new InvalidInputException("LHE header: expected text without a closing </header> tag");
        }
        if (init == null) {
            throw new InvalidInputException("LHE init: expected an init block but found none");
        }
        events = List.copyOf(events);
    }
}
