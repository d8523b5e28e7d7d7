package org.golive.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.config.GoliveProperties;
import org.golive.evidence.EvidenceDocuments.Documents;
import org.golive.evidence.EvidenceDocuments.Outcome;
import org.golive.evidence.EvidenceDocuments.Summary;
import org.golive.step.EvidenceLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Evidence logs written before entries were typed still render: each stored log under
 * {@code src/test/resources/evidence/legacy/} renders to the documents the code of that time wrote
 * ({@code <case>.WHAT_SHIPPED.md}, {@code <case>.GO_LIVE_MANIFEST.md}, rendered by EvidenceDocuments before the
 * split), except for the deliberate fixes of issue 10 named in {@link Fix}: every other line is the same.
 */
class LegacyEvidenceLogsTest {

    static final Path CASES = Path.of("src/test/resources/evidence/legacy");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void oldLogRendersTheDocumentsItRenderedBefore(String name) throws IOException {
        Documents rendered = documents().render(summary(name), entries(name));

        // what was rendered, to diff by hand when this fails
        Path actual = Files.createDirectories(Path.of("target/evidence-legacy"));
        Files.writeString(actual.resolve(name + "." + EvidenceDocuments.WHAT_SHIPPED), rendered.whatShipped(), StandardCharsets.UTF_8);
        Files.writeString(actual.resolve(name + "." + EvidenceDocuments.GO_LIVE_MANIFEST), rendered.goLiveManifest(), StandardCharsets.UTF_8);
        for (String document : EvidenceDocuments.NAMES) {
            List<String> unexplained = LineDiff.unexplained(expected(name, document), rendered.get(document), FIXES_SEEN);
            assertThat(unexplained).as("%s of %s: changes no deliberate fix explains", document, name).isEmpty();
        }
    }

    static final java.util.Set<Fix> FIXES_SEEN = java.util.EnumSet.noneOf(Fix.class);

    /** Each deliberate fix shows up in the stored logs: the explanations above are not vacuous. */
    @org.junit.jupiter.api.AfterAll
    static void everyFixWasSeen() {
        if (FIXES_SEEN.size() > 0) {
            assertThat(FIXES_SEEN).containsExactlyInAnyOrder(Fix.values());
        }
    }

    private EvidenceDocuments documents() {
        GoliveProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("golive.data-dir", dataDir.toString())))
                .bind("golive", GoliveProperties.class).get();
        return new EvidenceDocuments(new EvidenceLog(properties, JSON), properties);
    }

    static String expected(String name, String document) throws IOException {
        return Files.readString(CASES.resolve(name + "." + document), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(String name) throws IOException {
        return entries(CASES, name);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Path cases, String name) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String line : Files.readAllLines(cases.resolve(name + ".jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                entries.add(JSON.readValue(line, Map.class));
            }
        }
        return entries;
    }

    static Summary summary(String name) throws IOException {
        return summary(CASES, name);
    }

    static Summary summary(Path cases, String name) throws IOException {
        JsonNode s = JSON.readTree(cases.resolve(name + ".summary.json").toFile());
        return new Summary(text(s, "goLiveId"), text(s, "environment"), text(s, "imageRepository"), text(s, "releaseTag"),
                list(s, "install"), list(s, "update"), text(s, "notes"), text(s, "startedBy"),
                Instant.parse(text(s, "startedAt")), Instant.parse(text(s, "endedAt")), Outcome.parse(text(s, "outcome")),
                text(s, "outcomeReason"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> list(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
