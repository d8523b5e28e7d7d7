package org.golive.evidence;

import java.util.regex.Pattern;

/**
 * Text for CommonMark/GFM documents, escaped the Markdown way (backslashes), so a reader of the raw file
 * and a renderer see the same words: no raw HTML, no accidental emphasis, links, quotes or headings.
 */
final class Markdown {

    /** What CommonMark would read as an HTML entity; any other {@code &} is plain text. */
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");

    private Markdown() {
    }

    /** Plain text on one line; secrets scrubbed. */
    static String text(String value) {
        if (value == null) {
            return "—";
        }
        String s = Secrets.scrub(value).replace("\r", "").replace("\n", " ");
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '*', '_', '`' -> out.append('\\').append(c);
                // only before a letter, '/', '!' or '?' does '<' open raw HTML or an autolink
                case '<' -> out.append(i + 1 < s.length() && opensHtml(s.charAt(i + 1)) ? "\\<" : "<");
                case '&' -> out.append(ENTITY.matcher(s).region(i, s.length()).lookingAt() ? "\\&" : "&");
                default -> out.append(c);
            }
        }
        String escaped = out.toString().replace("](", "]\\(");
        // at the start of a line these open a block quote or a heading
        return escaped.startsWith(">") || escaped.startsWith("#") ? "\\" + escaped : escaped;
    }

    private static boolean opensHtml(char next) {
        return Character.isLetter(next) || next == '/' || next == '!' || next == '?';
    }

    /** A code span; empty shows as a dash. */
    static String code(Object value) {
        String s = Secrets.scrub(value == null ? "" : value.toString()).replace("\r", "").replace("\n", " ");
        if (s.isEmpty()) {
            return "—";
        }
        return s.contains("`") ? "`` " + s + " ``" : "`" + s + "`";
    }

    /** A Markdown fragment that has to stay in one table cell. */
    static String cell(String markdown) {
        return markdown.replace("|", "\\|").replace("\n", " ");
    }

    /** Appends lines; a two-column table row is a line too. */
    static final class Lines {
        private final StringBuilder out = new StringBuilder();

        void line(String line) {
            out.append(line).append('\n');
        }

        /** One empty line, never two. */
        void blank() {
            if (out.length() > 0 && !(out.length() >= 2 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n')) {
                out.append('\n');
            }
        }

        void row(String name, String value) {
            line("| " + cell(name) + " | " + cell(value) + " |");
        }

        /** A fenced block, indented for a list item when {@code indent} is not empty; a fence inside cannot close it. */
        void fenced(String indent, String text) {
            line(indent + "~~~");
            for (String l : Secrets.scrub(text).replace("~~~", "~ ~ ~").split("\n")) {
                line(indent + l);
            }
            line(indent + "~~~");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
