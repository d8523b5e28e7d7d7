package org.golive.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

/** The answer of a request guard that turns a call away before any controller sees it: a status and a JSON body. */
final class RestRefusal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestRefusal() {
    }

    static void send(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        response.flushBuffer();
    }
}
