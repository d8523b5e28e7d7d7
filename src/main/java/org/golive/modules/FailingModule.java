package org.golive.modules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which module an Odoo CLI run failed in, read from Odoo's own log. One run installs and updates many modules,
 * so its exit code alone (255 for any of them) says nothing about which one broke. Odoo loads modules one after
 * the other (odoo/modules/loading.py), so the log says it in one of these ways, taken in this order:
 * <ol>
 * <li>an ERROR or CRITICAL line naming a module of the run ({@code Couldn't load module x}, {@code module x: …});</li>
 * <li>the module Odoo was loading when the first ERROR or CRITICAL line came (or the log stopped): the last
 * {@code Loading module x (i/n)} (INFO, written for every module being installed or upgraded) or
 * {@code loading x/data/file.xml} line before it;</li>
 * <li>with INFO lines not logged ({@code log_level = warn}): the traceback's last file under an addons directory
 * ({@code /mnt/extra-addons/x/…}, {@code while parsing …/x/data/…}), a module of the run before any other.</li>
 * </ol>
 */
final class FailingModule {

    /** The module and the log line that names it. */
    record Finding(String module, String line) {
    }

    /** {@code 2025-01-01 12:00:00,123 1 ERROR db odoo.modules.loading: message}. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} \\d+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) \\S+ (\\S+): (.*)$");
    private static final Pattern NAMED_IN_ERROR = Pattern.compile("(?i)\\bmodule[\\s:]+[\"'`]?([a-z0-9_]+)[\"'`]?");
    private static final Pattern LOADING = Pattern.compile("^Loading module ([a-z0-9_]+) \\(|^loading ([a-z0-9_]+)/\\S+");
    private static final Pattern ADDON_PATH = Pattern.compile("addons/([a-z0-9_]+)/");
    private static final Pattern PARSING = Pattern.compile("while parsing (?:\\S*/)?([a-z0-9_]+)/(?:data|views|security|report|wizard|demo)/");

    private FailingModule() {
    }

    /**
     * The module the run failed in, if its log names one. {@code modules} are the run's own modules: a line naming
     * one of them wins over a line naming another (a dependency the run pulled in).
     */
    static Optional<Finding> in(String log, Collection<String> modules) {
        List<String> lines = log == null ? List.of() : log.lines().map(String::strip).toList();
        int firstError = -1;
        for (int i = 0; i < lines.size() && firstError < 0; i++) {
            Matcher m = LOG_LINE.matcher(lines.get(i));
            if (m.matches() && isError(m.group(1))) {
                firstError = i;
            }
        }
        // no error line at all (killed: out of memory, timeout): the module being loaded when the log stops
        int loadedBefore = firstError < 0 ? lines.size() : firstError;
        return namedInError(lines, modules)
                .or(() -> beingLoaded(lines, loadedBefore))
                .or(() -> inTraceback(lines, modules));
    }

    /** For a run that exited 0 but left a module uninstalled: Odoo's WARNING about it ({@code invalid module names}). */
    static Optional<String> warningAbout(String log, String module) {
        Pattern word = Pattern.compile("\\b" + Pattern.quote(module) + "\\b");
        return (log == null ? List.<String>of() : log.lines().map(String::strip).toList()).stream()
                .filter(line -> {
                    Matcher m = LOG_LINE.matcher(line);
                    return m.matches() && !"INFO".equals(m.group(1)) && !"DEBUG".equals(m.group(1)) && word.matcher(m.group(3)).find();
                })
                .findFirst();
    }

    private static Optional<Finding> namedInError(List<String> lines, Collection<String> modules) {
        List<Finding> found = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LOG_LINE.matcher(line);
            if (!m.matches() || !isError(m.group(1))) {
                continue;
            }
            Matcher named = NAMED_IN_ERROR.matcher(m.group(3));
            while (named.find()) {
                found.add(new Finding(named.group(1), line));
            }
        }
        // a dependency's name in an error line is often the innocent side ("x depends on module y"): only the run's own count here
        return found.stream().filter(f -> modules.contains(f.module())).findFirst();
    }

    private static Optional<Finding> beingLoaded(List<String> lines, int before) {
        for (int i = before - 1; i >= 0; i--) {
            Matcher m = LOG_LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            Matcher loading = LOADING.matcher(m.group(3));
            if (loading.find()) {
                return Optional.of(new Finding(loading.group(1) != null ? loading.group(1) : loading.group(2), lines.get(i)));
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> inTraceback(List<String> lines, Collection<String> modules) {
        List<Finding> found = new ArrayList<>();
        for (String line : lines) {
            for (Pattern pattern : List.of(ADDON_PATH, PARSING)) {
                Matcher m = pattern.matcher(line);
                while (m.find()) {
                    found.add(new Finding(m.group(1), line));
                }
            }
        }
        return preferRun(found, modules);
    }

    /** A finding naming a module of the run, else one naming another module than base (whose code every trace passes). */
    private static Optional<Finding> preferRun(List<Finding> found, Collection<String> modules) {
        List<Finding> ordered = new ArrayList<>(found);
        // the innermost frame is the last one
        Collections.reverse(ordered);
        return ordered.stream().filter(f -> modules.contains(f.module())).findFirst()
                .or(() -> ordered.stream().filter(f -> !"base".equals(f.module())).findFirst());
    }

    private static boolean isError(String level) {
        return "ERROR".equals(level) || "CRITICAL".equals(level);
    }
}
