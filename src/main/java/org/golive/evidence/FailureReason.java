package org.golive.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a go-live stopped, for a one-line table cell: the step's own first line and, when it quotes Odoo's
 * log, the one log line that says what broke (the ERROR or CRITICAL line naming the module and its file).
 * The whole text, log tail included, belongs in the full record.
 */
final class FailureReason {

    /** Odoo's log format: {@code 2025-01-01 12:00:00,123 1 ERROR db odoo.modules.registry: message}. */
    private static final Pattern ODOO_LINE = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} \\d+ (CRITICAL|ERROR) \\S+ (\\S+): (.+)$");
    /** The last line of a Python traceback: {@code odoo.tools.convert.ParseError: while parsing /mnt/extra-addons/x/…}. */
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^[A-Za-z_][\\w.]*(?:Error|Exception): .+$");
    private static final Pattern MODULES = Pattern.compile("(?:installing|updating) \\[?([A-Za-z0-9_, ]+?)]?:");
    private static final Pattern FILE = Pattern.compile("[\\w.-]+/[\\w./-]+|\\b[\\w-]+\\.(?:xml|py|csv|js)\\b");

    private FailureReason() {
    }

    /** The reason on one line: itself when it is one line, else its first line and Odoo's decisive line if any. */
    static String headline(String reason) {
        if (reason == null) {
            return null;
        }
        String[] lines = reason.strip().split("\r?\n");
        String first = lines[0].strip();
        if (lines.length == 1) {
            return first;
        }
        return decisive(first, Arrays.asList(lines).subList(1, lines.length)).map(line -> first + " — " + line).orElse(first);
    }

    /** Whether the reason carries more than its headline (a log tail). */
    static boolean hasDetail(String reason) {
        return reason != null && reason.strip().contains("\n");
    }

    /**
     * The Odoo ERROR/CRITICAL line (or a traceback's exception line) naming a module of the failed run and a file, else
     * naming the module, else the first ERROR line, else the first such line.
     */
    static Optional<String> decisive(String first, List<String> log) {
        List<String> modules = new ArrayList<>();
        Matcher named = MODULES.matcher(first);
        if (named.find()) {
            Arrays.stream(named.group(1).split(",")).map(String::strip).filter(m -> !m.isEmpty()).forEach(modules::add);
        }
        List<String> candidates = new ArrayList<>();
        for (String line : log) {
            Matcher m = ODOO_LINE.matcher(line.strip());
            if (m.matches()) {
                candidates.add(m.group(1) + " " + m.group(2) + ": " + m.group(3).strip());
            } else if (EXCEPTION_LINE.matcher(line.strip()).matches()) {
                // Odoo's CRITICAL line says only "Failed to initialize database"; the traceback's end names the file
                candidates.add(line.strip());
            }
        }
        return candidates.stream().filter(c -> namesModule(c, modules) && FILE.matcher(c).find()).findFirst()
                .or(() -> candidates.stream().filter(c -> namesModule(c, modules)).findFirst())
                .or(() -> candidates.stream().filter(c -> c.startsWith("ERROR")).findFirst())
                .or(() -> candidates.stream().findFirst());
    }

    private static boolean namesModule(String line, List<String> modules) {
        String lower = line.toLowerCase(Locale.ROOT);
        return modules.stream().anyMatch(m -> lower.contains(m.toLowerCase(Locale.ROOT)));
    }
}
