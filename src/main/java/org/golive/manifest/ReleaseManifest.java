package org.golive.manifest;

import java.util.List;

/**
 * What one release ships: an immutable image tag and the Odoo modules to install and update, in order; the change
 * ticket it belongs to, the reason when it is a hotfix (a go-live inside a change freeze needs one), and the commands
 * it runs before and after the module run ({@link ReleaseHooks}).
 */
public record ReleaseManifest(
        String image,
        String tag,
        String environment,
        List<String> install,
        List<String> update,
        String notes,
        String change,
        String hotfixReason,
        ReleaseHooks hooks) {

    public ReleaseManifest {
        install = List.copyOf(install);
        update = List.copyOf(update);
        hooks = hooks == null ? ReleaseHooks.NONE : hooks;
    }

    public ReleaseManifest(String image, String tag, String environment, List<String> install, List<String> update, String notes,
                           String change, String hotfixReason) {
        this(image, tag, environment, install, update, notes, change, hotfixReason, ReleaseHooks.NONE);
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
