package org.golive.odoo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.config.GoliveProperties;
import org.springframework.stereotype.Service;

/** Talks HTTP to an Odoo server the way a browser and a load balancer would. */
@Service
public class OdooHttpProbe {

    /** One answer: status, body and how long it took. */
    public record Answer(String url, int status, String location, String contentType, String body, Duration took) {
    }

    /** The p95 latency of a burst of concurrent requests. */
    public record Latency(String url, int requests, int concurrency, Duration p50, Duration p95, Duration max,
                          int failures) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;

    public OdooHttpProbe(GoliveProperties properties, ObjectMapper json) {
        this.timeout = properties.validation().httpTimeout();
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Answer get(String baseUrl, String path) {
        URI uri = URI.create(strip(baseUrl) + path);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(uri.toString(), response.statusCode(),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new ProbeException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("GET " + uri + " interrupted", e);
        }
    }

    /** POSTs a url-encoded form, without cookies: what a forged cross-site form or a script without a session sends. */
    public Answer postForm(String baseUrl, String path, String form) {
        URI uri = URI.create(strip(baseUrl) + path);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(uri.toString(), response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new ProbeException("POST " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("POST " + uri + " interrupted", e);
        }
    }

    /** True when {@code /web/health} answers 200 with {@code "status": "pass"}. */
    public boolean healthy(String baseUrl) {
        try {
            Answer answer = get(baseUrl, "/web/health");
            return answer.status() == 200 && "pass".equals(json.readTree(answer.body()).path("status").asText());
        } catch (ProbeException | IOException e) {
            return false;
        }
    }

    public JsonNode jsonBody(Answer answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new ProbeException(answer.url() + " did not answer JSON: " + abbreviate(answer.body()), e);
        }
    }

    /** Opens a real WebSocket on {@code /websocket}: the handshake must be accepted (101). */
    public Duration websocketHandshake(String baseUrl) {
        URI uri = URI.create(strip(baseUrl).replaceFirst("^http", "ws") + "/websocket");
        long started = System.nanoTime();
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(uri, new WebSocket.Listener() {
                    })
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            socket.abort();
            return took;
        } catch (ExecutionException | CompletionException e) {
            throw new ProbeException("WebSocket handshake with " + uri + " refused: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new ProbeException("WebSocket handshake with " + uri + " timed out after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("interrupted", e);
        }
    }

    /** Sends {@code requests} GETs, {@code concurrency} at a time, and reports the latency percentiles. */
    public Latency latency(String baseUrl, String path, int requests, int concurrency) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> get(baseUrl, path)));
            }
            List<Duration> took = new ArrayList<>();
            int failures = 0;
            for (Future<Answer> future : futures) {
                try {
                    Answer answer = future.get();
                    took.add(answer.took());
                    if (answer.status() >= 400) {
                        failures++;
                    }
                } catch (ExecutionException e) {
                    failures++;
                    took.add(timeout);
                }
            }
            Collections.sort(took);
            return new Latency(strip(baseUrl) + path, requests, concurrency, percentile(took, 50), percentile(took, 95),
                    took.get(took.size() - 1), failures);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    static Duration percentile(List<Duration> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String strip(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }

    /** The server could not be asked (connection refused, timeout): a technical fault. */
    public static class ProbeException extends RuntimeException {
        public ProbeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
