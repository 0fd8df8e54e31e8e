package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rp serve} refuses bad arguments before it loads anything, each in one line. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void repeatedNamesUnknownSimulatorsAndForeignHostsAreRefusedInOneLine() {
        String a = "w=" + dir.resolve("a.rpm");
        CliRun twice = CliRun.of("serve", "--port", "0", "--model", a, "--model", "w=" + dir.resolve("b.rpm"));
        assertEquals(2, twice.exit(), twice.err());
        assertTrue(twice.err().contains("--model: expected each NAME once but found 'w' twice (" + dir.resolve("a.rpm")
                + " and " + dir.resolve("b.rpm") + ")"), twice.err());
        CliRun simulator = CliRun.of("serve", "--port", "0", "--model", a, "--simulator", "bogus");
        assertEquals(Rp.EXIT_INVALID_INPUT, simulator.exit(), simulator.err());
        assertTrue(simulator.err().contains("--simulator: expected one of toy-gaussian, weinberg-lo") && simulator.err()
                .contains("but found 'bogus'"), simulator.err());
        CliRun unresolvable = CliRun.of("serve", "--port", "0", "--model", a, "--host", "no-such-host.invalid");
        assertEquals(Rp.EXIT_INVALID_INPUT, unresolvable.exit(), unresolvable.err());
        assertTrue(unresolvable.err().contains("--host: expected an address or a host name that resolves (such as"
                + " 127.0.0.1) but found 'no-such-host.invalid'"), unresolvable.err());
        CliRun foreign = CliRun.of("serve", "--port", "0", "--model", a, "--host", "192.0.2.1");
        assertEquals(Rp.EXIT_INVALID_INPUT, foreign.exit(), foreign.err());
        assertTrue(foreign.err().contains("--host: expected an address of this machine") && foreign.err().contains(
                "'192.0.2.1' (192.0.2.1), which no network interface here has"), foreign.err());
        for (CliRun r : List.of(simulator, unresolvable, foreign)) {
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
    }

    @Test
    void servingOnAPortInUseIsARuntimeFailureInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun r = CliRun.of("serve", "--port", Integer.toString(port), "--model", "w=" + dir.resolve("w.rpm"));
            assertEquals(1, r.exit(), r.err());
            assertEquals("rp: could not listen on 127.0.0.1:" + port + ": expected a free port but it is taken",
                    r.err().strip().substring(0, r.err().strip().indexOf(" (")));
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
