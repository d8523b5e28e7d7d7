package org.golive.manifest;

import java.util.List;

/** What one release ships: an immutable image tag and the Odoo modules to install and update, in order. */
public record ReleaseManifest(
        String image,
        String tag,
        String environment,
        List<String> install,
        List<String> update,
        String notes) {

    public ReleaseManifest {
        install = List.copyOf(install);
        update = List.copyOf(update);
    }

    public String imageReference() {
        return image + ":" + tag;
    }
}
