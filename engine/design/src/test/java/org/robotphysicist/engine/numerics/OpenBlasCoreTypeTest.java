package org.robotphysicist.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the suites whose results could depend on native BLAS kernels in forked JVMs, one per
 * OPENBLAS_CORETYPE this CPU can execute, so that a CPU whose default kernels are wrong (as
 * OpenBLAS 0.3.19's SkylakeX kernels are for small matrices) is caught on any machine that can
 * run those kernels — not only on the machine where they are chosen by default.
 *
 * <p>A core type the CPU cannot execute (read from the flags in /proc/cpuinfo) is skipped with
 * the reason; so is every core type off Linux/x86-64. Each fork costs one JVM start and a few
 * seconds of tests; see docs/numerics.md.
 */
class OpenBlasCoreTypeTest {
    /** The suites run under each core type: the GP's linear algebra and its users, and ND4J storage. */
    static final List<String> SUITES = List.of(
            "org.robotphysicist.engine.design.gp.DenseCholeskyTest",
            "org.robotphysicist.engine.design.gp.GaussianProcessTest",
            "org.robotphysicist.engine.design.acquisition.AcquisitionTest",
            "org.robotphysicist.engine.design.bo.BayesianOptimizerTest",
            "org.robotphysicist.data.dataset.EventDatasetTest",
            "org.robotphysicist.data.dataset.EventCsvTest");
    private static final long TIMEOUT_SECONDS = 300;

    @ParameterizedTest(name = "OPENBLAS_CORETYPE={0}")
    @CsvSource({
        "SkylakeX,   avx512f",
        "Cooperlake, avx512f avx512_bf16",
        "Haswell,    avx2",
        "Zen,        avx2",
    })
    void suitesPassUnderCoreType(String coreType, String requiredFlags)
            throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        boolean x86 = "amd64".equals(arch) || "x86_64".equals(arch);
        String offPlatform = "OPENBLAS_CORETYPE=" + coreType + " skipped: needs Linux on x86-64, found "
                + System.getProperty("os.name") + " on " + arch;
        if (!x86 || !Files.isReadable(cpuinfo)) {
            System.out.println(offPlatform);
        }
        assumeTrue(x86 && Files.isReadable(cpuinfo), offPlatform);
        Set<String> flags = cpuFlags(Files.readString(cpuinfo, StandardCharsets.US_ASCII));
        List<String> missing = new ArrayList<>();
        for (String flag : requiredFlags.trim().split("\\s+")) {
            if (!flags.contains(flag)) {
                missing.add(flag);
            }
        }
        String unsupported = "OPENBLAS_CORETYPE=" + coreType + " skipped: this CPU lacks " + missing;
        if (!missing.isEmpty()) {
            System.out.println(unsupported);
        }
        assumeTrue(missing.isEmpty(), unsupported);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xss4m", "-Xmx1g",
                "-cp", testClassPath(), CoreTypeSuiteRunner.class.getName()));
        command.addAll(SUITES);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_CORETYPE", coreType);
        pb.environment().put("OPENBLAS_VERBOSE", "2");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Path log = Files.createTempFile("rp-coretype-" + coreType.toLowerCase(Locale.ROOT), ".log");
        pb.redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("OPENBLAS_CORETYPE=" + coreType + ": the suites did not finish within "
                        + TIMEOUT_SECONDS + " s; output:\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            System.out.println("OPENBLAS_CORETYPE=" + coreType + ": " + output.lines().filter(l -> l.startsWith("Core:")
                    || l.contains("tests successful") || l.contains("tests failed")).map(String::trim)
                    .reduce((a, b) -> a + "; " + b).orElse("(no summary)"));
            assertTrue(output.lines().anyMatch(l -> l.trim().equalsIgnoreCase("Core: " + coreType)),
                    () -> "OPENBLAS_CORETYPE=" + coreType + " did not take effect (OpenBLAS reports no 'Core: "
                            + coreType + "' line), so the run would prove nothing:\n" + output);
            assertEquals(0, p.exitValue(), () -> "OPENBLAS_CORETYPE=" + coreType + ": suites " + SUITES
                    + " failed in a forked JVM:\n" + output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The union of the "flags" lines of /proc/cpuinfo. */
    static Set<String> cpuFlags(String cpuinfo) {
        Set<String> flags = new TreeSet<>();
        cpuinfo.lines().filter(l -> l.startsWith("flags")).forEach(l -> {
            int colon = l.indexOf(':');
            if (colon >= 0) {
                flags.addAll(Arrays.asList(l.substring(colon + 1).trim().split("\\s+")));
            }
        });
        return flags;
    }

    /** The class path of this test JVM: surefire's test class path when set, else java.class.path. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
