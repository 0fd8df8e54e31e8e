package org.robotphysicist.models.certificate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;

/**
 * How well a trained surrogate's posteriors are calibrated, measured on fresh prior-predictive
 * datasets at the number of events per experiment it is meant for: for each of
 * {@code datasets} experiments, θ* ~ p(θ), N events X ~ p(x | θ*, φ), and the surrogate's grid
 * posterior p̂(θ | X, φ).
 * <ul>
 *   <li><b>Expected coverage</b> at each level 1 − α: the fraction of datasets whose θ* lies in
 *       the (1 − α) highest-posterior-density region (Hermans et al. 2021). A calibrated
 *       posterior covers at the nominal rate; below it is overconfident, above it conservative.
 *       With n datasets the binomial standard error is √(level·(1 − level)/n).</li>
 *   <li><b>SBC</b> (Talts et al. 2018): the smallest, over θ components, χ² p-value of the
 *       uniformity of the ranks of θ* among posterior draws.</li>
 *   <li>Where the simulator's likelihood is tractable, against the exact posterior of the same
 *       datasets, per θ component: the <b>mean shift</b> (mean<sub>surrogate</sub> −
 *       mean<sub>exact</sub>) / sd<sub>exact</sub> and the <b>sd ratio</b>
 *       sd<sub>surrogate</sub> / sd<sub>exact</sub>, each averaged over datasets. A calibrated
 *       surrogate has shift ≈ 0 and ratio ≈ 1; a ratio below 1 is an overconfident one.</li>
 * </ul>
 * The verdict: within tolerance when every coverage is within {@code tolerance} of its level.
 * It is stored (so the JSON of a model file states it) and checked against the figures here.
 * Saved in a model file's manifest; immutable and validated.
 *
 * @param simulator            the simulator the datasets came from
 * @param eventsPerExperiment  N ≥ 1
 * @param datasets             number of prior-predictive datasets ≥ 1
 * @param seed                 the seed the datasets were drawn from
 * @param phi                  the experiment setting φ the datasets were simulated at (empty for a
 *                             simulator whose experiments have no setting)
 * @param tolerance            the allowed |coverage − level|, in (0, 1)
 * @param levels               nominal levels in (0, 1)
 * @param coverage             measured coverage per level, in [0, 1]
 * @param sbcPValue            the SBC rank χ² p-value (smallest over θ components), in [0, 1]
 * @param parameters           θ component names
 * @param meanShiftInExactSd   per θ component; empty when the simulator has no exact likelihood
 * @param sdRatioToExact       per θ component; empty when the simulator has no exact likelihood
 * @param withinTolerance      the verdict
 * @param tempering            the surrogate's fitted systematic tempering ({@link LikelihoodTempering}),
 *                             or null when none was fitted (certificates written before tempering existed,
 *                             or {@code rp train --no-tempering}); when present, {@code coverage}, the SBC
 *                             p-value, the shifts and the ratios describe the <em>tempered</em> posteriors,
 *                             the coverage cross-fitted (each half of the datasets tempered by the κ
 *                             fitted on the other half)
 * @param untemperedCoverage   with a tempering, the coverage per level of the same datasets' untempered
 *                             posteriors (what the raw surrogate would claim); null otherwise
 * @param temperingFit         with a tempering, how its κ was fitted, for people (for example "coverage, at 13
 *                             settings on 50 datasets of 5000 events each"); null without a tempering and in
 *                             certificates written before it was recorded
 */
