package org.robotphysicist.training;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.robotphysicist.data.InvalidInputException;

/**
 * Training time budgets as people write them: one or more amounts with units, {@code 90s},
 * {@code 5m}, {@code 1h30m}, {@code 250ms}, {@code 1.5h} (units {@code ms}, {@code s}, {@code m},
 * {@code h}), or an ISO-8601 duration such as {@code PT90S}. Stateless.
 */
public final class TimeBudgets {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");

    private TimeBudgets() {
    }

    /**
     * The positive duration {@code text} spells.
     *
     * @throws InvalidInputException for text that is not a duration, or a zero or negative one
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        if (t.startsWith("pt") || t.startsWith("-pt") || t.startsWith("p")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        } else if (WHOLE.matcher(t).matches()) {
            d = Duration.ZERO;
            Matcher m = PART.matcher(t);
            while (m.find()) {
                double amount = Double.parseDouble(m.group(1));
                double nanosPerUnit = switch (m.group(2)) {
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "m" -> 60e9;
                    default -> 3600e9;
                };
                double nanos = amount * nanosPerUnit;
                if (!(nanos < Long.MAX_VALUE / 2.0)) {
                    throw new InvalidInputException("training time budget: expected at most a few centuries but found '"
                            + text + "'");
                }
                d = d.plusNanos(Math.round(nanos));
            }
        } else {
            throw invalid(text);
        }
        TrainingLoopConfig.requireTimeBudget(d);
        return d;
    }

    private static InvalidInputException invalid(String text) {
        return new InvalidInputException("training time budget: expected a duration such as 90s, 5m, 1h30m or PT90S"
                + " but found '" + text + "'");
    }

    /** A short text for logs: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 0.25s}. */
    public static String format(Duration d) {
        long seconds = d.getSeconds();
        if (d.getNano() != 0 || seconds == 0) {
            return String.format(Locale.ROOT, "%.3gs", d.toNanos() / 1e9);
        }
        StringBuilder sb = new StringBuilder();
        if (seconds >= 3600) {
            sb.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            sb.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0) {
            sb.append(seconds % 60).append('s');
        }
        return sb.toString();
    }
}
