package org.golive.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The lines two documents differ by (a longest-common-subsequence diff), and whether a {@link Fix} explains each. */
final class LineDiff {

    private LineDiff() {
    }

    /** The changed lines of {@code after} against {@code before} that no fix explains, as "- old" / "+ new". */
    static List<String> unexplained(String before, String after, Set<Fix> seen) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> unexplained = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        boolean[] inFence = {false};
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                hunk(removed, added, unexplained, seen, inFence);
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                added.add(b[j++]);
            } else {
                removed.add(a[i++]);
            }
        }
        hunk(removed, added, unexplained, seen, inFence);
        return unexplained;
    }

    /** Pairs each removed line with an added line a fix turns it into; what is left must be a fix's addition or removal. */
    private static void hunk(List<String> removed, List<String> added, List<String> unexplained, Set<Fix> seen, boolean[] inFence) {
        for (String old : removed) {
            Fix pair = null;
            String partner = null;
            for (String line : added) {
                pair = Fix.changing(old, line);
                if (pair != null) {
                    partner = line;
                    break;
                }
            }
            if (pair != null) {
                added.remove(partner);
                seen.add(pair);
            } else if (Fix.removing(old) != null) {
                seen.add(Fix.removing(old));
            } else {
                unexplained.add("- " + old);
            }
        }
        for (String line : added) {
            Fix fix = Fix.adding(line, inFence);
            if (fix != null) {
                seen.add(fix);
            } else {
                unexplained.add("+ " + line);
            }
        }
        removed.clear();
        added.clear();
    }
}
