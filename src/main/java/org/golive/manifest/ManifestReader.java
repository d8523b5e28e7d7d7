package org.golive.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.golive.manifest.InvalidManifestException.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates a release manifest. Every problem is reported with the field it belongs to, and a
 * manifest with any problem is refused as a whole.
 */
public class ManifestReader {

    static final Set<String> KEYS = Set.of("image", "tag", "environment", "install", "update", "notes");
    private static final Pattern MODULE_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Pattern IMAGE_NAME = Pattern.compile("^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
    private static final Set<String> MUTABLE_TAGS = Set.of("latest", "main", "master", "stable", "edge", "nightly");

    private final Set<String> enterpriseModules;
    private final Predicate<String> environmentExists;

    public ManifestReader(Set<String> enterpriseModules, Predicate<String> environmentExists) {
        this.enterpriseModules = Set.copyOf(enterpriseModules);
        this.environmentExists = environmentExists;
    }

    /** The Enterprise module list shipped with golive. */
    public static Set<String> shippedEnterpriseModules() {
        try (InputStream in = ManifestReader.class.getResourceAsStream("/odoo/enterprise-modules.txt")) {
            Set<String> names = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ReleaseManifest read(String yaml) {
        List<Problem> problems = new ArrayList<>();
        Map<?, ?> document = parse(yaml, problems);
        if (document == null) {
            throw new InvalidManifestException(problems);
        }
        for (Object key : document.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(new Problem(String.valueOf(key), "unknown key; allowed keys are " + new java.util.TreeSet<>(KEYS)));
            }
        }
        String image = text(document, "image", true, problems);
        if (image != null && !IMAGE_NAME.matcher(image).matches()) {
            problems.add(new Problem("image", "'" + image + "' is not an image repository name (lower case, no tag)"));
        }
        String tag = text(document, "tag", true, problems);
        if (tag != null) {
            if (MUTABLE_TAGS.contains(tag.toLowerCase(Locale.ROOT))) {
                problems.add(new Problem("tag", "'" + tag + "' is a moving tag; a release names an immutable tag"));
            } else if (!TAG.matcher(tag).matches()) {
                problems.add(new Problem("tag", "'" + tag + "' is not a valid image tag"));
            }
        }
        String environment = text(document, "environment", true, problems);
        if (environment != null && !environmentExists.test(environment)) {
            problems.add(new Problem("environment", "unknown environment '" + environment + "'"));
        }
        List<String> install = modules(document, "install", problems);
        List<String> update = modules(document, "update", problems);
        for (String module : install) {
            if (update.contains(module)) {
                problems.add(new Problem("update", "module '" + module + "' is listed in install too"));
            }
        }
        String notes = text(document, "notes", false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new ReleaseManifest(image, tag, environment, install, update, notes);
    }

    private static Map<?, ?> parse(String yaml, List<Problem> problems) {
        if (yaml == null || yaml.isBlank()) {
            problems.add(new Problem("manifest", "empty; expected a YAML mapping with keys " + new java.util.TreeSet<>(KEYS)));
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            Object loaded = new Yaml(new SafeConstructor(options)).load(yaml);
            if (loaded instanceof Map<?, ?> map) {
                return new LinkedHashMap<>(map);
            }
            problems.add(new Problem("manifest", "expected a YAML mapping, found " + describe(loaded)));
        } catch (YAMLException e) {
            problems.add(new Problem("manifest", "not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").strip()));
        }
        return null;
    }

    private static String text(Map<?, ?> document, String key, boolean required, List<Problem> problems) {
        Object value = document.get(key);
        if (value == null) {
            if (required) {
                problems.add(new Problem(key, "missing"));
            }
            return null;
        }
        if (!(value instanceof String) && !(value instanceof Number)) {
            problems.add(new Problem(key, "expected text, found " + describe(value)));
            return null;
        }
        String text = String.valueOf(value).strip();
        if (text.isEmpty() && required) {
            problems.add(new Problem(key, "empty"));
            return null;
        }
        return text;
    }

    private List<String> modules(Map<?, ?> document, String key, List<Problem> problems) {
        Object value = document.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(new Problem(key, "expected a list of module names, found " + describe(value)));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = key + "[" + i + "]";
            Object item = list.get(i);
            if (!(item instanceof String name)) {
                problems.add(new Problem(field, "expected a module name, found " + describe(item)));
                continue;
            }
            if (!MODULE_NAME.matcher(name).matches()) {
                problems.add(new Problem(field, "'" + name + "' is not an Odoo module name (" + MODULE_NAME.pattern() + ")"));
            } else if (enterpriseModules.contains(name)) {
                problems.add(new Problem(field, "'" + name + "' is an Odoo Enterprise module; golive ships Community only"));
            } else if (names.contains(name)) {
                problems.add(new Problem(field, "duplicate module '" + name + "'"));
            }
            names.add(name);
        }
        return names;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
