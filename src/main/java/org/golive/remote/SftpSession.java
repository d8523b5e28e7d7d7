package org.golive.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.golive.config.GoliveProperties.Ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;

/**
 * Files on another host over one SSH login (key, known host key, as {@link SshCommands}): SFTP to write and look, an
 * exec channel of the same login for {@code sha256sum}. A file is written beside its place ({@code .partial}) and
 * renamed into it, so a half-sent file never carries the final name.
 */
public final class SftpSession implements AutoCloseable {

    private final Ssh ssh;
    private final Session session;
    private final ChannelSftp sftp;

    private SftpSession(Ssh ssh, Session session, ChannelSftp sftp) {
        this.ssh = ssh;
        this.session = session;
        this.sftp = sftp;
    }

    public static SftpSession open(Ssh ssh) {
        Session session = null;
        try {
            session = SshCommands.connect(ssh);
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect((int) ssh.timeout().toMillis());
            return new SftpSession(ssh, session, sftp);
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            throw new RemoteCommandException("sftp " + where(ssh) + ": " + e.getMessage(), e);
        }
    }

    /** The size of a regular file there, or empty when there is none. */
    public Optional<Long> size(String path) {
        try {
            SftpATTRS attrs = sftp.stat(path);
            return attrs.isReg() ? Optional.of(attrs.getSize()) : Optional.empty();
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw failed("stat " + path, e);
        }
    }

    /** Creates the directory and its parents that are missing ({@code mkdir -p}). */
    public void directories(String path) {
        StringBuilder current = new StringBuilder(path.startsWith("/") ? "/" : "");
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            current.append(current.isEmpty() || current.charAt(current.length() - 1) == '/' ? "" : "/").append(part);
            String dir = current.toString();
            try {
                if (!sftp.stat(dir).isDir()) {
                    throw new RemoteCommandException("sftp " + where(ssh) + ": " + dir + " exists and is no directory");
                }
            } catch (SftpException missing) {
                try {
                    sftp.mkdir(dir);
                } catch (SftpException e) {
                    throw failed("mkdir " + dir, e);
                }
            }
        }
    }

    /** Sends a local file to {@code path}, replacing what is there. */
    public void put(Path local, String path) {
        String partial = path + ".partial";
        try {
            sftp.put(local.toString(), partial, ChannelSftp.OVERWRITE);
            if (size(path).isPresent()) {
                sftp.rm(path);
            }
            sftp.rename(partial, path);
        } catch (SftpException e) {
            throw failed("put " + path, e);
        }
    }

    /**
     * SHA-256 of a file there: {@code sha256sum} on the host, or, where it has none (exit status not 0), the file read
     * back over SFTP and hashed here.
     */
    public String sha256(String path) {
        String remote = sha256sum(path);
        return remote != null ? remote : readBack(path);
    }

    private String sha256sum(String path) {
        ChannelExec exec = null;
        try {
            exec = (ChannelExec) session.openChannel("exec");
            exec.setCommand(SshCommands.quote(List.of("sha256sum", "--", path)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exec.setOutputStream(out);
            exec.setErrStream(new ByteArrayOutputStream());
            exec.connect((int) ssh.timeout().toMillis());
            long deadline = System.nanoTime() + ssh.timeout().toNanos();
            while (!exec.isClosed()) {
                if (System.nanoTime() > deadline) {
                    throw new RemoteCommandException("ssh " + where(ssh) + ": sha256sum " + path + " did not finish within " + ssh.timeout());
                }
                Thread.sleep(20);
            }
            String digest = out.toString(StandardCharsets.UTF_8).strip().split("\\s+")[0];
            return exec.getExitStatus() == 0 && digest.matches("[0-9a-f]{64}") ? digest : null;
        } catch (JSchException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCommandException("ssh " + where(ssh) + ": interrupted", e);
        } finally {
            if (exec != null) {
                exec.disconnect();
            }
        }
    }

    private String readBack(String path) {
        try (InputStream in = sftp.get(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (SftpException e) {
            throw failed("get " + path, e);
        } catch (IOException e) {
            throw new RemoteCommandException("sftp " + where(ssh) + ": reading back " + path + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private RemoteCommandException failed(String what, SftpException e) {
        return new RemoteCommandException("sftp " + where(ssh) + ": " + what + ": " + e.getMessage(), e);
    }

    private static String where(Ssh ssh) {
        return ssh.user() + "@" + ssh.host() + ":" + ssh.port();
    }

    @Override
    public void close() {
        sftp.disconnect();
        session.disconnect();
    }
}
