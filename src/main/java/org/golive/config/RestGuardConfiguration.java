package org.golive.config;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the REST APIs refuse before a controller sees a request: cross-site simple requests and oversized bodies.
 * Both run after authentication ({@link GoliveConfiguration#restAuthentication()}); Camunda's webapps under
 * {@code /camunda/} have their own CSRF protection and are not affected.
 */
@Configuration
public class RestGuardConfiguration {

    @Bean
    FilterRegistrationBean<Filter> crossSiteRequestGuard() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new CrossSiteRequestFilter());
        registration.setName("golive-rest-cross-site-guard");
        registration.addUrlPatterns(GoliveConfiguration.REST_PATHS);
        registration.setOrder(GoliveConfiguration.REST_AUTHENTICATION_ORDER + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> bodySizeLimit(HttpProperties limits) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(limits));
        registration.setName("golive-rest-body-size-limit");
        registration.addUrlPatterns(GoliveConfiguration.REST_PATHS);
        registration.setOrder(GoliveConfiguration.REST_AUTHENTICATION_ORDER + 2);
        return registration;
    }
}
