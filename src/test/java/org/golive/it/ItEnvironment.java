package org.golive.it;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An environment an IT class adds beside {@code it}, in its {@code @DynamicPropertySource}: the same Docker host,
 * database server and password file as {@code it}, under names of its own so the ITs cannot clash.
 */
final class ItEnvironment {

    private static final String IT = "golive.environments.it.";
    private static final String SECRET = "/run/secrets/odoo-db-password";

    private final DynamicPropertyRegistry registry;
    private final String prefix;
    private int mounts;

    private ItEnvironment(DynamicPropertyRegistry registry, String name) {
        this.registry = registry;
        this.prefix = "golive.environments." + name + ".";
    }

    /** Odoo's URL and the database, with {@code it}'s password: enough for an environment without a container. */
    static ItEnvironment of(DynamicPropertyRegistry registry, String name, String odooUrl, String database) {
        ItEnvironment env = new ItEnvironment(registry, name);
        env.set("odoo-url", odooUrl);
        env.set("database.name", database);
        env.set("database.password-file", "${" + IT + "database.password-file}");
        return env;
    }

    /** The database server and login spelled out, as an operator's configuration names them. */
    ItEnvironment databaseOnLocalhost() {
        set("database.host", "127.0.0.1");
        set("database.port", "5432");
        return set("database.user", "odoo");
    }

    /** A stand-in container of {@code golive/odoo} on {@code it}'s Docker host. */
    ItEnvironment container(String name, String networkMode) {
        set("docker-host", "${" + IT + "docker-host}");
        set("container.name", name);
        set("container.image-repository", "golive/odoo");
        return set("container.network-mode", networkMode);
    }

    /**
     * Odoo's database login inside the container, as the official image takes it: HOST, USER and the password
     * from a mounted secret ({@code PASSWORD_FILE}); PORT only when {@code port} is not null.
     */
    ItEnvironment odooLogin(String port) {
        set("container.env.HOST", "127.0.0.1");
        if (port != null) {
            set("container.env.PORT", port);
        }
        set("container.env.USER", "odoo");
        set("container.env.PASSWORD_FILE", SECRET);
        return mount("${" + IT + "database.password-file}:" + SECRET + ":ro");
    }

    /** Mounts {@code dir/odoo.conf} read-only and {@code dir/data} as Odoo's data directory. */
    ItEnvironment confAndData(Path dir) {
        mount(dir.resolve("odoo.conf") + ":/etc/odoo/odoo.conf:ro");
        return mount(dir.resolve("data") + ":/var/lib/odoo");
    }

    ItEnvironment mount(String spec) {
        return set("container.mounts[" + mounts++ + "]", spec);
    }

    ItEnvironment set(String key, String value) {
        registry.add(prefix + key, () -> value);
        return this;
    }
}
