package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Reads a go-live's evidence documents the way a person does, over golive's REST API:
 * {@code EvidenceDocumentsFetch.whatShipped(rest, done.getBusinessKey())} in an end-to-end test.
 */
public final class EvidenceDocumentsFetch {

    private EvidenceDocumentsFetch() {
    }

    public static String whatShipped(TestRestTemplate rest, String goLiveId) {
        return document(rest, goLiveId, "WHAT_SHIPPED.md");
    }

    public static String goLiveManifest(TestRestTemplate rest, String goLiveId) {
        return document(rest, goLiveId, "GO_LIVE_MANIFEST.md");
    }

    /** The document's Markdown; fails the test unless golive answers 200 with text/markdown. */
    public static String document(TestRestTemplate rest, String goLiveId, String name) {
        ResponseEntity<String> response = get(rest, "lead", "/api/go-lives/" + goLiveId + "/documents/" + name);
        assertThat(response.getStatusCode().value()).as("GET %s of %s: %s", name, goLiveId, response.getBody()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType()).as("content type of %s", name).isNotNull()
                .satisfies(type -> assertThat(type.toString()).startsWith("text/markdown"));
        return response.getBody();
    }

    /** A GET as one of the demo users (password {@code demo}); {@code user} null sends no credentials. */
    public static ResponseEntity<String> get(TestRestTemplate rest, String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, "demo");
        }
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
