package org.robotphysicist.engine.posterior;

import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;

/**
 * Whether the highest-posterior-density region at a level differs materially from the central
 * interval at the same level, so that a summary should show both.
 *
 * <p>Materially means: the HPD region is a union of several disjoint intervals (a multimodal
 * marginal), or an end of its hull [a<sub>HPD</sub>, b<sub>HPD</sub>] lies more than
 * {@value #RELATIVE_SHIFT} of the central interval's width w = b − a from the central end:
 * max(|a<sub>HPD</sub> − a|, |b<sub>HPD</sub> − b|) &gt; {@value #RELATIVE_SHIFT}·w. For a
 * symmetric unimodal posterior the two coincide; a skewed one (a posterior against the prior's
 * edge, a heavy tail) moves the HPD ends toward the mode.
 */
public final class HpdComparison {
    /** The fraction of the central interval's width by which an HPD end must move to count. */
    public static final double RELATIVE_SHIFT = 0.10;

    private HpdComparison() {
    }

    /**
     * @param central the central interval
     * @param hpd     the HPD region at the same level, disjoint intervals in ascending order (one
     *                interval when only the shortest interval is known)
     * @return true when they differ materially (see the class comment)
     * @throws InvalidInputException when {@code hpd} is empty or its level differs from the central one
     */
    public static boolean differsMaterially(CredibleInterval central, List<CredibleInterval> hpd) {
        if (hpd.isEmpty()) {
            throw new InvalidInputException("HPD region: expected at least one interval but found none");
        }
        if (hpd.stream().anyMatch(c -> Math.abs(c.level() - central.level()) > 1e-12)) {
            throw new InvalidInputException("HPD region: expected the central interval's level " + central.level()
                    + " but found " + hpd.stream().map(c -> Double.toString(c.level())).distinct().toList());
        }
        if (hpd.size() > 1) {
            return true;
        }
        double shift = Math.max(Math.abs(hpd.get(0).lower() - central.lower()),
                Math.abs(hpd.get(hpd.size() - 1).upper() - central.upper()));
        return shift > RELATIVE_SHIFT * central.width();
    }

    /** The region as text, {@code [a, b]} or {@code [a, b] U [c, d]}, ends with {@code digits} decimals. */
    public static String format(List<CredibleInterval> region, int digits) {
        StringBuilder sb = new StringBuilder();
        String number = "%." + digits + "f";
        for (CredibleInterval c : region) {
            sb.append(sb.length() == 0 ? "" : " U ").append(String.format(Locale.ROOT, "[" + number + ", " + number
                    + "]", c.lower(), c.upper()));
        }
        return sb.toString();
    }
}
