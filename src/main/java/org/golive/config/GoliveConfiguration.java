package org.golive.config;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.golive.manifest.ManifestReader;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class GoliveConfiguration {

    @Bean
    ManifestReader manifestReader(Environments environments) {
        return new ManifestReader(ManifestReader.shippedEnterpriseModules(), environments::exists, environments::imageRepositories);
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
        registration.addUrlPatterns("/engine-rest/*", "/api/*");
        return registration;
    }
}
