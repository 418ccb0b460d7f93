package dev.tusk.driver.config;

import dev.tusk.driver.PgException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the percent-encoding of one URI component strictly, as libpq does: a {@code %} must be
 * followed by two hex digits, {@code %00} is refused (it would cut a C string short), and
 * {@code +} stays a plus. The decoded bytes must be UTF-8, the only encoding a Java string can be
 * built from without guessing; a wrong guess would silently send a wrong password.
 */
final class PercentDecoding {
  private PercentDecoding() {}

  /**
   * {@return text[from, to) of {@code source} decoded}
   *
   * @param component what the range is, for the error message ("host name", "password"…)
   * @param secret whether the range is a password: its errors then point at its first character and
   *     quote nothing of it, so that not even the place of a bad escape gives part of it away
   */
  static String decode(MaskedText source, int from, int to, String component, boolean secret) {
    String text = source.text();
    int firstPercent = text.indexOf('%', from);
    if (firstPercent < 0 || firstPercent >= to) {
      return text.substring(from, to);
    }
    var out = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      if (text.charAt(i) != '%') {
        out.append(text.charAt(i++));
        continue;
      }
      // a run of escapes decodes together: one UTF-8 character may span several of them
      int runStart = i;
      var bytes = new ByteArrayOutputStream();
      while (i < to && text.charAt(i) == '%') {
        if (i + 2 >= to || !isHexDigit(text.charAt(i + 1)) || !isHexDigit(text.charAt(i + 2))) {
          throw error(source, i, Math.min(i + 3, to), "invalid percent-encoding in " + component, from, secret);
        }
        int value = Integer.parseInt(text, i + 1, i + 3, 16);
        if (value == 0) {
          throw error(source, i, i + 3, "%00 is not allowed in " + component, from, secret);
        }
        bytes.write(value);
        i += 3;
      }
      try {
        out.append(StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes.toByteArray())));
      } catch (CharacterCodingException e) {
        throw error(source, runStart, i, "percent-encoded bytes in " + component + " are not UTF-8", from, secret);
      }
    }
    return out.toString();
  }

  static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static PgException error(
      MaskedText source, int index, int excerptEnd, String problem, int componentStart, boolean secret) {
    return secret
        ? source.error(componentStart, 0, componentStart, problem)
        : source.error(index, 0, excerptEnd, problem);
  }
}
