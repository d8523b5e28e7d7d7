package org.golive.odoo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.config.GoliveProperties;
import org.springframework.stereotype.Component;

/**
 * Odoo's external API: XML-RPC {@code /xmlrpc/2/common} and {@code /xmlrpc/2/object} (odoo/service/common.py,
 * model.py) and the web client's JSON-RPC {@code /web/session/authenticate}. Passwords go into the request body
 * only, never into a URL, an exception message or a log.
 */
@Component
public class OdooRpc {

    /** The endpoint is not there (HTTP 404/405/501, or an answer that is no RPC answer): an Odoo without it. */
    public static class EndpointMissingException extends RuntimeException {
        public EndpointMissingException(String message) {
            super(message);
        }
    }

    /** The XML-RPC fault code of odoo.exceptions.AccessDenied (odoo/http.py RPC_FAULT_CODE_ACCESS_DENIED). */
    public static final int ACCESS_DENIED = 3;

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;

    public OdooRpc(GoliveProperties properties, ObjectMapper json) {
        this.timeout = properties.validation().httpTimeout();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code common.version()}: server_version and friends. */
    public Map<?, ?> version(String baseUrl) {
        Object version = call(baseUrl, "common", "version", List.of());
        if (version instanceof Map<?, ?> map) {
            return map;
        }
        throw new EndpointMissingException(baseUrl + "/xmlrpc/2/common version() answered " + version);
    }

    /**
     * {@code common.authenticate(db, login, password, {})}: the uid, or null when Odoo refuses the credentials
     * (it answers False rather than a fault).
     */
    public Integer authenticate(String baseUrl, String database, String login, String password) {
        try {
            Object uid = call(baseUrl, "common", "authenticate", List.of(database, login, password, Map.of()));
            return uid instanceof Integer id ? id : null;
        } catch (XmlRpc.Fault fault) {
            // Odoo before 17 let AccessDenied through as fault 3 instead of answering False
            if (fault.code() == ACCESS_DENIED) {
                return null;
            }
            throw fault;
        }
    }

    /** {@code object.execute_kw(db, uid, password, model, method, args, kwargs)}. */
    public Object executeKw(String baseUrl, String database, int uid, String password, String model, String method,
                            List<?> args, Map<String, ?> kwargs) {
        return call(baseUrl, "object", "execute_kw", List.of(database, uid, password, model, method, args, kwargs));
    }

    /** JSON-RPC {@code /web/session/authenticate}: the uid, or null when Odoo answers AccessDenied. */
    public Integer sessionAuthenticate(String baseUrl, String database, String login, String password) {
        String url = strip(baseUrl) + "/web/session/authenticate";
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("jsonrpc", "2.0", "method", "call", "id", 1,
                    "params", Map.of("db", database, "login", login, "password", password)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<byte[]> response = post(url, "application/json", body);
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new EndpointMissingException(url + " answered HTTP " + response.statusCode() + " without JSON-RPC");
        }
        if (answer.has("result") && answer.path("result").path("uid").isInt()) {
            return answer.path("result").path("uid").asInt();
        }
        if ("odoo.exceptions.AccessDenied".equals(answer.path("error").path("data").path("name").asText())) {
            return null;
        }
        throw new IllegalStateException(url + " answered neither a session nor AccessDenied: "
                + OdooHttpProbe.abbreviate(answer.path("error").path("data").path("message").asText(answer.toString())));
    }

    /** One XML-RPC call; a fault answer throws {@link XmlRpc.Fault}, an unreachable Odoo an UncheckedIOException. */
    public Object call(String baseUrl, String service, String method, List<?> params) {
        String url = strip(baseUrl) + "/xmlrpc/2/" + service;
        HttpResponse<byte[]> response = post(url, "text/xml", XmlRpc.request(method, params).getBytes(StandardCharsets.UTF_8));
        try {
            return XmlRpc.response(response.body());
        } catch (IOException e) {
            throw new EndpointMissingException(url + " answered HTTP " + response.statusCode() + " without XML-RPC: " + e.getMessage());
        }
    }

    private HttpResponse<byte[]> post(String url, String contentType, byte[] body) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 || response.statusCode() == 405 || response.statusCode() == 501) {
                throw new EndpointMissingException(url + " answered HTTP " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + url, e);
        }
    }

    private static String strip(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
