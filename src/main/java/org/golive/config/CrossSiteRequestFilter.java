package org.golive.config;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Refuses a state-changing call that a page on another site could make with the browser's stored login: a POST
 * with a form or plain-text body, or with no body at all, is sent cross-site without asking the server first
 * (no CORS preflight), and the browser adds the Basic credentials it remembers. A JSON or YAML body, or the
 * header {@value #HEADER}, cannot be sent cross-site without a preflight, which golive never grants.
 * The webapps under {@code /camunda/} have Camunda's own CSRF token and are not behind this filter.
 */
public final class CrossSiteRequestFilter extends HttpFilter {

    /** Any non-empty value will do: what matters is that only a non-browser client (or same-origin script) can set it. */
    public static final String HEADER = "X-Requested-By";

    static final List<String> ACCEPTED_TYPES = List.of("application/json", "application/*+json",
            "application/yaml", "application/x-yaml", "text/yaml");

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod()) || hasHeader(request)) {
            chain.doFilter(request, response);
            return;
        }
        String type = request.getContentType();
        if (type == null || type.isBlank()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, request.getMethod() + " without a body needs the header "
                    + HEADER + " (any value, e.g. '" + HEADER + ": golive')");
        } else if (!accepted(type)) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "a " + request.getMethod() + " body of type '"
                    + type + "' needs the header " + HEADER + " (any value, e.g. '" + HEADER + ": golive'); or send "
                    + String.join(", ", ACCEPTED_TYPES));
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean hasHeader(HttpServletRequest request) {
        String value = request.getHeader(HEADER);
        return value != null && !value.isBlank();
    }

    private static boolean accepted(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return ACCEPTED_TYPES.stream().map(MediaType::parseMediaType).anyMatch(accepted -> accepted.includes(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String error) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("header", HEADER);
        body.put("acceptedWithoutHeader", ACCEPTED_TYPES);
        RestRefusal.send(response, status, body);
    }
}
