package dev.tusk.sql.cache;

import dev.tusk.sql.ast.Aggregate;
import dev.tusk.sql.ast.ArrayConstructor;
import dev.tusk.sql.ast.Assignment;
import dev.tusk.sql.ast.Between;
import dev.tusk.sql.ast.Binary;
import dev.tusk.sql.ast.BinaryOp;
import dev.tusk.sql.ast.Case;
import dev.tusk.sql.ast.Cast;
import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.ConflictTarget;
import dev.tusk.sql.ast.Constant;
import dev.tusk.sql.ast.Cte;
import dev.tusk.sql.ast.CteRef;
import dev.tusk.sql.ast.Delete;
import dev.tusk.sql.ast.DerivedTable;
import dev.tusk.sql.ast.Exists;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.sql.ast.FromItem;
import dev.tusk.sql.ast.FunctionCall;
import dev.tusk.sql.ast.FunctionTable;
import dev.tusk.sql.ast.Insert;
import dev.tusk.sql.ast.InsertSource;
import dev.tusk.sql.ast.Join;
import dev.tusk.sql.ast.Junction;
import dev.tusk.sql.ast.Label;
import dev.tusk.sql.ast.OnConflict;
import dev.tusk.sql.ast.OrderItem;
import dev.tusk.sql.ast.Param;
import dev.tusk.sql.ast.Quantified;
import dev.tusk.sql.ast.QuantifiedSubquery;
import dev.tusk.sql.ast.Query;
import dev.tusk.sql.ast.Raw;
import dev.tusk.sql.ast.RowValue;
import dev.tusk.sql.ast.ScalarSubquery;
import dev.tusk.sql.ast.Select;
import dev.tusk.sql.ast.SetOperation;
import dev.tusk.sql.ast.Slot;
import dev.tusk.sql.ast.Star;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.ast.Subscript;
import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.ast.TableRef;
import dev.tusk.sql.ast.TextPart;
import dev.tusk.sql.ast.TextStatement;
import dev.tusk.sql.ast.Unary;
import dev.tusk.sql.ast.Update;
import dev.tusk.sql.ast.ValuesTable;
import dev.tusk.sql.ast.WindowCall;
import dev.tusk.sql.ast.WindowSpec;
import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.sql.types.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * A statement's shape read as a stream of tokens, without building anything: the cache key is
 * hashed and compared from this stream, so a lookup never allocates an erased copy of the tree.
 *
 * <p>The stream is the tree in preorder. Every node emits its {@link Tag} and then its fields in a
 * fixed order; a list emits its length before its elements; an absent optional child emits
 * {@link Tag#ABSENT}. A node or field that holds no bound value anywhere below it (a name, an
 * operator, a type, a column reference, a table, a lock clause) is emitted as one token and
 * compared with {@code equals}, exactly as the record equality of the erased tree compared it;
 * such a leaf node needs no tag, since it is never equal to a tag or to a leaf of another class. A {@link Param}
 * emits {@link Tag#PARAM} and its type, never its value. Because each tag fixes what follows it
 * and every list says how long it is, the stream can be read back into exactly one erased tree:
 * two statements have equal streams exactly when their erased trees ({@link Eraser}) are equal,
 * which is what the compiled SQL and its parameter layout depend on. The hash is only a filter;
 * equality is decided token by token, so a hash collision can never bind values to the wrong SQL.
 *
 * <p>The walk visits fields in the order {@link Eraser} does, so the values it collects line up
 * with the slots of the erased tree that was compiled. Unlike record equality, the walk does not
 * see a component added to a node by itself: {@code ShapeWalkTest} counts every node's components
 * so that such a change fails until it is walked here (and erased in {@link Eraser}).
 *
 * <p>This runs twice on every cache hit, so it is written for the JIT: one class does the three
 * jobs (hash and collect the values, record the tokens, match recorded tokens) with flags rather
 * than three subclasses, so that the per-token call stays monomorphic and inlined; each token's
 * hash is computed by an overload that knows the token's class; lists are walked by index (the
 * walk's methods are recursive and too big to inline, so an iterator would escape and be
 * allocated for every list).
 */
