package org.golive.api;

import static org.golive.step.ProcessConstants.GROUP_ANY_GOLIVE;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.golive.evidence.EvidenceDocuments;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evidence documents of a go-live, as written when it ended. Only the two document names are served, so
 * the path never reaches anything else under the data directory.
 */
@RestController
@RequestMapping("/api/go-lives/{id}/documents")
public class EvidenceDocumentsController {

    public static final MediaType MARKDOWN = new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8);

    private final EvidenceDocuments documents;

    public EvidenceDocumentsController(EvidenceDocuments documents) {
        this.documents = documents;
    }

    /** The documents written so far, each with its path. */
    @RequiresGroup(GROUP_ANY_GOLIVE)
    @GetMapping
    public ResponseEntity<Object> list(@PathVariable String id) {
        if (!documents.known(id)) {
            return notFound("no go-live '" + id + "'");
        }
        List<Map<String, String>> written = EvidenceDocuments.SERVED.stream().filter(name -> documents.read(id, name).isPresent())
                .map(name -> Map.of("name", name, "path", "/api/go-lives/" + id + "/documents/" + name)).toList();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(written);
    }

    @RequiresGroup(GROUP_ANY_GOLIVE)
    @GetMapping("/{name}")
    public ResponseEntity<Object> document(@PathVariable String id, @PathVariable String name) {
        if (!EvidenceDocuments.SERVED.contains(name)) {
            return notFound("no document '" + name + "': a go-live has " + String.join(" and ", EvidenceDocuments.NAMES)
                    + ", a fleet " + EvidenceDocuments.FLEET_SUMMARY);
        }
        if (!documents.known(id)) {
            return notFound("no go-live '" + id + "'");
        }
        Optional<String> document = documents.read(id, name);
        if (document.isEmpty()) {
            return notFound(name + " of go-live '" + id + "' is not written yet: golive writes it as the go-live ends");
        }
        return ResponseEntity.ok().contentType(MARKDOWN)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + "\"")
                .body(document.get());
    }

    private static ResponseEntity<Object> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
    }
}
