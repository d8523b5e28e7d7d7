package org.golive.step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.config.GoliveProperties;
import org.springframework.stereotype.Service;

/**
 * What each step of a go-live did, one JSON line per entry under {@code <data-dir>/evidence/<goLiveId>.jsonl}.
 * Callers pass facts only; secrets never reach this class.
 */
@Service
public class EvidenceLog {

    private final Path directory;
    private final ObjectMapper json;

    public EvidenceLog(GoliveProperties properties, ObjectMapper json) {
        this.directory = properties.dataDir().resolve("evidence");
        this.json = json;
    }

    public void record(String goLiveId, String step, EvidenceKind kind, Map<String, ?> facts) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(EvidenceKind.FIELD, kind.value());
        entry.putAll(facts);
        record(goLiveId, step, entry);
    }

    /** An entry without a kind: readers take it for what its step and facts say, as for entries written before kinds. */
    public synchronized void record(String goLiveId, String step, Map<String, ?> facts) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Instant.now().toString());
        entry.put("step", step);
        entry.putAll(facts);
        try {
            String line = json.writeValueAsString(entry) + "\n";
            try {
                append(goLiveId, line);
            } catch (NoSuchFileException e) {
                // the first entry on this data dir: every step writes here, so the directory is made only once
                Files.createDirectories(directory);
                append(goLiveId, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence for " + goLiveId, e);
        }
    }

    private void append(String goLiveId, String line) throws IOException {
        Files.writeString(file(goLiveId), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public List<Map<String, Object>> entries(String goLiveId) {
        Path file = file(goLiveId);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(json.readValue(line, Map.class));
                }
            }
            return entries;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence of " + goLiveId + " is not valid JSON lines", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether anything was ever recorded for this go-live. */
    public boolean exists(String goLiveId) {
        return Files.exists(file(goLiveId));
    }

    private Path file(String goLiveId) {
        if (!goLiveId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a go-live id: " + goLiveId);
        }
        return directory.resolve(goLiveId + ".jsonl");
    }
}
