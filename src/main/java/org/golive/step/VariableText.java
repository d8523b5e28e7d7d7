package org.golive.step;

import java.util.List;

/**
 * Text for a String process variable. The engine keeps a String variable in a 4000-character column
 * ({@code TEXT_}); a longer value fails the transaction that writes it, so a long summary would stop the step that
 * records it. Values are cut below that, with a margin, and say where the whole text is.
 */
public final class VariableText {

    /** Below the engine's 4000 characters, with room for what a caller appends. */
    public static final int MAX = 3900;

    private VariableText() {
    }

    /** The text, cut at {@link #MAX} with {@code more} at the end when it is longer; null stays null. */
    public static String cut(String text, String more) {
        return text == null || text.length() <= MAX ? text : text.substring(0, MAX - more.length()) + more;
    }

    /**
     * The lines joined, each cut at {@code lineMax} and all within {@link #MAX}: the lines that do not fit are left
     * out whole and {@code more} (its own line) says so.
     */
    public static String lines(List<String> lines, int lineMax, String more) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String cut = line.length() <= lineMax ? line : line.substring(0, lineMax - 1) + "…";
            if (text.length() + cut.length() + 1 > MAX - more.length() - 1) {
                return text.append('\n').append(more).toString();
            }
            text.append(text.length() == 0 ? "" : "\n").append(cut);
        }
        return text.toString();
    }
}
