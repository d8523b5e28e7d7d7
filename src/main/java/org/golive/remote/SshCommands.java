package org.golive.remote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.golive.config.GoliveProperties.Ssh;
import org.springframework.stereotype.Service;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * Runs one command on another host over SSH (JSch): key login, the host key checked against a known_hosts file,
 * the argv quoted for the remote shell so that no argument is ever read as shell syntax.
 */
@Service
public class SshCommands {

    private static final int KEPT_OUTPUT = 2_000;

    /** What a remote command did; output is cut to its last 2,000 characters. */
    public record Result(int exitCode, String stdout, String stderr, Duration took) {
    }

    /** Logs in and out again, running nothing: whether the host, its key and the login are as configured. */
    public Duration login(Ssh ssh) {
        Objects.requireNonNull(ssh, "ssh");
        long started = System.nanoTime();
        Session session = null;
        try {
            session = connect(ssh);
            return Duration.ofNanos(System.nanoTime() - started);
        } catch (JSchException e) {
            throw new RemoteCommandException("ssh " + where(ssh) + ": " + e.getMessage(), e);
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
    }

    public Result run(Ssh ssh, List<String> argv) {
        Objects.requireNonNull(ssh, "ssh");
        if (argv == null || argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("ssh " + where(ssh) + ": no command to run");
        }
        long started = System.nanoTime();
        String where = where(ssh);
        Session session = null;
        ChannelExec channel = null;
        try {
            session = connect(ssh);
            int timeout = (int) ssh.timeout().toMillis();
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(quote(argv));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setOutputStream(out);
            channel.setErrStream(err);
            channel.connect(timeout);
            long deadline = started + ssh.timeout().toNanos();
            while (!channel.isClosed()) {
                if (System.nanoTime() > deadline) {
                    throw new RemoteCommandException("ssh " + where + ": " + argv.get(0) + " did not finish within " + ssh.timeout());
                }
                Thread.sleep(20);
            }
            return new Result(channel.getExitStatus(), tail(out), tail(err), Duration.ofNanos(System.nanoTime() - started));
        } catch (JSchException e) {
            // JSch's messages name the cause (auth fail, reject HostKey, connection refused) and never the key
            throw new RemoteCommandException("ssh " + where + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCommandException("ssh " + where + ": interrupted", e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
            if (session != null) {
                session.disconnect();
            }
        }
    }

    static Session connect(Ssh ssh) throws JSchException {
        JSch jsch = new JSch();
        jsch.addIdentity(ssh.privateKeyFile().toString());
        jsch.setKnownHosts(ssh.knownHostsFile().toString());
        Session session = jsch.getSession(ssh.user(), ssh.host(), ssh.port());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        int timeout = (int) ssh.timeout().toMillis();
        session.setTimeout(timeout);
        session.connect(timeout);
        return session;
    }

    private static String where(Ssh ssh) {
        return ssh.user() + "@" + ssh.host() + ":" + ssh.port();
    }

    /** POSIX single quotes around every argument: the remote shell sees words, never syntax. */
    static String quote(List<String> argv) {
        return argv.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    private static String tail(ByteArrayOutputStream stream) {
        String text = stream.toString(StandardCharsets.UTF_8).strip();
        return text.length() <= KEPT_OUTPUT ? text : text.substring(text.length() - KEPT_OUTPUT);
    }
}
