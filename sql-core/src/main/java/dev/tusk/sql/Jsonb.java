package dev.tusk.sql;

import dev.tusk.sql.ast.Binary;
import dev.tusk.sql.ast.BinaryOp;
import dev.tusk.sql.ast.Case;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.FunctionCall;
import dev.tusk.sql.ast.Param;
import dev.tusk.sql.ast.Raw;
import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * JSONB operators and the nested-merge helper. Java values given as JSON (maps, lists, scalars) are
 * written as JSON text by Tusk itself and bound as one {@code jsonb} parameter.
 * <pre>{@code
 * select(KERNELS.id).from(KERNELS).where(Jsonb.contains(KERNELS.statusData, Map.of("state", "idle")))
 * update(KERNELS).set(KERNELS.statusData,
 *     Jsonb.merge(KERNELS.statusData, path("scheduler"), Map.of("last_try", now, "passed", List.of("concurrency"))))
 * }</pre>
 */
public final class Jsonb {
  private static final ArrayType<String> TEXT_ARRAY = new ArrayType<>(PgTypes.TEXT);
  private static final Raw<String> EMPTY_OBJECT = new Raw<>("'{}'::jsonb", PgTypes.JSONB);
  private static final Raw<String> OBJECT_TYPE = new Raw<>("'object'", PgTypes.TEXT);

  private Jsonb() {}

  /**
   * A path of object keys into a document.
   *
   * @param keys the keys, outermost first
   */
  public record Path(List<String> keys) {
    public Path {
      keys = List.copyOf(keys);
    }

    /** {@return the path of the first {@code n} keys} */
    public Path prefix(int n) {
      return new Path(keys.subList(0, n));
    }
  }

  /** {@return the path of these keys, outermost first} */
  public static Path path(String... keys) {
    return new Path(Arrays.asList(keys));
  }

  /** {@return a Java value as a bound {@code jsonb} parameter}, written as JSON by Tusk */
  public static Param<String> value(Object json) {
    return Param.of(PgTypes.JSONB, JsonWriter.write(json));
  }

  /**
   * {@return the expression that merges {@code value} into the object at {@code path} of {@code
   * target}}, for {@code UPDATE ... SET target = merge(target, path, value)}. Exactly: every level of
   * the path, the document itself included, that does not hold a JSON object (missing, SQL NULL,
   * JSON null, a scalar or an array) is first replaced by {@code {}}; then the object at the path
   * is concatenated with the value by jsonb's {@code ||}, so the value's keys are added, replacing
   * keys of the same name (a shallow merge at that level). Keys elsewhere in the document are kept.
   * The value is meant to be a map; any other value follows {@code ||} too, which makes the level an
   * array (use {@link #set} to put a list or a scalar at a path). One statement, no
   * read-modify-write race. For {@code path("a", "b")} it renders as
   * <pre>
   * jsonb_set(jsonb_set(obj(t), '{a}', obj(t #> '{a}'), TRUE),
   *           '{a,b}', obj(t #> '{a,b}') || value, TRUE)
   * </pre>
   * where {@code obj(x)} is {@code CASE jsonb_typeof(x) WHEN 'object' THEN x ELSE '{}'::jsonb END}.
   * Every path and the value are bound parameters; a path occurring several times is bound once per
   * occurrence, so the SQL depends on the path's length only.
   *
   * @throws IllegalArgumentException unless target is a {@code jsonb} column or expression
   */
  public static <T> Expr<T> merge(Expression<T> target, Path path, Object value) {
    return update(target, path, value, true);
  }

  /**
   * {@return the expression that sets the value at {@code path} of {@code target}}, creating missing
   * levels as {@link #merge} does, but replacing what was at the path instead of merging into it
   */
  public static <T> Expr<T> set(Expression<T> target, Path path, Object value) {
    if (path.keys().isEmpty()) {
      throw new IllegalArgumentException("set needs a non-empty path; to replace the document, assign the value");
    }
    return update(target, path, value, false);
  }

  private static <T> Expr<T> update(Expression<T> target, Path path, Object value, boolean merge) {
    requireJsonb(target.type());
    Expr<?> doc = target.expr();
    Expr<?> json = value(value);
    if (path.keys().isEmpty()) {
      return new Binary<>(objectOrEmpty(doc), BinaryOp.CONCAT, json, target.type());
    }
    Expr<?> result = objectOrEmpty(doc);
    for (int level = 1; level < path.keys().size(); level++) {
      var prefix = path.prefix(level);
      result = jsonbSet(result, prefix, objectOrEmpty(at(doc, prefix)), PgTypes.JSONB);
    }
    Expr<?> leaf = merge ? new Binary<>(objectOrEmpty(at(doc, path)), BinaryOp.CONCAT, json, PgTypes.JSONB) : json;
    return jsonbSet(result, path, leaf, target.type());
  }

  private static <T> FunctionCall<T> jsonbSet(Expr<?> doc, Path path, Expr<?> value, SqlType<T> type) {
    return new FunctionCall<>("jsonb_set", List.of(doc, textArray(path), value, Sql.TRUE), type);
  }

