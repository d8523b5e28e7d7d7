package org.golive.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.golive.manifest.InvalidManifestException.Problem;

/**
 * Reads and validates a release manifest. Every problem is reported with the field it belongs to, and a
 * manifest with any problem is refused as a whole. Every text value must be a YAML string: {@code tag: 18.10}
 * unquoted is the number 18.1, so it is refused with the advice to quote it rather than read as another tag.
 */
public class ManifestReader {

    static final Set<String> KEYS = Set.of("image", "tag", "environment", "install", "update", "notes", "change", "hotfix",
            "hotfixReason", "hooks");
    private static final Pattern MODULE_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Pattern IMAGE_NAME = Pattern.compile("^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
    private static final Pattern CHANGE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,79}$");
    private static final Set<String> MUTABLE_TAGS = Set.of("latest", "main", "master", "stable", "edge", "nightly");

    private final Set<String> enterpriseModules;
    private final Predicate<String> environmentExists;
    private final Function<String, Set<String>> imageRepositories;
    private final Function<String, ReleaseRules> rules;

    /**
     * @param imageRepositories the image repositories a release on an existing environment may come from: its own
     *                          and any others it allows; a manifest naming another image is refused
     */
    public ManifestReader(Set<String> enterpriseModules, Predicate<String> environmentExists,
                          Function<String, Set<String>> imageRepositories) {
        this(enterpriseModules, environmentExists, imageRepositories, environment -> ReleaseRules.NONE);
    }

    /** @param rules what an existing environment demands of a release: its tag pattern, a change ticket */
    public ManifestReader(Set<String> enterpriseModules, Predicate<String> environmentExists,
                          Function<String, Set<String>> imageRepositories, Function<String, ReleaseRules> rules) {
        this.enterpriseModules = Set.copyOf(enterpriseModules);
        this.environmentExists = environmentExists;
        this.imageRepositories = imageRepositories;
        this.rules = rules;
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
        ManifestYaml parsed = ManifestYaml.parse(yaml, problems, new TreeSet<>(KEYS).toString());
        if (parsed == null) {
            throw new InvalidManifestException(problems);
        }
        Map<?, ?> document = parsed.values();
        for (Object key : document.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(new Problem(String.valueOf(key), "unknown key; allowed keys are " + new TreeSet<>(KEYS)));
            }
        }
        String image = text(parsed, "image", true, problems);
        if (image != null && !IMAGE_NAME.matcher(image).matches()) {
            problems.add(new Problem("image", "'" + image + "' is not an image repository name (lower case, no tag)"));
            image = null;
        }
        String tag = text(parsed, "tag", true, problems);
        if (tag != null) {
            if (MUTABLE_TAGS.contains(tag.toLowerCase(Locale.ROOT))) {
                problems.add(new Problem("tag", "'" + tag + "' is a moving tag; a release names an immutable tag"));
            } else if (!TAG.matcher(tag).matches()) {
                problems.add(new Problem("tag", "'" + tag + "' is not a valid image tag"));
            }
        }
        String environment = text(parsed, "environment", true, problems);
        if (environment != null && !environmentExists.test(environment)) {
            problems.add(new Problem("environment", "unknown environment '" + environment + "'"));
        } else if (environment != null && image != null) {
            checkImageRepository(image, environment, problems);
        }
        List<String> install = modules(parsed, "install", problems);
        List<String> update = modules(parsed, "update", problems);
        for (String module : install) {
            if (update.contains(module)) {
                problems.add(new Problem("update", "module '" + module + "' is listed in install too"));
            }
        }
        String notes = text(parsed, "notes", false, problems);
        String change = text(parsed, "change", false, problems);
        if (change != null && !CHANGE.matcher(change).matches()) {
            problems.add(new Problem("change", "'" + change + "' is not a change ticket id (" + CHANGE.pattern() + ")"));
        }
        String hotfixReason = HotfixField.reason(parsed, problems);
        ReleaseHooks hooks = HooksField.read(parsed, problems);
        if (environment != null && environmentExists.test(environment)) {
            checkRules(rules.apply(environment), environment, tag, change, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new ReleaseManifest(image, tag, environment, install, update, notes, change == null || change.isEmpty() ? null : change,
                hotfixReason, hooks);
    }

    /** The environment's own rules; a tag already refused for its form is not judged again. */
    private static void checkRules(ReleaseRules rules, String environment, String tag, String change, List<Problem> problems) {
        boolean tagValid = problems.stream().noneMatch(p -> p.field().equals("tag"));
        if (rules.tagPattern() != null && tag != null && tagValid && !rules.tagPattern().matcher(tag).matches()) {
            problems.add(new Problem("tag", "'" + tag + "' does not match the release tags of environment '" + environment + "' ("
                    + rules.tagPattern().pattern() + ")"));
        }
        if (rules.changeRequired() && (change == null || change.isEmpty())) {
            problems.add(new Problem("change", "environment '" + environment + "' takes a release only with its change ticket:"
                    + " add change: <ticket id>"));
        }
    }

    /** The deploy steps run whatever image the manifest names, next to the environment's data and secrets. */
    private void checkImageRepository(String image, String environment, List<Problem> problems) {
        TreeSet<String> allowed = new TreeSet<>(imageRepositories.apply(environment));
        if (allowed.contains(image)) {
            return;
        }
        problems.add(new Problem("image", allowed.isEmpty()
                ? "environment '" + environment + "' has no image repository configured, so no image can go live on it"
                : "'" + image + "' is not an image repository of environment '" + environment + "'; it takes "
                        + (allowed.size() == 1 ? allowed.first() : "one of " + allowed)));
    }

    static String text(ManifestYaml parsed, String key, boolean required, List<Problem> problems) {
        Object value = parsed.values().get(key);
        if (value == null) {
            if (required) {
                problems.add(new Problem(key, "missing"));
            }
            return null;
        }
        if (!(value instanceof String string)) {
            problems.add(parsed.notText(key, key, -1, value));
            return null;
        }
        String text = string.strip();
        if (text.isEmpty() && required) {
            problems.add(new Problem(key, "empty"));
            return null;
        }
        return text;
    }

    private List<String> modules(ManifestYaml parsed, String key, List<Problem> problems) {
        Object value = parsed.values().get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(new Problem(key, "expected a list of module names, found " + ManifestYaml.describe(value)));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = key + "[" + i + "]";
            Object item = list.get(i);
            if (!(item instanceof String name)) {
                problems.add(item == null ? new Problem(field, "expected a module name, found nothing") : parsed.notText(field, key, i, item));
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
}
