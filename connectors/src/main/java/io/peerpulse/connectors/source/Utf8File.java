package io.peerpulse.connectors.source;

import io.peerpulse.mapping.RegisterException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A register file read as strict UTF-8 that remembers when decoding failed. {@link
 * io.peerpulse.mapping.RegisterCsv} reports any read failure as broken CSV; a register saved as
 * Latin-1 or UTF-16 by a spreadsheet deserves the plainer reason, so the user knows to save it as
 * UTF-8 ({@link #explain}).
 */
final class Utf8File extends FilterReader {

  private volatile boolean undecodable;

  private Utf8File(Reader in) {
    super(in);
  }

  /** Opens {@code path}; malformed or unmappable bytes fail the read (they are not replaced). */
  static Utf8File open(Path path) {
    try {
      return new Utf8File(Files.newBufferedReader(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (CharacterCodingException e) {
      undecodable = true;
      throw e;
    }
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    try {
      return super.read(buffer, offset, length);
    } catch (CharacterCodingException e) {
      undecodable = true;
      throw e;
    }
  }

  /** {@code refusal}, or when the bytes were not UTF-8 one saying so at the line where reading stopped. */
  RegisterException explain(RegisterException refusal) {
    if (!undecodable) {
      return refusal;
    }
    return new RegisterException(RegisterException.Kind.CSV_SYNTAX, refusal.line(),
        "not UTF-8 text at or after this line (save the register as CSV UTF-8)");
  }
}
