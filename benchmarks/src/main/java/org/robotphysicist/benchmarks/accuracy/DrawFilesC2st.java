package org.robotphysicist.benchmarks.accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.posterior.diagnostics.ClassifierTwoSampleTest;

/**
 * Scores a directory of draws written by {@code surrogate-accuracy.sh --draws-dir DIR}
 * ({@link DrawFiles}) with the engine's C2STs, k-NN ({@link ClassifierTwoSampleTest#defaults()}) and sbibm's MLP
 * ({@link ClassifierTwoSampleTest#mlp()}): every sample other than a reference against its
 * observation's reference ({@code TASK-obsI-reference.csv}), one line {@code name,knn_c2st,mlp_c2st}
 * each, in the order of {@code benchmarks/peers/c2st_mlp.py}, which scores the same files with
 * scikit-learn's MLP: the independent check of the engine's. Usage:
 * {@code DrawFilesC2st DIR [SUBSTRING ...]} (only files whose names contain one of the substrings).
 */
public final class DrawFilesC2st {
    private DrawFilesC2st() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || !Files.isDirectory(Path.of(args[0]))) {
            throw new InvalidInputException("draws C2ST: expected a directory of draws from surrogate-accuracy.sh"
                    + " --draws-dir but found " + (args.length < 1 ? "no argument" : "'" + args[0] + "'"));
        }
        Path dir = Path.of(args[0]);
        List<String> patterns = List.of(args).subList(1, args.length);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        ClassifierTwoSampleTest knn = ClassifierTwoSampleTest.defaults();
        ClassifierTwoSampleTest mlp = ClassifierTwoSampleTest.mlp();
        System.out.println("sample,knn_c2st,mlp_c2st");
        for (Path ref : files) {
            String name = ref.getFileName().toString();
            if (!name.endsWith(DrawFiles.REFERENCE) || name.endsWith(DrawFiles.SECOND_REFERENCE)) {
                continue;
            }
            String prefix = name.substring(0, name.length() - DrawFiles.REFERENCE.length() + 1);
            Matrix reference = DrawFiles.read(ref);
            for (Path p : files) {
                String other = p.getFileName().toString();
                if (other.equals(name) || !other.startsWith(prefix)
                        || !patterns.isEmpty() && patterns.stream().noneMatch(other::contains)) {
                    continue;
                }
                Matrix sample = DrawFiles.read(p);
                System.out.printf(Locale.ROOT, "%s,%.3f,%.3f%n", other.substring(0, other.length() - 4),
                        knn.accuracy(reference, sample), mlp.accuracy(reference, sample));
            }
        }
    }
}
