package org.robotphysicist.engine.cli;

import java.util.Arrays;
import org.slf4j.LoggerFactory;

/**
 * A JVM that sets logging up from its arguments as {@link Rp#main} does, then logs one INFO and one
 * WARN line and prints "done" on stdout; {@link LoggingOptionsTest} runs it in a fresh JVM, since
 * the logging library reads its settings once per JVM.
 */
final class LoggingProbe {
    private LoggingProbe() {
    }

    public static void main(String[] args) {
        LoggingOptions.configure(Arrays.asList(args));
        LoggerFactory.getLogger("org.robotphysicist.probe").info("an informational line");
        LoggerFactory.getLogger("org.robotphysicist.probe").warn("a warning");
        System.out.println("done");
    }
}
