package org.golive.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * One release for many environments, in waves: {@code release} is the release as read for the fleet's first
 * environment (its image, tag and modules are the same everywhere); {@link #childManifest} is the release manifest a
 * wave's go-live of one environment is started with. A canary, when named, is the only environment of wave 0.
 */
public record FleetManifest(ReleaseManifest release, String canary, List<List<String>> waves, String releaseYaml) {

    public FleetManifest {
        waves = waves.stream().map(List::copyOf).toList();
    }

    /** Every environment of the fleet, wave by wave. */
    public List<String> environments() {
        List<String> all = new ArrayList<>();
        waves.forEach(all::addAll);
        return all;
    }

    /** The release manifest of one environment's go-live: the fleet's release part, as written, and the environment. */
    public String childManifest(String environment) {
        return FleetManifestReader.childManifest(releaseYaml, environment);
    }
}
