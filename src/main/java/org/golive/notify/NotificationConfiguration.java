package org.golive.notify;

import java.time.Clock;

import org.golive.config.GoliveProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class NotificationConfiguration {

    @Bean
    NotificationTemplates notificationTemplates(GoliveProperties golive, NotificationProperties notifications) {
        return new NotificationTemplates(golive.publicUrl(), notifications.rollback(), notifications.timeZone(), Clock.systemUTC());
    }
}
