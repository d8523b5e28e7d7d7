package org.golive.monitoring;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link OperationsMetrics#refresh()} on its schedule. */
@Configuration
@EnableScheduling
public class MonitoringConfiguration {
}