public record CalibrationCertificate(String simulator, int eventsPerExperiment, int datasets, long seed,
        List<Double> phi, double tolerance, List<Double> levels, List<Double> coverage, double sbcPValue,
        List<String> parameters, List<Double> meanShiftInExactSd, List<Double> sdRatioToExact,
        boolean withinTolerance, @JsonInclude(JsonInclude.Include.NON_NULL) LikelihoodTempering tempering,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> untemperedCoverage,
        @JsonInclude(JsonInclude.Include.NON_NULL) String temperingFit) {

    /** The default tolerance on |coverage − level|. */
    public static final double DEFAULT_TOLERANCE = 0.05;

    public CalibrationCertificate {
        if (simulator == null || simulator.isBlank()) {
            throw new InvalidInputException("calibration certificate simulator: expected a name but found '"
                    + simulator + "'");
        }
        if (eventsPerExperiment < 1 || datasets < 1) {
            throw new InvalidInputException("calibration certificate: expected at least 1 event per experiment and 1"
                    + " dataset but found " + eventsPerExperiment + " and " + datasets);
        }
        phi = finiteList("phi", phi);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidInputException("calibration certificate tolerance: expected a value in (0, 1) but found "
                    + tolerance);
        }
        levels = finiteList("levels", levels);
        coverage = finiteList("coverage", coverage);
        if (levels.isEmpty() || levels.size() != coverage.size()) {
            throw new InvalidInputException("calibration certificate: expected one coverage per level (at least one)"
                    + " but found " + levels.size() + " levels and " + coverage.size() + " coverages");
        }
        for (int i = 0; i < levels.size(); i++) {
            if (!(levels.get(i) > 0 && levels.get(i) < 1) || !(coverage.get(i) >= 0 && coverage.get(i) <= 1)) {
                throw new InvalidInputException("calibration certificate: expected a level in (0, 1) and a coverage in"
                        + " [0, 1] but found " + levels.get(i) + " and " + coverage.get(i));
            }
        }
        if (!(sbcPValue >= 0 && sbcPValue <= 1)) {
            throw new InvalidInputException("calibration certificate SBC p-value: expected a value in [0, 1] but found "
                    + sbcPValue);
        }
        parameters = List.copyOf(parameters == null ? List.of() : parameters);
        if (parameters.isEmpty()) {
            throw new InvalidInputException("calibration certificate parameters: expected at least one name but found"
                    + " none");
        }
        meanShiftInExactSd = finiteList("mean shifts", meanShiftInExactSd == null ? List.of() : meanShiftInExactSd);
        sdRatioToExact = finiteList("sd ratios", sdRatioToExact == null ? List.of() : sdRatioToExact);
        if (meanShiftInExactSd.size() != sdRatioToExact.size()
                || !(meanShiftInExactSd.isEmpty() || meanShiftInExactSd.size() == parameters.size())) {
            throw new InvalidInputException("calibration certificate exact comparison: expected none or one mean shift"
                    + " and one sd ratio per parameter (" + parameters.size() + ") but found "
                    + meanShiftInExactSd.size() + " and " + sdRatioToExact.size());
        }
        if (untemperedCoverage != null) {
            untemperedCoverage = finiteList("untempered coverage", untemperedCoverage);
            if (untemperedCoverage.size() != levels.size()) {
                throw new InvalidInputException("calibration certificate: expected one untempered coverage per level ("
                        + levels.size() + ") but found " + untemperedCoverage.size());
            }
        }
        if (temperingFit != null && (tempering == null || temperingFit.isBlank())) {
            throw new InvalidInputException("calibration certificate tempering fit: expected a description only with a"
                    + " tempering, and not blank, but found '" + temperingFit + "'" + (tempering == null
                    ? " without a tempering" : ""));
        }
        boolean computed = maxDeviation(levels, coverage) <= tolerance;
        if (withinTolerance != computed) {
            throw new InvalidInputException("calibration certificate verdict: expected withinTolerance = " + computed
                    + " for a largest coverage deviation of " + maxDeviation(levels, coverage) + " and tolerance "
                    + tolerance + " but found " + withinTolerance);
        }
    }

    /** A certificate without a tempering. */
    public CalibrationCertificate(String simulator, int eventsPerExperiment, int datasets, long seed,
            List<Double> phi, double tolerance, List<Double> levels, List<Double> coverage, double sbcPValue,
            List<String> parameters, List<Double> meanShiftInExactSd, List<Double> sdRatioToExact,
            boolean withinTolerance) {
        this(simulator, eventsPerExperiment, datasets, seed, phi, tolerance, levels, coverage, sbcPValue, parameters,
                meanShiftInExactSd, sdRatioToExact, withinTolerance, null, null, null);
    }

    /**
     * The same certificate for the tempered posteriors: {@code tempering}, the coverage of the tempered
     * posteriors (this certificate's coverage kept as the untempered one), their SBC p-value, shifts
     * and ratios; the verdict recomputed; {@code fittedHow} says how κ was fitted.
     */
    public CalibrationCertificate withTempering(LikelihoodTempering fitted, String fittedHow,
            List<Double> temperedCoverage, double temperedSbcPValue, List<Double> temperedShifts,
            List<Double> temperedRatios) {
        return new CalibrationCertificate(simulator, eventsPerExperiment, datasets, seed, phi, tolerance, levels,
                temperedCoverage, temperedSbcPValue, parameters, temperedShifts, temperedRatios,
                maxDeviation(levels, finiteList("coverage", temperedCoverage)) <= tolerance,
                java.util.Objects.requireNonNull(fitted, "tempering"), coverage, fittedHow);
    }

    /** The fitted tempering, none when the certificate has none. */
    public LikelihoodTempering temperingOrNone() {
        return tempering == null ? LikelihoodTempering.none() : tempering;
    }

    /** A certificate with its verdict computed from the figures. */
    public static CalibrationCertificate of(String simulator, int eventsPerExperiment, int datasets, long seed,
            List<Double> phi, double tolerance, List<Double> levels, List<Double> coverage, double sbcPValue,
            List<String> parameters, List<Double> meanShiftInExactSd, List<Double> sdRatioToExact) {
        return new CalibrationCertificate(simulator, eventsPerExperiment, datasets, seed, phi, tolerance, levels,
                coverage, sbcPValue, parameters, meanShiftInExactSd, sdRatioToExact,
                maxDeviation(finiteList("levels", levels), finiteList("coverage", coverage)) <= tolerance);
    }

    /** max over levels of |coverage − level|. */
    public double maxCoverageDeviation() {
        return maxDeviation(levels, coverage);
    }

    /** Whether the figures against the exact likelihood are present. */
    public boolean comparedWithExact() {
        return !meanShiftInExactSd.isEmpty();
    }

    /**
     * One line: "calibrated within ±tol" or "NOT calibrated: ..." naming the worst level and
     * whether the surrogate is overconfident (covers too little) or conservative there.
     */
    public String verdict() {
        if (withinTolerance) {
            return String.format(Locale.ROOT, "calibrated: every coverage within ±%.2f of its level", tolerance);
        }
        int worst = 0;
        for (int i = 1; i < levels.size(); i++) {
            if (Math.abs(coverage.get(i) - levels.get(i)) > Math.abs(coverage.get(worst) - levels.get(worst))) {
                worst = i;
            }
        }
        double diff = coverage.get(worst) - levels.get(worst);
        return String.format(Locale.ROOT, "NOT calibrated: coverage %.3f at level %.2f (%+.3f, tolerance ±%.2f);"
                + " the surrogate is %s", coverage.get(worst), levels.get(worst), diff, tolerance,
                diff < 0 ? "overconfident" : "conservative");
    }

    /**
     * One line: where it was measured, its largest coverage gap, its {@link #verdict()} and the tempering
     * its posteriors apply, e.g. {@code calibration (200 datasets of 500 events at phi = [60.0]): largest
     * coverage deviation 0.040; calibrated: ...; posteriors tempered by 1 + kappa N, kappa(phi): ...}.
     */
    public String summaryLine() {
        return String.format(Locale.ROOT, "calibration (%d datasets of %d events at phi = %s): largest coverage"
                + " deviation %.3f; %s%s", datasets, eventsPerExperiment, phi, maxCoverageDeviation(), verdict(),
                tempering == null ? "" : tempering.isNone() ? "; no tempering needed (kappa = 0)"
                        : "; posteriors tempered by 1 + kappa N, " + tempering.describe());
    }

    /** A short printable table: settings, coverage per level, SBC, the exact comparison and the verdict. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "calibration: %d prior-predictive datasets of %d events at phi = %s"
                + " (simulator %s, seed %d)%n", datasets, eventsPerExperiment, phi, simulator, seed));
        sb.append(String.format(Locale.ROOT, "  %-7s %-9s %-11s %s%n", "level", "coverage", "difference", "s.e."));
        for (int i = 0; i < levels.size(); i++) {
            double l = levels.get(i);
            sb.append(String.format(Locale.ROOT, "  %-7.2f %-9.3f %-+11.3f %.3f%n", l, coverage.get(i),
                    coverage.get(i) - l, Math.sqrt(l * (1 - l) / datasets)));
        }
        sb.append(String.format(Locale.ROOT, sbcPValue >= 1e-3 ? "  SBC rank uniformity: chi2 p-value %.3f%n"
                : "  SBC rank uniformity: chi2 p-value %.1e%n", sbcPValue));
        for (int d = 0; d < meanShiftInExactSd.size(); d++) {
            sb.append(String.format(Locale.ROOT, "  %s against the exact likelihood: mean shift %+.3f exact sd, sd"
                    + " ratio %.3f%n", parameters.get(d), meanShiftInExactSd.get(d), sdRatioToExact.get(d)));
        }
        if (tempering != null) {
            sb.append("  tempering: ").append(tempering.describe()).append(System.lineSeparator());
            if (temperingFit != null) {
                sb.append("  kappa fitted by ").append(temperingFit).append(System.lineSeparator());
            }
            StringBuilder raw = new StringBuilder();
            for (int i = 0; i < levels.size(); i++) {
                raw.append(String.format(Locale.ROOT, "%s%.2f -> %.3f", i == 0 ? "" : ", ", levels.get(i),
                        untemperedCoverage.get(i)));
            }
            sb.append("  untempered coverage: ").append(raw).append(System.lineSeparator());
        }
        return sb.append("  ").append(verdict()).append(System.lineSeparator()).toString();
    }

    private static double maxDeviation(List<Double> levels, List<Double> coverage) {
        double max = 0;
        for (int i = 0; i < Math.min(levels.size(), coverage.size()); i++) {
            max = Math.max(max, Math.abs(coverage.get(i) - levels.get(i)));
        }
        return max;
    }

    private static List<Double> finiteList(String what, List<Double> values) {
        if (values == null) {
            throw new InvalidInputException("calibration certificate " + what + ": expected a list but found null");
        }
        for (Double v : values) {
            if (v == null || !Double.isFinite(v)) {
                throw new InvalidInputException("calibration certificate " + what + ": expected finite values but"
                        + " found " + values);
            }
        }
        return List.copyOf(values);
    }
}
