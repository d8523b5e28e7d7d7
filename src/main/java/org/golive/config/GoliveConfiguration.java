package org.golive.config;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.golive.manifest.FleetManifestReader;
import org.golive.manifest.ManifestReader;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
public class GoliveConfiguration {

    static final String[] REST_PATHS = {"/engine-rest/*", "/api/*"};

    /** The REST guards of {@link RestGuardConfiguration} run after authentication, so an unknown caller gets a plain 401. */
    static final int REST_AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    @Bean
    ManifestReader manifestReader(Environments environments, ReleaseRuleProperties rules) {
        return new ManifestReader(ManifestReader.shippedEnterpriseModules(), environments::exists, environments::imageRepositories,
                environment -> rules.of(environment).manifestRules());
    }

    /** A fleet's release part is read by the same reader, once per environment of its waves. */
    @Bean
    FleetManifestReader fleetManifestReader(ManifestReader manifestReader, Environments environments) {
        return new FleetManifestReader(manifestReader, environments::exists);
    }

    @Bean
    ResourceConfigCustomizer formValidationAsBadRequest() {
        return config -> {
            config.register(FormValidationExceptionMapper.class);
            config.register(InvalidInputExceptionMapper.class);
        };
    }

    /**
     * The engine REST API and golive's own API know who calls them (HTTP Basic against Camunda's users), so
     * a completed task or a started go-live is attributed to a person.
     */
    @Bean
    FilterRegistrationBean<Filter> restAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("golive-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns(REST_PATHS);
        registration.setOrder(REST_AUTHENTICATION_ORDER);
        return registration;
    }
}
