package org.golive.step;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What a go-live was started with and approved for, as a digest in golive's own table
 * ({@code golive_release_seal}), written once when the go-live starts. The release travels as process
 * variables, which the engine lets a task completion or an admin change; before a deploy step acts, and when
 * the lead says go, the variables must still give the sealed digest.
 */
@Service
public class ReleaseSeals {

    /** The release as approved: what the deploy steps act on. */
    public record Release(String environment, String imageRepository, String releaseTag, String installModules,
                          String updateModules, String hooks) {

        public Release(String environment, String imageRepository, String releaseTag, String installModules, String updateModules) {
            this(environment, imageRepository, releaseTag, installModules, updateModules, null);
        }

        String digest() {
            String canonical = String.join("\n", List.of("environment=" + nz(environment), "image=" + nz(imageRepository),
                    "tag=" + nz(releaseTag), "install=" + nz(installModules), "update=" + nz(updateModules)));
            // a release without hooks keeps the digest it had before hooks existed: running instances stay sealed
            if (hooks != null && !hooks.isEmpty()) {
                canonical += "\nhooks=" + hooks;
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String nz(String value) {
            return value == null ? "" : value;
        }
    }

    private final JdbcTemplate jdbc;

    public ReleaseSeals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Seals the release of a go-live; sealing the same release again (a retried start) changes nothing. */
    public void seal(String goLiveId, Release release) {
        String digest = release.digest();
        try {
            jdbc.update("INSERT INTO golive_release_seal (go_live_id, digest, sealed_at) VALUES (?, ?, ?)",
                    goLiveId, digest, Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException e) {
            if (!digest.equals(sealed(goLiveId).orElse(null))) {
                throw new IllegalStateException("go-live " + goLiveId + " is already sealed for another release");
            }
        }
    }

    public Optional<String> sealed(String goLiveId) {
        return jdbc.query("SELECT digest FROM golive_release_seal WHERE go_live_id = ?", (rs, n) -> rs.getString(1), goLiveId)
                .stream().findFirst();
    }

    /** Null when the release is the sealed one, else what is wrong. */
    public String mismatch(String goLiveId, Release release) {
        Optional<String> sealed = sealed(goLiveId);
        if (sealed.isEmpty()) {
            return "go-live " + goLiveId + " has no sealed release";
        }
        if (!sealed.get().equals(release.digest())) {
            return "the release variables of " + goLiveId + " (" + release.imageRepository() + ":" + release.releaseTag()
                    + ", install " + release.installModules() + ", update " + release.updateModules() + ", on " + release.environment()
                    + ") are not the release it was started and approved with";
        }
        return null;
    }
}
