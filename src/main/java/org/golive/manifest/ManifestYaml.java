package org.golive.manifest;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.manifest.InvalidManifestException.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A manifest as YAML values and as written. YAML turns an unquoted {@code 18.10} into the number 18.1 and
 * {@code yes} into true; the text as written is kept so that a refusal can show what was typed.
 */
final class ManifestYaml {

    private final Map<?, ?> values;
    private final Map<String, Node> written;

    private ManifestYaml(Map<?, ?> values, Map<String, Node> written) {
        this.values = values;
        this.written = written;
    }

    /** The parsed manifest, or null with the reason added to {@code problems}. */
    static ManifestYaml parse(String yaml, List<Problem> problems, String expectedKeys) {
        if (yaml == null || yaml.isBlank()) {
            problems.add(new Problem("manifest", "empty; expected a YAML mapping with keys " + expectedKeys));
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            Object loaded = new Yaml(new SafeConstructor(options)).load(yaml);
            if (!(loaded instanceof Map<?, ?> map)) {
                problems.add(new Problem("manifest", "expected a YAML mapping, found " + describe(loaded)));
                return null;
            }
            Map<String, Node> written = new LinkedHashMap<>();
            if (new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml)) instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key) {
                        written.put(key.getValue(), tuple.getValueNode());
                    }
                }
            }
            return new ManifestYaml(new LinkedHashMap<>(map), written);
        } catch (YAMLException e) {
            problems.add(new Problem("manifest", "not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").strip()));
            return null;
        }
    }

    Map<?, ?> values() {
        return values;
    }

    /**
     * Why a value that should be text is refused. A scalar YAML read as a number, boolean or date could be meant
     * as text: the message shows it as typed and how to quote it.
     */
    Problem notText(String field, String key, int index, Object value) {
        if (value instanceof Map || value instanceof List) {
            return new Problem(field, "expected text, found " + describe(value));
        }
        Node node = written.get(key);
        if (index >= 0) {
            node = node instanceof SequenceNode sequence && index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
        }
        String typed = node instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(value);
        String quoted = "\"" + typed.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return new Problem(field, typed + " is " + kind(node, value) + " in YAML (read as " + readAs(value) + "); quote it: "
                + (index >= 0 ? quoted : key + ": " + quoted));
    }

    private static String kind(Node node, Object value) {
        Tag tag = node == null ? null : node.getTag();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) || value instanceof Number) {
            return "a number";
        }
        if (Tag.BOOL.equals(tag) || value instanceof Boolean) {
            return "a boolean";
        }
        if (Tag.TIMESTAMP.equals(tag) || value instanceof Date) {
            return "a date";
        }
        return "not a string";
    }

    private static String readAs(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().atOffset(ZoneOffset.UTC).toString();
        }
        if (value instanceof byte[]) {
            return "binary data";
        }
        return String.valueOf(value);
    }

    static String describe(Object value) {
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
