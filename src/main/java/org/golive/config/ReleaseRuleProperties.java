package org.golive.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.golive.manifest.ReleaseRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The change process of each environment, under {@code golive.release-rules.<environment>.}: which release tags it
 * takes, whether a change ticket must be named, and its change-freeze windows. An environment without an entry has
 * no such rules.
 */
@ConfigurationProperties("golive")
public record ReleaseRuleProperties(Map<String, Rules> releaseRules) {

    public ReleaseRuleProperties {
        releaseRules = releaseRules == null ? Map.of() : Map.copyOf(releaseRules);
    }

    /** The rules of one environment; none configured means none apply. */
    public Rules of(String environment) {
        return releaseRules.getOrDefault(environment, Rules.NONE);
    }

    /**
     * @param tagPattern    a regular expression the whole release tag must match, e.g. {@code ^prod-\d{8}(-\d+)?$|^\d+\.\d+\.\d+$};
     *                      empty: any valid tag
     * @param requireChange a manifest without {@code change: <ticket id>} is refused
     * @param freezes       change-freeze windows: a go-live inside one needs a hotfix manifest with its reason
     */
    public record Rules(String tagPattern, @DefaultValue("false") boolean requireChange, List<Freeze> freezes) {

        static final Rules NONE = new Rules(null, false, null);

        public Rules {
            freezes = freezes == null ? List.of() : List.copyOf(freezes);
            if (tagPattern != null && !tagPattern.isBlank()) {
                try {
                    Pattern.compile(tagPattern);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("tag-pattern is not a regular expression: " + e.getDescription(), e);
                }
            }
        }

        public ReleaseRules manifestRules() {
            return new ReleaseRules(tagPattern == null || tagPattern.isBlank() ? null : Pattern.compile(tagPattern), requireChange);
        }
    }

    /**
     * A change freeze from {@code start} (inclusive) to {@code end} (exclusive), both ISO-8601 with an offset
     * ({@code 2026-12-20T00:00:00+01:00}), so that the window is the same instant wherever golive runs.
     */
    public record Freeze(String start, String end, String reason) {

        public Freeze {
            Instant from = parse("start", start);
            Instant to = parse("end", end);
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("freeze window ends (" + end + ") before it starts (" + start + ")");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("freeze window " + start + " – " + end + " needs a reason (why changes stop)");
            }
            start = start.strip();
            end = end.strip();
        }

        public Instant from() {
            return OffsetDateTime.parse(start).toInstant();
        }

        public Instant until() {
            return OffsetDateTime.parse(end).toInstant();
        }

        public boolean contains(Instant instant) {
            return !instant.isBefore(from()) && instant.isBefore(until());
        }

        private static Instant parse(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("freeze window needs " + field + " (ISO-8601 with offset, e.g. 2026-12-20T00:00:00Z)");
            }
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("freeze window " + field + " '" + value + "' is not ISO-8601 with an offset"
                        + " (e.g. 2026-12-20T00:00:00Z)", e);
            }
        }
    }
}
