package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.repository.Deployment;
import org.golive.config.Target;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The REST APIs turn away what a page on another site could send with a user's stored login (a form, plain text
 * or an empty POST without the header X-Requested-By), and bodies over the limit before reading them; nothing
 * changes when they do.
 */
class RestApiGuardsTest extends ProcessTestSupport {

    private static final int MAX_BODY = 256 * 1024;

    @LocalServerPort
    int port;

    @Test
    void aPlainTextManifestAsAFormWouldSendItIsRefusedAndStartsNothing() {
        long before = instances();

        ResponseEntity<Map> response = post("release", "/api/go-lives", "text/plain", MANIFEST);

        assertThat(response.getStatusCode().value()).isEqualTo(415);
        assertThat((String) response.getBody().get("error")).contains("text/plain", "X-Requested-By", "application/yaml");
        assertThat(instances()).isEqualTo(before);
    }

    @Test
    void formBodiesToEngineRestAreRefusedAndChangeNothing() {
        long instances = instances();
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();

        ResponseEntity<Map> start = post("release", "/engine-rest/process-definition/key/go-live/start",
                "application/x-www-form-urlencoded", "businessKey=forged");
        ResponseEntity<Map> deploy = send("admin", HttpMethod.POST, "/engine-rest/deployment/create", MULTIPART,
                deployment("forged", ""), false);

        assertThat(start.getStatusCode().value()).isEqualTo(415);
        assertThat(deploy.getStatusCode().value()).isEqualTo(415);
        assertThat((String) deploy.getBody().get("error")).contains("multipart/form-data", "X-Requested-By");
        assertThat(instances()).isEqualTo(instances);
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void aBodilessPostNeedsTheHeader() {
        ResponseEntity<Map> bare = send("ops", HttpMethod.POST, "/api/environments/sandbox/backups", null, null, false);

        assertThat(bare.getStatusCode().value()).isEqualTo(403);
        assertThat((String) bare.getBody().get("error")).contains("X-Requested-By");
        verify(backups, never()).backUp(any(Target.class), anyString(), any());

        ResponseEntity<Map> withHeader = send("ops", HttpMethod.POST, "/api/environments/sandbox/backups", null, null, true);
        assertThat(withHeader.getStatusCode().value()).as("%s", withHeader.getBody()).isEqualTo(201);
    }

    @Test
    void jsonAndYamlNeedNoHeaderAndPlainTextIsNoManifestType() {
        assertThat(post("release", "/api/manifests/validate", "application/yaml", MANIFEST).getStatusCode().value()).isEqualTo(200);
        assertThat(post("release", "/engine-rest/task/count", "application/json", "{}").getStatusCode().value()).isEqualTo(200);

        ResponseEntity<Map> plain = send("release", HttpMethod.POST, "/api/manifests/validate", "text/plain", MANIFEST, true);
        assertThat(plain.getStatusCode().value()).isEqualTo(415);
    }

    @Test
    void anAdministratorDeploysAndUndeploysWithTheHeaderAboveTheApiBodyLimit() {
        // a deployment is bigger than any API call: it has its own limit (golive.http.max-deployment-size)
        String padding = "<!--" + "x".repeat(MAX_BODY + 1024) + "-->";
        ResponseEntity<Map> created = send("admin", HttpMethod.POST, "/engine-rest/deployment/create", MULTIPART,
                deployment("guards-probe", padding), true);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(200);
        String id = (String) created.getBody().get("id");
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(id).singleResult().getKey())
                .isEqualTo("Process_GuardsProbe");

        ResponseEntity<Map> bareDelete = send("admin", HttpMethod.DELETE, "/engine-rest/deployment/" + id + "?cascade=true", null, null, false);
        assertThat(bareDelete.getStatusCode().value()).isEqualTo(403);
        assertThat(deployment(id)).isNotNull();

        ResponseEntity<Map> delete = send("admin", HttpMethod.DELETE, "/engine-rest/deployment/" + id + "?cascade=true", null, null, true);
        assertThat(delete.getStatusCode().value()).isEqualTo(204);
        assertThat(deployment(id)).isNull();
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsSent() throws IOException {
        long before = instances();
        try (Socket socket = connect()) {
            // 20 MB announced, 1 KB sent: the answer must come without the rest
            head(socket, "POST /api/go-lives", "Content-Length: " + 20 * 1024 * 1024);
            socket.getOutputStream().write(new byte[1024]);
            socket.getOutputStream().flush();
            Instant sent = Instant.now();

            Answer answer = read(socket);

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("256KB", "golive.http.max-body-size");
            assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(instances()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws IOException {
        long before = instances();
        try (Socket socket = connect()) {
            head(socket, "POST /api/go-lives", "Transfer-Encoding: chunked");
            OutputStream out = socket.getOutputStream();
            byte[] chunk = "a: b\n".repeat(1024 * 4 / 5).getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent <= MAX_BODY + 16 * 1024; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            // no last chunk: a server that waited for the end of the body would never answer
            out.flush();

            Answer answer = read(socket);

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("golive.http.max-body-size");
        }
        assertThat(instances()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadAsAlways() throws IOException {
        try (Socket socket = connect()) {
            head(socket, "POST /api/manifests/validate", "Transfer-Encoding: chunked");
            byte[] manifest = MANIFEST.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write((Integer.toHexString(manifest.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(manifest);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            Answer answer = read(socket);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"tag\":\"18.0-2\"");
        }
    }

    private static final String BOUNDARY = "golive-guards-test";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    private static String deployment(String name, String padding) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_GuardsProbe" targetNamespace="https://golive.invalid/test">
                  <bpmn:process id="Process_GuardsProbe" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Started"/>
                  </bpmn:process>
                </bpmn:definitions>
                """ + padding;
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"guards-probe.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + BOUNDARY + "--\r\n";
    }

    private ResponseEntity<Map> send(String user, HttpMethod method, String path, String contentType, String body, boolean header) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "admin".equals(user) ? "admin" : "demo");
        if (contentType != null) {
            headers.setContentType(MediaType.parseMediaType(contentType));
        }
        if (header) {
            headers.set("X-Requested-By", "golive-test");
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    private Deployment deployment(String id) {
        return engine.getRepositoryService().createDeploymentQuery().deploymentId(id).singleResult();
    }

    private long instances() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void head(Socket socket, String requestLine, String framing) throws IOException {
        String auth = Base64.getEncoder().encodeToString("release:demo".getBytes(StandardCharsets.UTF_8));
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + auth
                + "\r\nContent-Type: application/yaml\r\n" + framing + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    }

    private record Answer(int status, String body) {
    }

    /** One HTTP/1.1 response, its body framed by Content-Length or chunked. */
    private static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        int length = 0;
        boolean chunked = false;
        for (String line : lines) {
            String header = line.toLowerCase(Locale.ROOT);
            if (header.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
            chunked |= header.startsWith("transfer-encoding:") && header.contains("chunked");
        }
        if (!chunked) {
            return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            body.write(in.readNBytes(size));
            in.readNBytes(2);
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return Integer.parseInt(line.toString().trim(), 16);
    }
}