final class ShapeWalk {
  /** What a token of the stream is when it is not a field's value. */
  enum Tag {
    ABSENT, PARAM,
    SELECT, SET_OPERATION, INSERT, UPDATE, DELETE, TEXT,
    VALUES_SOURCE, QUERY_SOURCE, DEFAULT_VALUES, ON_CONFLICT, CONFLICT_COLUMNS, CONFLICT_CONSTRAINT,
    ASSIGNMENT, SQL_PART, NAMED_PART, CTE,
    JOIN, DERIVED, VALUES_TABLE, FUNCTION_TABLE, ORDER_ITEM,
    BINARY, UNARY, JUNCTION, QUANTIFIED, QUANTIFIED_SUBQUERY, BETWEEN, CASE, WHEN,
    CAST, FUNCTION, AGGREGATE, WINDOW_CALL, EXISTS, SCALAR_SUBQUERY, ROW, ARRAY, SUBSCRIPT, LABEL,
    WINDOW, FRAME, FRAME_BOUND
  }

  /** The values of the statement, collected by a hashing walk; null otherwise. */
  private Object[] values;
  private int valueCount;
  /** The recorded stream: written by a recording walk, read by a matching walk; null for hashing. */
  private Object[] tokens;
  private int position;
  private final boolean matching;
  private boolean mismatch;
  private int hash = 1;

  private ShapeWalk(boolean collectValues, Object[] tokens, boolean matching) {
    this.values = collectValues ? new Object[4] : null;
    this.tokens = tokens;
    this.matching = matching;
  }

  /** The hash of a statement's shape, and its values in walk order. */
  record Hashed(int hash, Object[] values) {}

  /** {@return the shape's hash, and the statement's values in walk order} */
  static Hashed hash(Statement statement) {
    var walk = new ShapeWalk(true, null, false);
    walk.statement(statement);
    return new Hashed(walk.hash, Arrays.copyOf(walk.values, walk.valueCount));
  }

  /**
   * {@return the shape's token stream}, which holds no value: a parameter is recorded as its type.
   * The stream's hash is the one {@link #hash} computes, and is not recomputed.
   */
  static Object[] record(Statement statement) {
    var walk = new ShapeWalk(false, new Object[32], false);
    walk.statement(statement);
    return Arrays.copyOf(walk.tokens, walk.position);
  }

  /** {@return whether the statement's token stream is exactly {@code recorded}} */
  static boolean matches(Statement statement, Object[] recorded) {
    var walk = new ShapeWalk(false, recorded, true);
    walk.statement(statement);
    return !walk.mismatch && walk.position == recorded.length;
  }

  /** {@return the hash of the stream {@code recorded}}, the one {@link #hash} computes for its statement */
  static int hashOf(Object[] recorded) {
    int hash = 1;
    for (Object token : recorded) {
      hash = 31 * hash + tokenHash(token);
    }
    return hash;
  }

  // ---- the stream ----

  /**
   * Feeds one token, whose hash the caller computed: each overload below knows its token's class,
   * so no hash goes through a megamorphic {@code hashCode()} or a chain of type tests.
   */
  private void emit(Object token, int tokenHash) {
    if (matching) {
      // After a mismatch the walk runs on to the end doing nothing: simpler than unwinding, and it
      // happens only on a hash collision.
      if (!mismatch) {
        if (position < tokens.length && equal(tokens[position], token)) {
          position++;
        } else {
          mismatch = true;
        }
      }
    } else if (tokens != null) {
      if (position == tokens.length) {
        tokens = Arrays.copyOf(tokens, position * 2);
      }
      tokens[position++] = token;
    } else {
      hash = 31 * hash + tokenHash;
    }
  }

  /**
   * {@return whether two tokens are equal}, as {@code equals} says. On a hit most tokens are the
   * very objects the key recorded (a table's columns, types, operators); the columns of a CTE, a
   * subquery or a per-call alias are rebuilt on every call, and are compared here without the
   * megamorphic {@code equals} calls of record equality.
   */
  private static boolean equal(Object recorded, Object token) {
    if (recorded == token) {
      return true;
    }
    if (recorded == null || token == null || recorded.getClass() != token.getClass()) {
      return false;
    }
    if (token instanceof ColumnRef<?> column) {
      var other = (ColumnRef<?>) recorded;
      return sameString(column.name(), other.name()) && sameTable(column.qualifier(), other.qualifier())
          && (column.type() == other.type() || column.type().equals(other.type()));
    }
    if (token instanceof String string) {
      return string.equals(recorded);
    }
    return recorded.equals(token);
  }

  private static boolean sameTable(TableName a, TableName b) {
    return a == b || a != null && b != null && sameString(a.name(), b.name()) && sameString(a.schema(), b.schema());
  }

  private static boolean sameString(String a, String b) {
    return a == b || a != null && a.equals(b);
  }

  private void token(Tag tag) {
    emit(tag, tag.ordinal());
  }

