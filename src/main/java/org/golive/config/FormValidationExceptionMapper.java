package org.golive.config;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * A task completed with a refused form value is the caller's mistake: answer 400 with the message, not
 * 500. The engine wraps exceptions thrown by task listeners, so the validation error is found in the
 * cause chain, as is a refused start (InvalidInputExceptionMapper); anything else goes to Camunda's own handler
 * unchanged.
 */
@Provider
@Priority(1)
public class FormValidationExceptionMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormFieldValidationException validation) {
                return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("type", "FormFieldValidationException", "message", validation.getMessage()))
                        .build();
            }
        }
        return InvalidInputExceptionMapper.refusal(exception).orElseGet(() -> camundaHandler.toResponse(exception));
    }
}
