package org.robotphysicist.data.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether a {@code python3} runs from the PATH, for tests of the Python examples (shared through the test-jar). */
public final class Python3 {
    /** Why a test that needs Python was skipped. */
    public static final String SKIP_REASON = "skipped: no 'python3' on the PATH to run the Python example";

    private Python3() {
    }

    /** True when {@code python3 --version} runs and succeeds within 10 s. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
