package org.golive.evidence;

import static org.golive.evidence.Markdown.code;
import static org.golive.evidence.Markdown.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** An entry's facts as Markdown: argv and digests as code, sizes and durations readable, runs one per line. */
final class Facts {

    private static final Pattern CODE_KEY = Pattern.compile("(?i).*(argv|sha256|digest|imageid|containerid|file|archive|container|image)$");
    private static final Set<String> RUN_KEYS = Set.of("argv", "exitCode", "millis");

    private Facts() {
    }

    /** Every fact as a bullet; text over several lines as a fenced block. */
    static void bullets(Markdown.Lines md, Map<String, Object> facts) {
        facts.forEach((key, v) -> {
            if (v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(x -> x instanceof Map<?, ?>)) {
                md.line("- " + text(key) + ":");
                for (Object item : list) {
                    md.line("  - " + run((Map<?, ?>) item));
                }
            } else if (!Secrets.secretKey(key) && v instanceof String s && s.contains("\n")) {
                md.line("- " + text(key) + ":");
                md.blank();
                md.fenced("  ", s);
                md.blank();
            } else {
                md.line("- " + text(key) + ": " + value(key, v));
            }
        });
    }

    /** The facts on one line, for a table cell; text over several lines shows its first line. */
    static String inline(Map<String, Object> facts, Set<String> leaveOut) {
        List<String> parts = new ArrayList<>();
        facts.forEach((key, v) -> {
            if (!leaveOut.contains(key)) {
                parts.add(text(key) + ": " + (v instanceof String s && s.contains("\n") ? text(s.lines().findFirst().orElse("")) + " …" : value(key, v)));
            }
        });
        return String.join(", ", parts);
    }

    /** A tool run ({@code argv}, {@code exitCode}, {@code millis}, …) on one line. */
    static String run(Map<?, ?> run) {
        List<String> parts = new ArrayList<>();
        if (run.containsKey("argv")) {
            parts.add(value("argv", run.get("argv")));
        }
        if (run.containsKey("exitCode")) {
            parts.add("exit code " + run.get("exitCode"));
        }
        if (run.containsKey("millis")) {
            parts.add(human(num(run.get("millis"))));
        }
        run.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!RUN_KEYS.contains(key)) {
                parts.add(text(key) + ": " + value(key, v));
            }
        });
        return String.join(", ", parts);
    }

    static String value(String key, Object v) {
        if (Secrets.secretKey(key)) {
            return Secrets.REDACTED;
        }
        if (v == null) {
            return "—";
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith("argv")) {
            return code(v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : v.toString());
        }
        if (key.endsWith("Bytes") && v instanceof Number) {
            return bytes(v);
        }
        if (v instanceof Map<?, ?> map) {
            List<String> pairs = new ArrayList<>();
            map.forEach((k, x) -> pairs.add(text(String.valueOf(k)) + " = " + value(String.valueOf(k), x)));
            return pairs.isEmpty() ? "none" : String.join(", ", pairs);
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                return "none";
            }
            boolean asCode = CODE_KEY.matcher(key).matches() || lower.contains("digest");
            return String.join(", ", list.stream().map(x -> asCode ? code(String.valueOf(x)) : text(String.valueOf(x))).toList());
        }
        if (lower.contains("millis") && v instanceof Number n) {
            return human(n.longValue());
        }
        if (CODE_KEY.matcher(key).matches()) {
            return code(v.toString());
        }
        return text(v.toString());
    }

    static String human(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    static String bytes(Object value) {
        if (!(value instanceof Number n)) {
            return value == null ? "not recorded" : text(value.toString());
        }
        long b = n.longValue();
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double size = b;
        int unit = -1;
        while (size >= 1024 && unit < units.length - 1) {
            size /= 1024;
            unit++;
        }
        return b + " bytes" + (unit < 0 ? "" : String.format(Locale.ROOT, " (%.1f %s)", size, units[unit]));
    }

    static long num(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
