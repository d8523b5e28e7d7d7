package org.golive.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.golive.deploy.AddonTree.Addon;

/**
 * The manifests of an environment's own addons (those whose names start with one of its prefixes, e.g. {@code ipai_}),
 * read from the release image: each must be a Python dict literal with a {@code name}, a {@code license}, a
 * {@code depends} list and a {@code version} in Odoo's series form {@code <series>.x.y.z} of the image's series
 * ({@code 18.0.1.0.0}). A manifest golive cannot read is a finding, never a crash.
 */
public final class ManifestCheck {

    private static final Pattern SERIES_VERSION = Pattern.compile("(\\d+\\.\\d+)\\.\\d+\\.\\d+\\.\\d+");

    /** The addons checked and what is wrong with them, one line per addon and field. */
    public record Outcome(List<String> checked, List<String> problems) {
        public Outcome {
            checked = List.copyOf(checked);
            problems = List.copyOf(problems);
        }
    }

    private ManifestCheck() {
    }

    public static Outcome check(Map<String, Addon> release, List<String> prefixes, String series) {
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Addon addon : new TreeMap<>(release).values()) {
            if (prefixes.stream().noneMatch(addon.name()::startsWith)) {
                continue;
            }
            checked.add(addon.name());
            problems.addAll(problems(addon, series));
        }
        return new Outcome(checked, problems);
    }

    static List<String> problems(Addon addon, String series) {
        String name = addon.name();
        if (addon.manifest() == null || addon.manifest().isBlank()) {
            return List.of(name + ": __manifest__.py is empty or missing");
        }
        Map<String, Object> manifest;
        try {
            manifest = PythonLiteral.parseDict(addon.manifest());
        } catch (PythonLiteral.NotALiteralException e) {
            return List.of(name + ": __manifest__.py cannot be read as a dict literal: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (String field : List.of("name", "license")) {
            Object value = manifest.get(field);
            if (!(value instanceof String text) || text.isBlank()) {
                problems.add(name + ": " + field + " " + (value == null ? "is missing" : "must be a non-empty string, is " + value));
            }
        }
        Object depends = manifest.get("depends");
        if (!(depends instanceof List<?> list) || list.stream().anyMatch(d -> !(d instanceof String text) || text.isBlank())) {
            problems.add(name + ": depends " + (depends == null ? "is missing" : "must be a list of module names, is " + depends));
        }
        Object version = manifest.get("version");
        if (!(version instanceof String text)) {
            problems.add(name + ": version " + (version == null ? "is missing" : "must be a string, is " + version));
        } else {
            Matcher m = SERIES_VERSION.matcher(text.strip());
            if (!m.matches()) {
                problems.add(name + ": version '" + text + "' is not in Odoo's series form <series>.x.y.z (e.g. "
                        + (series == null ? "18.0" : series) + ".1.0.0)");
            } else if (series != null && !m.group(1).equals(series)) {
                problems.add(name + ": version '" + text + "' is for Odoo " + m.group(1) + ", the release image is Odoo " + series);
            }
        }
        return problems;
    }
}
