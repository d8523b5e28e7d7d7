package org.golive.readiness;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx's configuration as {@code nginx -T} prints it (every file it loaded, each after a
 * {@code # configuration file <path>:} line), read into one tree with the includes put back where they stand.
 * Only what the proxy gate needs: directives, their words, their blocks, and the values nginx inherits downwards.
 */
final class NginxConfig {

    /** One directive: {@code name words...;} or {@code name words... { children }}; parent is null at the top. */
    record Directive(String name, List<String> args, List<Directive> children, Directive parent) {

        boolean isBlock() {
            return children != null;
        }

        /** The value of {@code name} here or in the nearest enclosing block that sets it, as nginx inherits it. */
        Optional<String> inherited(String name) {
            for (Directive scope = this; scope != null; scope = scope.parent()) {
                if (scope.children() != null) {
                    for (Directive child : scope.children()) {
                        if (child.name().equals(name) && !child.args().isEmpty()) {
                            return Optional.of(child.args().get(0));
                        }
                    }
                }
            }
            return Optional.empty();
        }

        String describe() {
            return name + (args.isEmpty() ? "" : " " + String.join(" ", args));
        }
    }

    private static final Pattern FILE_MARK = Pattern.compile("^# configuration file (.+):$", Pattern.MULTILINE);
    private static final Pattern SIZE = Pattern.compile("(?i)(\\d+)([kmg]?)");
    private static final Pattern TIME_PART = Pattern.compile("(?i)(\\d+)(ms|s|m|h|d|w|M|y)?");

    private final Directive root;

    private NginxConfig(Directive root) {
        this.root = root;
    }

    /** Reads {@code nginx -T}'s output; the first file printed is the main one, includes resolve against the rest. */
    static NginxConfig parse(String dump) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher mark = FILE_MARK.matcher(dump);
        String current = null;
        int start = 0;
        while (mark.find()) {
            if (current != null) {
                files.put(current, dump.substring(start, mark.start()));
            }
            current = mark.group(1).strip();
            start = mark.end();
        }
        if (current == null) {
            files.put("nginx.conf", dump);
        } else {
            files.put(current, dump.substring(start));
        }
        String main = files.keySet().iterator().next();
        Directive root = new Directive("", List.of(), new ArrayList<>(), null);
        new Reader(files, Path.of(main).getParent()).read(files.get(main), root, 0);
        return new NginxConfig(root);
    }

    /** Every directive called {@code name} anywhere, in file order. */
    List<Directive> all(String name) {
        List<Directive> found = new ArrayList<>();
        collect(root, d -> d.name().equals(name), found);
        return found;
    }

    private static void collect(Directive scope, Predicate<Directive> wanted, List<Directive> found) {
        for (Directive child : scope.children()) {
            if (wanted.test(child)) {
                found.add(child);
            }
            if (child.isBlock()) {
                collect(child, wanted, found);
            }
        }
    }

    /** nginx sizes: bytes, or with k, m, g. */
    static long bytes(String size) {
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an nginx size: " + size);
        }
        long value = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }

    /** nginx times: seconds by default, or a sequence such as {@code 1m30s}. */
    static long seconds(String time) {
        Matcher m = TIME_PART.matcher(time.strip());
        long millis = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            long value = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            millis += switch (unit) {
                case "ms" -> value;
                case "m" -> value * 60_000;
                case "h" -> value * 3_600_000;
                case "d" -> value * 86_400_000;
                case "w" -> value * 604_800_000;
                case "M" -> value * 2_592_000_000L;
                case "y" -> value * 31_536_000_000L;
                default -> value * 1_000;
            };
            end = m.end();
        }
        if (end == 0 || end != time.strip().length()) {
            throw new IllegalArgumentException("not an nginx time: " + time);
        }
        return millis / 1_000;
    }

    /** A small tokenizer and block reader: words, quoted strings, comments, {@code ; { }}. */
    private static final class Reader {

        private final Map<String, String> files;
        private final Path prefix;

        Reader(Map<String, String> files, Path prefix) {
            this.files = files;
            this.prefix = prefix == null ? Path.of("/") : prefix;
        }

        void read(String text, Directive into, int depth) {
            List<String> words = new ArrayList<>();
            List<Directive> stack = new ArrayList<>(List.of(into));
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#') {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == ';' || c == '{') {
                    Directive scope = stack.get(stack.size() - 1);
                    if (!words.isEmpty()) {
                        Directive d = new Directive(words.get(0), List.copyOf(words.subList(1, words.size())),
                                c == '{' ? new ArrayList<>() : null, scope);
                        if (c == ';' && d.name().equals("include") && depth < 8) {
                            include(d.args(), scope, depth);
                        } else {
                            scope.children().add(d);
                            if (c == '{') {
                                stack.add(d);
                            }
                        }
                    }
                    words.clear();
                    i++;
                } else if (c == '}') {
                    if (stack.size() > 1) {
                        stack.remove(stack.size() - 1);
                    }
                    words.clear();
                    i++;
                } else if (c == '"' || c == '\'') {
                    StringBuilder word = new StringBuilder();
                    int j = i + 1;
                    while (j < text.length() && text.charAt(j) != c) {
                        if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                            j++;
                        }
                        word.append(text.charAt(j++));
                    }
                    words.add(word.toString());
                    i = j + 1;
                } else {
                    int j = i;
                    while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && ";{}\"'".indexOf(text.charAt(j)) < 0) {
                        j++;
                    }
                    words.add(text.substring(i, j));
                    i = j;
                }
            }
        }

        private void include(List<String> args, Directive scope, int depth) {
            if (args.isEmpty()) {
                return;
            }
            String pattern = prefix.resolve(args.get(0)).normalize().toString();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            files.forEach((name, text) -> {
                if (matcher.matches(Path.of(name))) {
                    read(text, scope, depth + 1);
                }
            });
        }
    }
}
