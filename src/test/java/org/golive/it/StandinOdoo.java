package org.golive.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.golive.config.Environments;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.odoo.OdooHttpProbe;

/**
 * A stand-in Odoo (golive/odoo:18.0-1) of a test's own environment: its database initialised with base, its
 * container serving on the environment's port (workers 0), its files under the test's directory. Pre-cleans all.
 */
final class StandinOdoo {

    private StandinOdoo() {
    }

    static void start(Environments environments, ContainerService containers, TargetDatabases databases, OdooHttpProbe probe,
                      String environment, Path dir, int port) throws Exception {
        TargetEnvironment target = environments.get(environment);
        String db = target.database().name();
        stop(environments, containers, databases, environment);
        ItStack.deleteTree(dir);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("odoo.conf"), "[options]\naddons_path = /mnt/extra-addons\ndata_dir = /var/lib/odoo\n"
                + "http_port = " + port + "\nhttp_interface = 127.0.0.1\ndbfilter = ^" + db + "$\nlist_db = False\n"
                + "admin_passwd = it-" + environment + "-master\nworkers = 0\nmax_cron_threads = 0\n");
        Docker.chown(dir.resolve("data"), 101);
        ContainerService.RunResult init = containers.run(target.dockerHost(), target.container(), ItStack.PREVIOUS,
                target.container().name() + "-init", List.of("odoo", "-d", db, "-i", "base,web", "--stop-after-init", "--no-http"),
                Duration.ofMinutes(3));
        if (init.exitCode() != 0) {
            throw new IllegalStateException("could not initialise " + db + ": " + init.logs());
        }
        containers.create(target.dockerHost(), target.container(), ItStack.PREVIOUS, target.container().name(), List.of(),
                Map.of("org.golive.environment", environment));
        containers.start(target.dockerHost(), target.container().name());
        Instant deadline = Instant.now().plusSeconds(60);
        while (!probe.healthy(target.odooUrl())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(target.odooUrl() + " did not become healthy");
            }
            Thread.sleep(200);
        }
    }

    static void stop(Environments environments, ContainerService containers, TargetDatabases databases, String environment)
            throws Exception {
        TargetEnvironment target = environments.get(environment);
        for (String name : Docker.names(target.dockerHost(), target.container().name())) {
            containers.remove(target.dockerHost(), name);
        }
        ItStack.dropDatabase(databases, environments.target(environment), target.database().name());
    }
}
