package org.robotphysicist.engine.numerics;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The main class {@link OpenBlasCoreTypeTest} starts in a fresh JVM whose environment sets
 * OPENBLAS_CORETYPE (and OPENBLAS_VERBOSE=2, so that OpenBLAS prints the core it selected when
 * ND4J loads it): loads ND4J first, then runs the named test classes with the JUnit Platform
 * launcher and exits 0 when all pass, 1 when any fails or none was found.
 *
 * <p>Arguments: the fully qualified test class names.
 */
public final class CoreTypeSuiteRunner {
    private CoreTypeSuiteRunner() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        Nd4j.create(1); // loads the ND4J backend and with it OpenBLAS, which reports its core
        System.out.flush();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (int i = 0; i < args.length; i++) {
            request.selectors(selectClass(Class.forName(args[i])));
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(discovery, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 40);
        out.flush();
        boolean ok = summary.getTotalFailureCount() == 0 && summary.getTestsFoundCount() > 0;
        System.exit(ok ? 0 : 1);
    }
}
