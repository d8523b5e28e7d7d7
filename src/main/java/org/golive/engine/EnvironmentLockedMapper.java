package org.golive.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.golive.lock.EnvironmentLockedException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A go-live or rollback started through the engine REST API on a held environment: the start listener refuses
 * it, and the caller gets 409 naming the holder (as /api answers), not Camunda's 500.
 */
@Provider
public class EnvironmentLockedMapper implements ExceptionMapper<EnvironmentLockedException> {

    @Override
    public Response toResponse(EnvironmentLockedException exception) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "EnvironmentLockedException");
        body.put("message", exception.getMessage());
        if (exception.held() != null) {
            body.put("holder", exception.held().holder());
        }
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    @Configuration
    static class Registration {

        @Bean
        ResourceConfigCustomizer environmentLockedAsConflict() {
            return config -> config.register(EnvironmentLockedMapper.class);
        }
    }
}
