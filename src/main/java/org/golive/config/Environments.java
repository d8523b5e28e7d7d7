package org.golive.config;

import java.util.Set;
import java.util.TreeSet;

import org.golive.config.GoliveProperties.Container;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.springframework.stereotype.Component;

/** Looks up target environments and their secrets. */
@Component
public class Environments {

    private final GoliveProperties properties;

    public Environments(GoliveProperties properties) {
        this.properties = properties;
    }

    public Set<String> names() {
        return new TreeSet<>(properties.environments().keySet());
    }

    public boolean exists(String name) {
        return name != null && properties.environments().containsKey(name);
    }

    /** The image repositories a release on the environment may come from: its own and those it allows. */
    public Set<String> imageRepositories(String name) {
        Container container = get(name).container();
        Set<String> repositories = new TreeSet<>();
        if (container != null) {
            if (container.imageRepository() != null && !container.imageRepository().isBlank()) {
                repositories.add(container.imageRepository().strip());
            }
            container.allowedImageRepositories().stream().map(String::strip).filter(r -> !r.isEmpty()).forEach(repositories::add);
        }
        return repositories;
    }

    public TargetEnvironment get(String name) {
        return target(name).settings();
    }

    /** The environment of that name, resolved once to be passed down; an unknown name is refused here. */
    public Target target(String name) {
        TargetEnvironment environment = properties.environments().get(name);
        if (environment == null) {
            throw new IllegalArgumentException("unknown environment '" + name + "'; configured: " + names());
        }
        return new Target(name, environment);
    }

    /**
     * The database password, read when needed so that it never travels through process variables.
     */
    public String databasePassword(String name) {
        return target(name).databasePassword();
    }
}
