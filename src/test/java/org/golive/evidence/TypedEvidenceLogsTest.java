package org.golive.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.config.GoliveProperties;
import org.golive.evidence.EvidenceDocuments.Documents;
import org.golive.evidence.EvidenceDocuments.Summary;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Logs written with kinds (by the process tests' go-lives, stored under {@code src/test/resources/evidence/typed/})
 * render exactly as the same logs without their kinds: the kinds every producer writes agree with how older
 * logs are read, so a go-live whose log spans the upgrade reads as one.
 */
class TypedEvidenceLogsTest {

    static final Path CASES = Path.of("src/test/resources/evidence/typed");

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
    void kindsAgreeWithHowOldLogsAreRead(String name) throws IOException {
        List<Map<String, Object>> typed = LegacyEvidenceLogsTest.entries(CASES, name);
        assertThat(typed).isNotEmpty().allSatisfy(e -> assertThat(e).containsKey(EvidenceKind.FIELD));
        List<Map<String, Object>> untyped = typed.stream().map(e -> {
            Map<String, Object> copy = new LinkedHashMap<>(e);
            copy.remove(EvidenceKind.FIELD);
            return copy;
        }).toList();
        Summary summary = LegacyEvidenceLogsTest.summary(CASES, name);

        Documents byKind = documents().render(summary, typed);
        Documents byLegacyReading = documents().render(summary, untyped);

        assertThat(byKind.whatShipped()).isEqualTo(byLegacyReading.whatShipped());
        assertThat(byKind.goLiveManifest()).isEqualTo(byLegacyReading.goLiveManifest()).doesNotContain("- kind:");
        assertThat(byKind.whatShipped()).doesNotContain("| unknown |", "&gt;", "&lt;", "&amp;");
    }

    private EvidenceDocuments documents() {
        GoliveProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("golive.data-dir", dataDir.toString())))
                .bind("golive", GoliveProperties.class).get();
        return new EvidenceDocuments(new EvidenceLog(properties, new ObjectMapper()), properties);
    }
}
