package org.golive.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.golive.manifest.InvalidManifestException.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a fleet manifest: a release manifest without {@code environment}, plus {@code fleet:} with an optional
 * {@code canary} and its {@code waves}. The release part is read by {@link ManifestReader} once per environment, so
 * each environment's own rules (image repositories, tag pattern, change ticket) apply as they would to a go-live of
 * it alone. Every problem names its field; a fleet with any problem is refused as a whole.
 */
public class FleetManifestReader {

    static final String FLEET = "fleet";
    private static final Set<String> FLEET_KEYS = Set.of("canary", "waves");
    /** A bound on what one fleet instance starts and tracks in its variables. */
    public static final int MAX_ENVIRONMENTS = 200;

    private final ManifestReader releases;
    private final Predicate<String> environmentExists;

    public FleetManifestReader(ManifestReader releases, Predicate<String> environmentExists) {
        this.releases = releases;
        this.environmentExists = environmentExists;
    }

    public FleetManifest read(String yaml) {
        List<Problem> problems = new ArrayList<>();
        ManifestYaml parsed = ManifestYaml.parse(yaml, problems, "the keys of a release manifest (without environment) and fleet");
        if (parsed == null) {
            throw new InvalidManifestException(problems);
        }
        Map<?, ?> document = parsed.values();
        if (document.containsKey("environment")) {
            problems.add(new Problem("environment", "a fleet names its environments under fleet.waves, not environment"));
        }
        List<List<String>> waves = waves(document.get(FLEET), problems);
        String canary = canary(document.get(FLEET), waves, problems);
        String releaseYaml = problems.isEmpty() ? withoutFleet(yaml, problems) : null;
        ReleaseManifest release = null;
        if (releaseYaml != null) {
            Set<String> seen = new LinkedHashSet<>();
            for (List<String> wave : waves) {
                for (String environment : wave) {
                    try {
                        ReleaseManifest read = releases.read(childManifest(releaseYaml, environment));
                        release = release == null ? read : release;
                    } catch (InvalidManifestException e) {
                        // a problem of the release part once, not once per environment (an environment's own rule names it)
                        for (Problem p : e.problems()) {
                            if (seen.add(p.toString())) {
                                problems.add(p);
                            }
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new FleetManifest(release, canary, waves, releaseYaml);
    }

    private List<List<String>> waves(Object fleet, List<Problem> problems) {
        if (fleet == null) {
            problems.add(new Problem(FLEET, "missing; a fleet manifest lists its environments in fleet.waves"));
            return List.of();
        }
        if (!(fleet instanceof Map<?, ?> map)) {
            problems.add(new Problem(FLEET, "expected a mapping with waves (and canary), found " + ManifestYaml.describe(fleet)));
            return List.of();
        }
        for (Object key : map.keySet()) {
            if (!FLEET_KEYS.contains(String.valueOf(key))) {
                problems.add(new Problem(FLEET + "." + key, "unknown key; allowed keys are [canary, waves]"));
            }
        }
        Object value = map.get("waves");
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add(new Problem("fleet.waves", value == null || value instanceof List<?>
                    ? "no waves; list at least one wave of environments" : "expected a list of waves, found " + ManifestYaml.describe(value)));
            return List.of();
        }
        List<List<String>> waves = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int w = 0; w < list.size(); w++) {
            String field = "fleet.waves[" + w + "]";
            if (!(list.get(w) instanceof List<?> items)) {
                problems.add(new Problem(field, "expected a list of environments, found " + ManifestYaml.describe(list.get(w))));
                continue;
            }
            if (items.isEmpty()) {
                problems.add(new Problem(field, "empty wave; every wave names at least one environment"));
                continue;
            }
            List<String> wave = new ArrayList<>();
            for (int e = 0; e < items.size(); e++) {
                String itemField = field + "[" + e + "]";
                if (!(items.get(e) instanceof String environment) || environment.isBlank()) {
                    problems.add(new Problem(itemField, "expected an environment name, found " + ManifestYaml.describe(items.get(e))));
                } else if (!environmentExists.test(environment)) {
                    problems.add(new Problem(itemField, "unknown environment '" + environment + "'"));
                } else if (!seen.add(environment)) {
                    problems.add(new Problem(itemField, "environment '" + environment + "' is listed twice; each goes live once per fleet"));
                } else {
                    wave.add(environment);
                }
            }
            waves.add(wave);
        }
        if (seen.size() > MAX_ENVIRONMENTS) {
            problems.add(new Problem("fleet.waves", seen.size() + " environments; a fleet takes at most " + MAX_ENVIRONMENTS));
        }
        return waves;
    }

    /** The canary goes first and alone: it must be the one environment of waves[0]. */
    private static String canary(Object fleet, List<List<String>> waves, List<Problem> problems) {
        if (!(fleet instanceof Map<?, ?> map) || map.get("canary") == null) {
            return null;
        }
        if (!(map.get("canary") instanceof String canary) || canary.isBlank()) {
            problems.add(new Problem("fleet.canary", "expected an environment name, found " + ManifestYaml.describe(map.get("canary"))));
            return null;
        }
        boolean inFleet = waves.stream().anyMatch(w -> w.contains(canary));
        if (!inFleet) {
            problems.add(new Problem("fleet.canary", "'" + canary + "' is not in the fleet; the canary is the only environment of waves[0]"));
        } else if (!waves.get(0).equals(List.of(canary))) {
            problems.add(new Problem("fleet.canary", "'" + canary + "' must be the only environment of waves[0], the wave that goes first"));
        }
        return canary;
    }

    /**
     * The release part as written (comments, quoting and all): the manifest without its {@code fleet} entry, so the
     * release reader judges the text a person wrote, not a re-serialisation of it.
     */
    private static String withoutFleet(String yaml, List<Problem> problems) {
        Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(yaml));
        if (!(root instanceof MappingNode mapping) || mapping.getFlowStyle() != org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK) {
            problems.add(new Problem("manifest", "write a fleet manifest as a block mapping (one key per line)"));
            return null;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && FLEET.equals(key.getValue())) {
                int from = tuple.getKeyNode().getStartMark().getIndex();
                int to = tuple.getValueNode().getEndMark().getIndex();
                return yaml.substring(0, from) + yaml.substring(to);
            }
        }
        return yaml;
    }

    static String childManifest(String releaseYaml, String environment) {
        String body = releaseYaml.endsWith("\n") ? releaseYaml : releaseYaml + "\n";
        return body + "environment: \"" + environment.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }
}
