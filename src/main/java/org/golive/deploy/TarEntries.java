package org.golive.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streaming reader of the tar the Docker Engine API answers an archive request with (ustar, with PAX and GNU
 * long-name headers, as Go's archive/tar writes them): commons-compress is not on golive's classpath, and an
 * addons tree is read once, front to back, so nothing more than this is needed.
 */
public final class TarEntries {

    /** What the reader hands over per entry; {@code content} ends at the entry's end and must not be closed. */
    @FunctionalInterface
    public interface Visitor {
        void entry(String name, char type, String linkName, InputStream content) throws IOException;
    }

    private static final int BLOCK = 512;

    private TarEntries() {
    }

    public static void read(InputStream tar, Visitor visitor) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        String longLink = null;
        while (readBlock(tar, header)) {
            if (isZero(header)) {
                return;
            }
            String name = text(header, 0, 100);
            String prefix = "ustar".equals(text(header, 257, 5)) ? text(header, 345, 155) : "";
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = number(header, 124, 12);
            char type = header[156] == 0 ? '0' : (char) header[156];
            String link = text(header, 157, 100);
            if (type == 'x' || type == 'L' || type == 'K' || type == 'g') {
                byte[] data = tar.readNBytes((int) size);
                skip(tar, padding(size));
                if (type == 'L') {
                    longName = cString(data);
                } else if (type == 'K') {
                    longLink = cString(data);
                } else if (type == 'x') {
                    String[] pax = pax(data);
                    longName = pax[0] != null ? pax[0] : longName;
                    longLink = pax[1] != null ? pax[1] : longLink;
                }
                continue;
            }
            BoundedStream content = new BoundedStream(tar, size);
            visitor.entry(longName != null ? longName : name, type, longLink != null ? longLink : link, content);
            skip(tar, content.remaining + padding(size));
            longName = null;
            longLink = null;
        }
    }

    /** path and linkpath of a PAX extended header ("len key=value\n" records). */
    static String[] pax(byte[] data) {
        String[] result = new String[2];
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at);
            if (space < 0) {
                break;
            }
            int length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII).trim());
            String record = new String(data, space + 1, length - (space - at) - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0) {
                String key = record.substring(0, equals);
                if (key.equals("path")) {
                    result[0] = record.substring(equals + 1);
                } else if (key.equals("linkpath")) {
                    result[1] = record.substring(equals + 1);
                }
            }
            at += length;
        }
        return result;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new IOException("truncated tar header (" + n + " bytes)");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("tar ended inside an entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String text(byte[] block, int offset, int length) {
        return cString(java.util.Arrays.copyOfRange(block, offset, offset + length));
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    /** Octal, or base-256 when the first byte's high bit is set (sizes over 8 GiB). */
    static long number(byte[] block, int offset, int length) {
        if ((block[offset] & 0x80) != 0) {
            long value = block[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        String octal = text(block, offset, length).trim();
        return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    }

    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the tar stream goes on after this entry
        }
    }
}
