package dev.tusk.driver.protocol;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.types.PgCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves user codecs' type names to OIDs when a connection opens — one pipelined query per
 * codec, once — and installs them in the connection's type registry. A name the server does not
 * know fails the connect with the server's own error (42704).
 */
final class UserCodecs {
  private UserCodecs() {}

  static CompletableFuture<Void> resolve(PgConnection connection, ConnectionContext context, List<PgCodec<?>> codecs) {
    if (codecs.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<RowSet>> lookups = new ArrayList<>(codecs.size());
    for (PgCodec<?> codec : codecs) {
      lookups.add(connection.query("SELECT t.oid, t.typarray FROM pg_type t WHERE t.oid = $1::regtype", codec.typeName()));
    }
    return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenAccept(ignored -> {
      Map<Integer, PgCodec<?>> byOid = new HashMap<>();
      Map<Integer, Integer> elementByArray = new HashMap<>();
      for (int i = 0; i < codecs.size(); i++) {
        var row = lookups.get(i).join().one();
        int oid = (int) row.getLong(0);
        int arrayOid = (int) row.getLong(1);
        byOid.put(oid, codecs.get(i));
        if (arrayOid != 0) {
          elementByArray.put(arrayOid, oid);
        }
      }
      context.types(context.types().withUserCodecs(byOid, elementByArray));
    });
  }
}
