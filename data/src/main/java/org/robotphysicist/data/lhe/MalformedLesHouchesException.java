package org.robotphysicist.data.lhe;

import org.robotphysicist.data.MalformedDataException;

/** A Les Houches Event File that does not follow the format; the message names the line. */
public final class MalformedLesHouchesException extends MalformedDataException {
    private static final long serialVersionUID = 1L;

    public MalformedLesHouchesException(String source, int line, String message) {
        super(source + " line " + line + ": " + message);
    }
}