  /** A list's length: small lengths are cached {@code Integer}s, so this does not allocate. */
  private void token(int length) {
    emit(length, length);
  }

  private void token(boolean flag) {
    emit(flag, Boolean.hashCode(flag));
  }

  private void token(String name) {
    // Not Objects.hashCode: its call site is shared by every caller in the JVM, so it does not
    // know it is calling String.hashCode (cached), and makes a megamorphic call.
    emit(name, name == null ? 0 : name.hashCode());
  }

  private void token(Enum<?> keyword) {
    emit(keyword, keyword.ordinal());
  }

  private void token(ColumnRef<?> column) {
    emit(column, columnHash(column));
  }

  private void token(SqlType<?> type) {
    emit(type, typeHash(type));
  }

  private void token(BinaryOp op) {
    emit(op, op.token().hashCode());
  }

  private void token(TableRef table) {
    emit(table, tableHash(table));
  }

  /** Any other token that holds no value: a list of names or columns, a keyword node, a raw fragment. */
  private void token(Object leaf) {
    emit(leaf, tokenHash(leaf));
  }

  private void length(List<?> list) {
    token(list.size());
  }

  /**
   * {@return a recorded token's hash}, the one its overload of {@code token} fed: the token hashes
   * are cheaper than {@code hashCode()} for the common tokens (records recompute theirs through
   * every component on each call) and consistent with {@code equals}, which is all the key needs;
   * equality, not the hash, tells shapes apart.
   */
  static int tokenHash(Object token) {
    return switch (token) {
      case null -> 0;
      case Enum<?> constant -> constant.ordinal(); // tags and keywords: equal only to themselves
      case Integer length -> length;
      case Boolean flag -> Boolean.hashCode(flag);
      case ColumnRef<?> column -> columnHash(column);
      case SqlType<?> type -> typeHash(type);
      case BinaryOp op -> op.token().hashCode();
      case TableRef table -> tableHash(table);
      default -> token.hashCode();
    };
  }

  private static int columnHash(ColumnRef<?> column) {
    var qualifier = column.qualifier();
    return 31 * column.name().hashCode() + (qualifier == null ? 0 : qualifier.name().hashCode());
  }

  private static int tableHash(TableRef table) {
    var alias = table.alias();
    return 31 * table.table().name().hashCode() + (alias == null ? 0 : alias.hashCode());
  }

  private static int typeHash(SqlType<?> type) {
    return switch (type) {
      case BuiltinType<?> builtin -> builtin.oid();
      case ArrayType<?> array -> 31 * typeHash(array.elementType()) + 1;
      default -> type.hashCode();
    };
  }

  private void param(Param<?> param) {
    token(Tag.PARAM);
    token(param.type());
    if (values != null) {
      if (valueCount == values.length) {
        values = Arrays.copyOf(values, valueCount * 2);
      }
      values[valueCount++] = param.value();
    }
  }

  // ---- the tree, in the order Eraser walks it ----

  private void statement(Statement statement) {
    switch (statement) {
      case Query query -> query(query);
      case Insert insert -> insert(insert);
      case Update update -> {
        token(Tag.UPDATE);
        ctes(update.with());
        token(update.table());
        length(update.set());
        for (int i = 0; i < update.set().size(); i++) {
          var assignment = update.set().get(i);
          assignment(assignment);
        }
        fromItems(update.from());
        nullable(update.where());
        exprs(update.returning());
      }
      case Delete delete -> {
        token(Tag.DELETE);
        ctes(delete.with());
        token(delete.table());
        fromItems(delete.using());
        nullable(delete.where());
        exprs(delete.returning());
      }
      case TextStatement text -> {
        token(Tag.TEXT);
        length(text.parts());
        for (int i = 0; i < text.parts().size(); i++) {
          var part = text.parts().get(i);
          switch (part) {
            case TextPart.Sql sql -> {
              token(Tag.SQL_PART);
              token(sql.sql());
            }
            case TextPart.Named named -> {
              token(Tag.NAMED_PART);
              token(named.name());
              nullable(named.value());
            }
          }
        }
        // The declared columns are not walked by the eraser either: they are kept as they are.
        token(text.columns());
      }
    }
  }

