package org.golive.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.golive.manifest.InvalidManifestException;
import org.golive.support.InvalidInputException;

/**
 * A start listener that refuses a manifest, a business key or a rollback request throws straight through engine
 * REST ({@code POST /engine-rest/process-definition/key/go-live/start}), which would answer 500: the caller's
 * mistake is a 400 that names the field, in Camunda's error shape plus the list of problems. Any other exception
 * goes to Camunda's own handler unchanged.
 */
@Provider
@Priority(1)
public class InvalidInputExceptionMapper implements ExceptionMapper<RuntimeException> {

    private final ExceptionHandler camundaHandler = new ExceptionHandler();

    @Override
    public Response toResponse(RuntimeException exception) {
        return refusal(exception).orElseGet(() -> camundaHandler.toResponse(exception));
    }

    /** The 400 for a refused input anywhere in the cause chain (the engine may wrap it), if there is one. */
    static Optional<Response> refusal(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidManifestException manifest) {
                return Optional.of(badRequest("InvalidManifestException", manifest.getMessage(), manifest.problems().stream()
                        .map(p -> Map.of("field", p.field(), "message", p.message())).toList()));
            }
            if (cause instanceof InvalidInputException input) {
                return Optional.of(badRequest("InvalidInputException", input.getMessage(),
                        List.of(Map.of("field", input.field(), "message", input.problem()))));
            }
        }
        return Optional.empty();
    }

    private static Response badRequest(String type, String message, List<Map<String, String>> problems) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("type", type, "message", message, "problems", problems)).build();
    }
}
