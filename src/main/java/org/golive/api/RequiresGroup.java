package org.golive.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The groups that may call a golive API endpoint (any one of them is enough; {@code camunda-admin} may call
 * every endpoint). An endpoint without this annotation is refused to everyone: {@link GroupAccessInterceptor}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresGroup {

    String[] value();
}