  private void query(Query query) {
    switch (query) {
      case Select select -> {
        token(Tag.SELECT);
        ctes(select.with());
        token(select.isDistinct());
        exprs(select.distinctOn());
        exprs(select.columns());
        fromItems(select.from());
        nullable(select.where());
        exprs(select.groupBy());
        nullable(select.having());
        orderItems(select.orderBy());
        nullable(select.limit());
        nullable(select.offset());
        token(select.locks());
      }
      case SetOperation setOperation -> {
        token(Tag.SET_OPERATION);
        ctes(setOperation.with());
        query(setOperation.left());
        token(setOperation.operator());
        token(setOperation.all());
        query(setOperation.right());
        orderItems(setOperation.orderBy());
        nullable(setOperation.limit());
        nullable(setOperation.offset());
      }
    }
  }

  private void insert(Insert insert) {
    token(Tag.INSERT);
    ctes(insert.with());
    token(insert.table());
    token(insert.columns());
    switch (insert.source()) {
      case null -> token(Tag.ABSENT);
      case InsertSource.Values rows -> {
        token(Tag.VALUES_SOURCE);
        rows(rows.rows());
      }
      case InsertSource.FromQuery fromQuery -> {
        token(Tag.QUERY_SOURCE);
        query(fromQuery.query());
      }
      case InsertSource.DefaultValues ignored -> token(Tag.DEFAULT_VALUES);
    }
    if (insert.onConflict() == null) {
      token(Tag.ABSENT);
    } else {
      onConflict(insert.onConflict());
    }
    exprs(insert.returning());
  }

  private void onConflict(OnConflict onConflict) {
    token(Tag.ON_CONFLICT);
    switch (onConflict.target()) {
      case null -> token(Tag.ABSENT);
      case ConflictTarget.Columns columns -> {
        token(Tag.CONFLICT_COLUMNS);
        exprs(columns.elements());
        nullable(columns.where());
      }
      case ConflictTarget.Constraint constraint -> {
        token(Tag.CONFLICT_CONSTRAINT);
        token(constraint.name());
      }
    }
    length(onConflict.updates());
    for (int i = 0; i < onConflict.updates().size(); i++) {
      var assignment = onConflict.updates().get(i);
      assignment(assignment);
    }
    nullable(onConflict.where());
  }

  private void assignment(Assignment assignment) {
    token(Tag.ASSIGNMENT);
    token(assignment.column());
    expr(assignment.value());
  }

  private void ctes(List<Cte> ctes) {
    for (int i = 0; i < ctes.size(); i++) {
      var cte = ctes.get(i);
      token(Tag.CTE);
      token(cte.name());
      token(cte.columns());
      token(cte.materialization());
      token(cte.recursive());
      if (cte.body() == null) {
        token(Tag.ABSENT);
      } else {
        statement(cte.body());
      }
    }
  }

  private void fromItems(List<FromItem> items) {
    for (int i = 0; i < items.size(); i++) {
      var item = items.get(i);
      fromItem(item);
    }
  }

  private void fromItem(FromItem item) {
    switch (item) {
      case TableRef table -> token(table);
      case CteRef cte -> token(cte);
      case Join join -> {
        token(Tag.JOIN);
        fromItem(join.left());
        token(join.kind());
        fromItem(join.right());
        nullable(join.on());
      }
      case DerivedTable derived -> {
        token(Tag.DERIVED);
        query(derived.query());
        token(derived.alias());
        token(derived.isLateral());
      }
      case ValuesTable values -> {
        token(Tag.VALUES_TABLE);
        token(values.columns());
        rows(values.rows());
        token(values.alias());
      }
      case FunctionTable function -> {
        token(Tag.FUNCTION_TABLE);
        expr(function.function());
        token(function.alias());
        token(function.columns());
        token(function.hasOrdinality());
        token(function.isLateral());
      }
    }
  }

  private void rows(List<List<Expr<?>>> rows) {
    for (int i = 0; i < rows.size(); i++) {
      var row = rows.get(i);
      exprs(row);
    }
  }

  private void orderItems(List<OrderItem> items) {
    for (int i = 0; i < items.size(); i++) {
      var item = items.get(i);
      token(Tag.ORDER_ITEM);
      expr(item.expression());
      token(item.direction());
      token(item.nulls());
    }
  }