  private static Expr<String> at(Expr<?> doc, Path path) {
    return new Binary<>(doc, BinaryOp.JSON_GET_PATH, textArray(path), PgTypes.JSONB);
  }

  /**
   * {@code CASE jsonb_typeof(x) WHEN 'object' THEN x ELSE '{}'::jsonb END}. The node x sits twice in
   * the tree; like any node in two places, each place renders its own parameters.
   */
  @SuppressWarnings("unchecked")
  private static Expr<String> objectOrEmpty(Expr<?> json) {
    var typeOf = new FunctionCall<>("jsonb_typeof", List.of(json), PgTypes.TEXT);
    return new Case<>(typeOf, List.of(new Case.When<>(OBJECT_TYPE, (Expr<String>) json)), EMPTY_OBJECT,
        PgTypes.JSONB);
  }

  private static Param<List<String>> textArray(Path path) {
    return new Param<>(TEXT_ARRAY, path.keys());
  }

  private static void requireJsonb(SqlType<?> type) {
    var database = type instanceof ConvertedType<?, ?> converted ? converted.databaseType() : type;
    if (!(database instanceof BuiltinType<?> builtin) || builtin.oid() != PgTypes.JSONB.oid()) {
      throw new IllegalArgumentException("a jsonb expression is needed, not " + type);
    }
  }

  /** {@return {@code doc -> key}, the value of a key as jsonb} */
  public static Expr<String> get(Expression<?> doc, String key) {
    return new Binary<>(doc.expr(), BinaryOp.JSON_GET, Param.of(PgTypes.TEXT, key), PgTypes.JSONB);
  }

  /** {@return {@code doc -> index}, an array element as jsonb} */
  public static Expr<String> get(Expression<?> doc, int index) {
    return new Binary<>(doc.expr(), BinaryOp.JSON_GET, Param.of(PgTypes.INTEGER, index), PgTypes.JSONB);
  }

  /** {@return {@code doc ->> key}, the value of a key as text} */
  public static Expr<String> getText(Expression<?> doc, String key) {
    return new Binary<>(doc.expr(), BinaryOp.JSON_GET_TEXT, Param.of(PgTypes.TEXT, key), PgTypes.TEXT);
  }

  /** {@return {@code doc #> path}, the value at a path as jsonb} */
  public static Expr<String> get(Expression<?> doc, Path path) {
    return new Binary<>(doc.expr(), BinaryOp.JSON_GET_PATH, textArray(path), PgTypes.JSONB);
  }

  /** {@return {@code doc #>> path}, the value at a path as text} */
  public static Expr<String> getText(Expression<?> doc, Path path) {
    return new Binary<>(doc.expr(), BinaryOp.JSON_GET_PATH_TEXT, textArray(path), PgTypes.TEXT);
  }

  /** {@return {@code doc @> json}: whether doc contains the given JSON} */
  public static Expr<Boolean> contains(Expression<?> doc, Object json) {
    return Binary.predicate(doc.expr(), BinaryOp.CONTAINS, operand(json));
  }

  /** {@return {@code doc <@ json}: whether the given JSON contains doc} */
  public static Expr<Boolean> containedBy(Expression<?> doc, Object json) {
    return Binary.predicate(doc.expr(), BinaryOp.CONTAINED_BY, operand(json));
  }

  /** {@return {@code doc ? key}: whether the key exists at the top level} */
  public static Expr<Boolean> hasKey(Expression<?> doc, String key) {
    return Binary.predicate(doc.expr(), BinaryOp.HAS_KEY, Param.of(PgTypes.TEXT, key));
  }

  /** {@return {@code doc ?| keys}: whether any of the keys exists} */
  public static Expr<Boolean> hasAnyKey(Expression<?> doc, String... keys) {
    return Binary.predicate(doc.expr(), BinaryOp.HAS_ANY_KEY, new Param<>(TEXT_ARRAY, List.of(keys)));
  }

  /** {@return {@code doc ?& keys}: whether all the keys exist} */
  public static Expr<Boolean> hasAllKeys(Expression<?> doc, String... keys) {
    return Binary.predicate(doc.expr(), BinaryOp.HAS_ALL_KEYS, new Param<>(TEXT_ARRAY, List.of(keys)));
  }

  /** {@return {@code doc || json}: objects merged, arrays concatenated} */
  public static Expr<String> concat(Expression<?> doc, Object json) {
    return new Binary<>(doc.expr(), BinaryOp.CONCAT, operand(json), PgTypes.JSONB);
  }

  /** {@return {@code doc - key}: doc without a top-level key} */
  public static Expr<String> deleteKey(Expression<?> doc, String key) {
    return new Binary<>(doc.expr(), BinaryOp.MINUS, Param.of(PgTypes.TEXT, key), PgTypes.JSONB);
  }

  /** {@return {@code doc #- path}: doc without the value at a path} */
  public static Expr<String> deletePath(Expression<?> doc, Path path) {
    return new Binary<>(doc.expr(), BinaryOp.JSON_DELETE_PATH, textArray(path), PgTypes.JSONB);
  }

  private static Expr<?> operand(Object json) {
    return json instanceof Expression<?> expression ? expression.expr() : value(json);
  }
}
