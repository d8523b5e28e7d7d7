package org.golive.manifest;

import java.util.List;

/**
 * What one release ships: an immutable image tag and the Odoo modules to install and update, in order; the change
 * ticket it belongs to, and the reason when it is a hotfix (a go-live inside a change freeze needs one).
 */
public record ReleaseManifest(
        String image,
        String tag,
        String environment,
        List<String> install,
        List<String> update,
        String notes,
        String change,
        String hotfixReason) {

    public ReleaseManifest {
        install = List.copyOf(install);
        update = List.copyOf(update);
    }

    public ReleaseManifest(String image, String tag, String environment, List<String> install, List<String> update, String notes) {
        this(image, tag, environment, install, update, notes, null, null);
    }

    public String imageReference() {
        return image + ":" + tag;
    }

    /** A hotfix always carries its reason: the manifest reader refuses {@code hotfix: true} without one. */
    public boolean hotfix() {
        return hotfixReason != null;
    }
}