  private void expr(Expr<?> expr) {
    // Most nodes of a tree are columns, parameters and comparisons: they are tested first, inline.
    // The switch below tests 23 kinds in a method the JIT does not inline, one call per node.
    if (expr instanceof ColumnRef<?> column) {
      token(column);
      return;
    }
    if (expr instanceof Param<?> param) {
      param(param);
      return;
    }
    if (expr instanceof Binary<?> binary) {
      binary(binary);
      return;
    }
    switch (expr) {
      case Param<?> param -> param(param);
      case Slot<?> ignored -> throw new IllegalArgumentException("the statement is a shape already");
      case ColumnRef<?> column -> token(column);
      case Constant<?> constant -> token(constant);
      case Raw<?> raw -> token(raw);
      case Star star -> token(star);
      case Binary<?> binary -> binary(binary);
      case Unary<?> unary -> {
        token(Tag.UNARY);
        token(unary.op());
        expr(unary.operand());
        token(unary.type());
      }
      case Junction junction -> {
        token(Tag.JUNCTION);
        token(junction.op());
        length(junction.terms());
        for (int i = 0; i < junction.terms().size(); i++) {
          var term = junction.terms().get(i);
          expr(term);
        }
      }
      case Quantified quantified -> {
        token(Tag.QUANTIFIED);
        expr(quantified.left());
        token(quantified.op());
        token(quantified.quantifier());
        expr(quantified.array());
      }
      case QuantifiedSubquery quantified -> {
        token(Tag.QUANTIFIED_SUBQUERY);
        expr(quantified.left());
        token(quantified.op());
        token(quantified.quantifier());
        query(quantified.query());
      }
      case Between between -> {
        token(Tag.BETWEEN);
        expr(between.value());
        expr(between.low());
        expr(between.high());
        token(between.negated());
      }
      case Case<?> caseExpr -> {
        token(Tag.CASE);
        nullable(caseExpr.operand());
        length(caseExpr.whens());
        for (int i = 0; i < caseExpr.whens().size(); i++) {
          var when = caseExpr.whens().get(i);
          token(Tag.WHEN);
          expr(when.condition());
          expr(when.result());
        }
        nullable(caseExpr.orElse());
        token(caseExpr.type());
      }
      case Cast<?> cast -> {
        token(Tag.CAST);
        expr(cast.operand());
        token(cast.type());
      }
      case FunctionCall<?> call -> {
        token(Tag.FUNCTION);
        token(call.name());
        exprs(call.arguments());
        token(call.type());
      }
      case Aggregate<?> aggregate -> {
        token(Tag.AGGREGATE);
        token(aggregate.name());
        exprs(aggregate.arguments());
        token(aggregate.isDistinct());
        orderItems(aggregate.orderBy());
        nullable(aggregate.filter());
        token(aggregate.type());
      }
      case WindowCall<?> window -> {
        token(Tag.WINDOW_CALL);
        expr(window.function());
        window(window.window());
      }
      case Exists exists -> {
        token(Tag.EXISTS);
        query(exists.query());
      }
      case ScalarSubquery<?> subquery -> {
        token(Tag.SCALAR_SUBQUERY);
        query(subquery.query());
        token(subquery.type());
      }
      case RowValue row -> {
        token(Tag.ROW);
        exprs(row.items());
      }
      case ArrayConstructor<?> array -> {
        token(Tag.ARRAY);
        length(array.elements());
        for (int i = 0; i < array.elements().size(); i++) {
          var element = array.elements().get(i);
          expr(element);
        }
        token(array.type());
      }
      case Subscript<?> subscript -> {
        token(Tag.SUBSCRIPT);
        expr(subscript.array());
        expr(subscript.index());
        nullable(subscript.upper());
        token(subscript.type());
      }
      case Label<?> label -> {
        token(Tag.LABEL);
        expr(label.expression());
        token(label.name());
      }
    }
  }

  private void binary(Binary<?> binary) {
    token(Tag.BINARY);
    expr(binary.left());
    token(binary.op());
    expr(binary.right());
    token(binary.type());
  }

  private void window(WindowSpec window) {
    token(Tag.WINDOW);
    exprs(window.partitionBy());
    orderItems(window.orderBy());
    var frame = window.frame();
    if (frame == null) {
      token(Tag.ABSENT);
    } else {
      token(Tag.FRAME);
      token(frame.unit());
      frameBound(frame.start());
      if (frame.end() == null) {
        token(Tag.ABSENT);
      } else {
        frameBound(frame.end());
      }
    }
  }

  private void frameBound(FrameBound bound) {
    token(Tag.FRAME_BOUND);
    token(bound.kind());
    nullable(bound.offset());
  }

  private void nullable(Expr<?> expr) {
    if (expr == null) {
      token(Tag.ABSENT);
    } else {
      expr(expr);
    }
  }

  private void exprs(List<? extends Expr<?>> exprs) {
    for (int i = 0; i < exprs.size(); i++) {
      var expr = exprs.get(i);
      expr(expr);
    }
  }
}
