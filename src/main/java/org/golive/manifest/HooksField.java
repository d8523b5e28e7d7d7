package org.golive.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.golive.manifest.InvalidManifestException.Problem;

/**
 * {@code hooks: {pre-update: [[argv...], ...], post-update: [...]}}. Each hook is an argv list of non-empty strings,
 * run as given (no shell parses it), so a shell string such as {@code "python3 fix.py"} is refused rather than split.
 */
final class HooksField {

    static final int MAX_HOOKS = 10;
    static final int MAX_ARGS = 64;
    static final int MAX_ARG_LENGTH = 4096;

    private HooksField() {
    }

    static ReleaseHooks read(ManifestYaml parsed, List<Problem> problems) {
        Object value = parsed.values().get("hooks");
        if (value == null) {
            return ReleaseHooks.NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new Problem("hooks", "expected a mapping with " + ReleaseHooks.PRE_UPDATE + " and/or " + ReleaseHooks.POST_UPDATE
                    + ", found " + ManifestYaml.describe(value)));
            return ReleaseHooks.NONE;
        }
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (!ReleaseHooks.PRE_UPDATE.equals(name) && !ReleaseHooks.POST_UPDATE.equals(name)) {
                problems.add(new Problem("hooks." + name, "unknown key; hooks takes " + ReleaseHooks.PRE_UPDATE + " and " + ReleaseHooks.POST_UPDATE));
            }
        }
        return new ReleaseHooks(phase(map.get(ReleaseHooks.PRE_UPDATE), "hooks." + ReleaseHooks.PRE_UPDATE, problems),
                phase(map.get(ReleaseHooks.POST_UPDATE), "hooks." + ReleaseHooks.POST_UPDATE, problems));
    }

    private static List<List<String>> phase(Object value, String field, List<Problem> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(new Problem(field, "expected a list of commands, each an argv list such as [\"python3\", \"/mnt/extra-addons/scripts/fix.py\"], found "
                    + ManifestYaml.describe(value)));
            return List.of();
        }
        if (list.size() > MAX_HOOKS) {
            problems.add(new Problem(field, list.size() + " hooks; at most " + MAX_HOOKS + " per phase"));
            return List.of();
        }
        List<List<String>> hooks = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            List<String> argv = argv(list.get(i), field + "[" + i + "]", problems);
            if (argv != null) {
                hooks.add(argv);
            }
        }
        return hooks;
    }

    private static List<String> argv(Object value, String field, List<Problem> problems) {
        if (!(value instanceof List<?> list)) {
            String hint = value instanceof String ? "; a hook is never a shell string: write [\"program\", \"arg\", ...]" : "";
            problems.add(new Problem(field, "expected an argv list of text, found " + ManifestYaml.describe(value) + hint));
            return null;
        }
        if (list.isEmpty()) {
            problems.add(new Problem(field, "empty argv; a hook names at least the program to run"));
            return null;
        }
        if (list.size() > MAX_ARGS) {
            problems.add(new Problem(field, list.size() + " arguments; at most " + MAX_ARGS));
            return null;
        }
        List<String> argv = new ArrayList<>();
        boolean ok = true;
        for (int j = 0; j < list.size(); j++) {
            String argField = field + "[" + j + "]";
            Object item = list.get(j);
            if (!(item instanceof String arg)) {
                problems.add(new Problem(argField, "expected text, found " + ManifestYaml.describe(item)
                        + (item == null || item instanceof Map || item instanceof List ? "" : "; quote it")));
                ok = false;
            } else if (arg.isEmpty()) {
                problems.add(new Problem(argField, "empty argument"));
                ok = false;
            } else if (arg.indexOf('\0') >= 0) {
                problems.add(new Problem(argField, "contains a NUL character"));
                ok = false;
            } else if (arg.length() > MAX_ARG_LENGTH) {
                problems.add(new Problem(argField, "longer than " + MAX_ARG_LENGTH + " characters"));
                ok = false;
            } else {
                argv.add(arg);
            }
        }
        if (ok && argv.get(0).isBlank()) {
            problems.add(new Problem(field + "[0]", "the program is blank"));
            return null;
        }
        return ok ? argv : null;
    }
}
