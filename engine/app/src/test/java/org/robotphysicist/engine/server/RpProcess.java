package org.robotphysicist.engine.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code rp} command line run in a child JVM on this test JVM's class path, as a user's shell runs it. */
final class RpProcess {
    private RpProcess() {
    }

    /** {@code java -Dai.djl.offline=true -cp CLASSPATH org.robotphysicist.engine.cli.Rp ARGS...}. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), "org.robotphysicist.engine.cli.Rp"));
        command.addAll(List.of(args));
        return command;
    }

    /** The command as one POSIX shell string, every word single-quoted. */
    static String shellWords(List<String> command) {
        return command.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }
}
