package io.peerpulse.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's SQL, read from {@code sql/*.sql} on the class path in the order listed by
 * {@code sql/scripts.txt} (the exact computation) and {@code sql/publication.txt} (the
 * publication step after it). A statement ends with a {@code ;} at the end of a line (a trailing
 * {@code --} comment after it is allowed); comment lines never end a statement.
 */
final class SqlScripts {

    private static final String DIRECTORY = "/sql/";
    private static final String MANIFEST = "scripts.txt";
    private static final String PUBLICATION_MANIFEST = "publication.txt";
    /** Creates indicator_values, which the publication step reads (and empty output tables). */
    private static final String INDICATOR_TABLES = "06_indicator_tables.sql";

    /** One statement and where it comes from, for error messages. */
    record Statement(String script, int line, String sql) {
        String location() {
            return script + ":" + line;
        }
    }

    private SqlScripts() {
    }

    /** The exact computation: events_path and the settings in, indicator_rows out. */
    static List<Statement> load() {
        return loadManifest(MANIFEST);
    }

    /** The publication step after {@link #load()}: exact_rows in, published_rows out. */
    static List<Statement> loadPublication() {
        return loadManifest(PUBLICATION_MANIFEST);
    }

    /** The publication step on its own connection: indicator_values first, then the step. */
    static List<Statement> loadStandalonePublication() {
        List<Statement> statements = new ArrayList<>(split(INDICATOR_TABLES, read(DIRECTORY + INDICATOR_TABLES)));
        statements.addAll(loadPublication());
        return List.copyOf(statements);
    }

    private static List<Statement> loadManifest(String manifest) {
        List<Statement> statements = new ArrayList<>();
        for (String line : read(DIRECTORY + manifest).split("\n")) {
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
