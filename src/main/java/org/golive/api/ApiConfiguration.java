package org.golive.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every {@code /api} endpoint names the groups it needs. */
@Configuration
public class ApiConfiguration implements WebMvcConfigurer {

    private final GroupAccessInterceptor groupAccess;

    public ApiConfiguration(GroupAccessInterceptor groupAccess) {
        this.groupAccess = groupAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(groupAccess).addPathPatterns("/api/**");
    }
}
