package dev.tusk.driver.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection's named prepared statements, keyed by SQL text and parameter type OIDs, least
 * recently used first. Bounded by count and by an estimate of bytes; what it evicts must be closed
 * on the server by the flow that caused the eviction (its Close goes out before that flow's Parse).
 *
 * <p>Confined to the event loop.
 */
final class PreparedStatementCache {
  private record Key(String sql, int[] oids, int hash) {
    Key(String sql, int[] oids) {
      this(sql, oids, 31 * sql.hashCode() + Arrays.hashCode(oids));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.hash == hash && key.sql.equals(sql) && Arrays.equals(key.oids, oids);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * The lookup key, reused: the cache is confined to the event loop, so a hit allocates nothing.
   * It reads the parameter types from the parameters themselves (no array of them is made) and
   * hashes them as {@link Key} does. Only ever passed to {@code get}, where the map calls its
   * {@code equals} with stored keys.
   */
  private static final class Probe {
    private String sql;
    private Parameters parameters;
    private int hash;

    Probe of(String sql, Parameters parameters) {
      this.sql = sql;
      this.parameters = parameters;
      int typesHash = 1;
      for (int i = 0; i < parameters.count(); i++) {
        typesHash = 31 * typesHash + parameters.typeOid(i);
      }
      this.hash = 31 * sql.hashCode() + typesHash;
      return this;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.hash == hash && key.sql.equals(sql) && hasTypes(key.oids);
    }

    private boolean hasTypes(int[] oids) {
      if (oids.length != parameters.count()) {
        return false;
      }
      for (int i = 0; i < oids.length; i++) {
        if (oids[i] != parameters.typeOid(i)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final Probe probe = new Probe();
  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<Key, PreparedStatement> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  private long nextName;
  private long hits;
  private long misses;

  PreparedStatementCache(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  boolean isEnabled() {
    return maxEntries > 0;
  }

  /** {@return the cached statement, marking it most recently used, or {@code null}} */
  PreparedStatement get(String sql, Parameters parameters) {
    PreparedStatement statement = entries.get(probe.of(sql, parameters));
    probe.sql = null;
    probe.parameters = null;
    if (statement != null) {
      hits++;
    } else {
      misses++;
    }
    return statement;
  }

  /**
   * Adds a new statement under a fresh name.
   *
   * @param evicted receives the statements pushed out, which the caller must Close
   */
  PreparedStatement add(String sql, Parameters parameters, List<PreparedStatement> evicted) {
    int[] oids = parameters.typeOids();
    var statement = new PreparedStatement("tusk_" + Long.toString(nextName++, 36), sql, oids);
    entries.put(new Key(sql, oids), statement);
    bytes += statement.weight();
    Iterator<PreparedStatement> eldest = entries.values().iterator();
    while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
      PreparedStatement victim = eldest.next();
      if (victim == statement) {
        break;
      }
      eldest.remove();
      bytes -= victim.weight();
      evicted.add(victim);
    }
    return statement;
  }

  /** Forgets a statement the server does not have (its Parse failed, or it was deallocated). */
  void remove(PreparedStatement statement) {
    Key key = new Key(statement.sql, statement.parameterOids);
    if (entries.get(key) == statement) {
      entries.remove(key);
      bytes -= statement.weight();
    }
  }

  /** Forgets everything: the server dropped all prepared statements (DISCARD ALL, DEALLOCATE ALL). */
  List<PreparedStatement> clear() {
    var all = new ArrayList<>(entries.values());
    entries.clear();
    bytes = 0;
    return all;
  }

  int size() {
    return entries.size();
  }

  long hits() {
    return hits;
  }

  long misses() {
    return misses;
  }

  Map<String, String> namesBySql() {
    var names = new LinkedHashMap<String, String>();
    entries.values().forEach(statement -> names.put(statement.sql, statement.name));
    return names;
  }
}
