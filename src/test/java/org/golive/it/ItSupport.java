package org.golive.it;

import org.golive.config.Environments;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.odoo.OdooHttpProbe;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration
public class ItSupport {

    @Bean
    ItStack itStack(Environments environments, ContainerService containers, TargetDatabases databases, OdooHttpProbe probe) {
        return new ItStack(environments, containers, databases, probe);
    }
}
