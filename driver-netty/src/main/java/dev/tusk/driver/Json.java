package dev.tusk.driver;

import java.util.Objects;

/**
 * JSON text to send as {@code jsonb}. A plain String parameter is sent untyped, so the server infers
 * its type from the context ({@code INSERT} into a jsonb column works); wrap it in {@code Json} where
 * there is no context ({@code SELECT $1}, function overloads). The driver never parses the text: the
 * server validates it. json and jsonb columns read as String; {@code get(i, Json.class)} also works.
 *
 * @param text the JSON document
 */
public record Json(String text) {
  public Json {
    Objects.requireNonNull(text, "text");
  }

  /** {@return the JSON text wrapped for sending as jsonb} */
  public static Json of(String text) {
    return new Json(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
