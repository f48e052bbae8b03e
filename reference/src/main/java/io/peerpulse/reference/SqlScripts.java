package io.peerpulse.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's SQL, read from {@code sql/*.sql} on the class path in the order listed by
 * {@code sql/scripts.txt}. A statement ends with a {@code ;} at the end of a line (a trailing
 * {@code --} comment after it is allowed); comment lines never end a statement.
 */
final class SqlScripts {

    private static final String DIRECTORY = "/sql/";
    private static final String MANIFEST = DIRECTORY + "scripts.txt";

    /** One statement and where it comes from, for error messages. */
    record Statement(String script, int line, String sql) {
        String location() {
            return script + ":" + line;
        }
    }

    private SqlScripts() {
    }

    static List<Statement> load() {
        List<Statement> statements = new ArrayList<>();
        for (String line : read(MANIFEST).split("\n")) {
            String script = line.strip();
            if (!script.isEmpty() && !script.startsWith("#")) {
                statements.addAll(split(script, read(DIRECTORY + script)));
            }
        }
        return List.copyOf(statements);
    }

    static List<Statement> split(String script, String text) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int startLine = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            boolean isComment = trimmed.startsWith("--");
            if (current.length() == 0 && (trimmed.isEmpty() || isComment)) {
                continue;
            }
            if (current.length() == 0) {
                startLine = i + 1;
            }
            current.append(line).append('\n');
            if (!isComment && withoutTrailingComment(line).strip().endsWith(";")) {
                statements.add(new Statement(script, startLine, current.toString()));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("SQL script " + script + " ends without ';' after the statement at line "
                    + startLine);
        }
        return statements;
    }

    /** The line without a {@code --} comment that starts outside a string literal. */
    static String withoutTrailingComment(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                inString = !inString;
            } else if (!inString && c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String read(String resource) {
        try (InputStream in = SqlScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class path resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class path resource " + resource, e);
        }
    }
}
