package dev.tusk.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the numbers were measured on, as the report lists it: each entry is a label and a value, in
 * the order they are shown ("CPUs" → "2", "PostgreSQL" → "17.11 …").
 *
 * @param facts the labelled facts, in display order
 */
public record Machine(Map<String, String> facts) {
  public Machine {
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** {@return these facts and one more, shown last} */
  public Machine with(String label, String value) {
    var more = new LinkedHashMap<>(facts);
    more.put(label, value);
    return new Machine(more);
  }

  /** Writes the facts as one JSON object. */
  public void write(Path file) throws IOException {
    var json = new JsonObject();
    facts.forEach(json::put);
    Files.writeString(file, json.encodePrettily());
  }

  /** {@return the facts in a file written by {@link #write}} */
  public static Machine read(Path file) throws IOException {
    var facts = new LinkedHashMap<String, String>();
    new JsonObject(Files.readString(file)).forEach(entry -> facts.put(entry.getKey(), String.valueOf(entry.getValue())));
    return new Machine(facts);
  }
}
