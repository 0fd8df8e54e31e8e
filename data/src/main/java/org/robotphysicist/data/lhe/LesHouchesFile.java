package org.robotphysicist.data.lhe;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;

/**
 * A whole Les Houches Event File: its version attribute, the raw {@code <header>} text (may be
 * empty), the {@code <init>} block and the events, with where they were read from.
 *
 * @param headerLine the line number of the header text's first line in the file read (0: not read from a file)
 * @param eventLines the line number of each event's {@code <event>} tag (empty: not read from a file)
 *
 * <p>Equality compares the content (version, header, init, events), not where it was read from.
 */
public record LesHouchesFile(String version, String header, LesHouchesInit init, List<LesHouchesEvent> events,
        int headerLine, List<Integer> eventLines) {

    /** A file built in memory (no line numbers). */
    public LesHouchesFile(String version, String header, LesHouchesInit init, List<LesHouchesEvent> events) {
        this(version, header, init, events, 0, List.of());
    }

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
        eventLines = List.copyOf(eventLines);
        if (!eventLines.isEmpty() && eventLines.size() != events.size()) {
            throw new InvalidInputException("LHE event lines: expected one line number per event (" + events.size()
                    + ") but found " + eventLines.size());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LesHouchesFile f && version.equals(f.version) && header.equals(f.header)
                && init.equals(f.init) && events.equals(f.events);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(version, header, init, events);
    }

    /** "line L (event i)" for event {@code index} (0-based), or "event i" when the lines are unknown. */
    public String eventLocation(int index) {
        return eventLines.isEmpty() ? "event " + (index + 1)
                : "line " + eventLines.get(index) + " (event " + (index + 1) + ")";
    }
}
