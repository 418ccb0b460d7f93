package dev.tusk.sql.cache;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static dev.tusk.sql.types.PgTypes.*;

import dev.tusk.sql.Jsonb;
import dev.tusk.sql.Sql;
import dev.tusk.sql.SqlArrays;
import dev.tusk.sql.TestSchema;
import dev.tusk.sql.ast.BinaryOp;
import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.Cte;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.sql.ast.FromSource;
import dev.tusk.sql.ast.Insert;
import dev.tusk.sql.ast.OrderItem;
import dev.tusk.sql.ast.Query;
import dev.tusk.sql.ast.Select;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.ast.WindowSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * Random statements over {@link TestSchema}, covering every node kind. Structure comes from {@link
 * Decisions}, values from a separate {@link Random}: two generators with the same decisions and
 * different value seeds build statements of one shape.
 *
 * <p>The generator keeps one typing rule so that equal SQL implies equal types: each spelling has
 * one type (a column name of a relation, a function name, a raw fragment, a label used as a sort
 * key never occurs), as a real schema does. Statements need not be valid for PostgreSQL; they must
 * be compilable.
 */
final class StatementGenerator {
  private static final int MAX_DEPTH = 3;
  private static final ColumnRef<Long> SUB_ID = new ColumnRef<>(TableName.of("s"), "id", BIGINT);
  private static final ColumnRef<String> SUB_NAME = new ColumnRef<>(TableName.of("s"), "name", TEXT);
  private static final ColumnRef<Long> CTE_ID = new ColumnRef<>(TableName.of("c"), "id", BIGINT);
  private static final ColumnRef<String> CTE_NAME = new ColumnRef<>(TableName.of("c"), "name", TEXT);
  private static final ColumnRef<Long> VALUES_ID = new ColumnRef<>(TableName.of("v"), "id", BIGINT);
  private static final ColumnRef<Long> SERIES_N = new ColumnRef<>(TableName.of("g"), "n", BIGINT);
  private static final ColumnRef<String> TAG = new ColumnRef<>(TableName.of("t"), "tag", TEXT);

  private final Decisions pick;
  private final Random values;
  private final Users otherUsers = alias(USERS, "u2");
  private final Employees boss = alias(EMPLOYEES, "boss");

  StatementGenerator(Decisions pick, Random values) {
    this.pick = pick;
    this.values = values;
  }

  Statement statement() {
    return switch (pick.choose(10)) {
      case 0, 1, 2 -> select(0);
      case 3 -> setOperation(0);
      case 4, 5 -> insert();
      case 6, 7 -> update();
      case 8 -> delete();
      default -> text();
    };
  }

  // ---- queries

  private Select select(int depth) {
    var columns = new ArrayList<Expression<?>>();
    int count = 1 + pick.choose(3);
    for (int i = 0; i < count; i++) {
      columns.add(selectItem(depth));
    }
    var select = Sql.select(columns);
    if (pick.chance(85)) {
      select = select.from(fromSource(depth));
      int joins = pick.choose(3);
      for (int i = 0; i < joins; i++) {
        var right = fromSource(depth);
        select = switch (pick.choose(5)) {
          case 0 -> select.join(right, predicate(depth + 1));
          case 1 -> select.leftJoin(right, predicate(depth + 1));
          case 2 -> select.rightJoin(right, predicate(depth + 1));
          case 3 -> select.fullJoin(right, predicate(depth + 1));
          default -> select.crossJoin(right);
        };
      }
      if (pick.chance(15)) {
        select = select.from(fromSource(depth));
      }
    }
    if (pick.chance(60)) {
      select = select.where(predicate(depth + 1));
    }
    if (pick.chance(20)) {
      select = select.groupBy(bigint(MAX_DEPTH), text(MAX_DEPTH));
      if (pick.chance(50)) {
        select = select.having(count().gt(values.nextLong(10)));
      }
    }
    if (pick.chance(30)) {
      select = select.orderBy(orderItem(depth + 1));
      if (pick.chance(30)) {
        select = select.orderBy(orderItem(depth + 1));
      }
    }
    if (pick.chance(25)) {
      select = select.limit(values.nextLong(1000));
    }
    if (pick.chance(15)) {
      select = select.offset(values.nextLong(1000));
    }
    switch (pick.choose(8)) {
      case 0 -> select = select.distinct();
      case 1 -> select = select.distinctOn(text(MAX_DEPTH));
      default -> { }
    }
    if (pick.chance(10)) {
      select = lock(select);
    }
    if (depth == 0 && pick.chance(15)) {
      select = select.with(cte(depth));
    }
    return select;
  }

  private Select lock(Select select) {
    var locked = switch (pick.choose(4)) {
      case 0 -> select.forUpdate();
      case 1 -> select.forNoKeyUpdate();
      case 2 -> select.forShare();
      default -> select.forKeyShare();
    };
    if (pick.chance(40)) {
      locked = locked.of(pick.oneOf(USERS, EMPLOYEES, boss, otherUsers));
    }
    return switch (pick.choose(3)) {
      case 0 -> locked.nowait();
      case 1 -> locked.skipLocked();
      default -> locked;
    };
  }

  private Query setOperation(int depth) {
    Query left = depth < MAX_DEPTH && pick.chance(25) ? setOperation(depth + 1) : select(depth + 1);
    Query right = depth < MAX_DEPTH && pick.chance(25) ? setOperation(depth + 1) : select(depth + 1);
    var operation = switch (pick.choose(6)) {
      case 0 -> left.union(right);
      case 1 -> left.unionAll(right);
      case 2 -> left.intersect(right);
      case 3 -> left.intersectAll(right);
      case 4 -> left.except(right);
      default -> left.exceptAll(right);
    };
    if (pick.chance(30)) {
      operation = operation.orderBy(pick.oneOf(USERS.name, EMPLOYEES.name, USERS.id).desc());
    }
    if (pick.chance(20)) {
      operation = operation.limit(values.nextLong(100));
    }
    if (pick.chance(10)) {
      operation = operation.offset(values.nextLong(100));
    }
    if (depth == 0 && pick.chance(10)) {
      operation = operation.with(cte(depth));
    }
    return operation;
  }

  private Expression<?> selectItem(int depth) {
    Expression<?> item = switch (pick.choose(5)) {
      case 0, 1 -> bigint(depth + 1);
      case 2, 3 -> text(depth + 1);
      default -> predicate(depth + 1);
    };
    return pick.chance(20) ? item.as(pick.oneOf("a", "b", "select")) : item;
  }

  private OrderItem orderItem(int depth) {
    Expression<?> key = pick.chance(50) ? bigint(depth) : text(depth);
    var item = switch (pick.choose(3)) {
      case 0 -> OrderItem.of(key);
      case 1 -> key.asc();
      default -> key.desc();
    };
    return switch (pick.choose(3)) {
      case 0 -> item.nullsFirst();
      case 1 -> item.nullsLast();
      default -> item;
    };
  }

  /** A FROM item; derived tables, CTEs and lists expose {@code id bigint} and {@code name text}. */
  private FromSource fromSource(int depth) {
    int kinds = depth < MAX_DEPTH ? 9 : 4;
    return switch (pick.choose(kinds)) {
      case 0 -> pick.oneOf(USERS, EMPLOYEES, ADDRESSES, ORDERS, KERNELS);
      case 1 -> pick.oneOf(boss, otherUsers);
      case 2 -> cteRef();
      case 3 -> {
        var list = Sql.values(USERS.id, USERS.name);
        int rows = 1 + pick.choose(3);
        for (int i = 0; i < rows; i++) {
          list = list.row(pick.chance(50) ? values.nextLong() : (Object) value(values.nextLong()), string());
        }
        yield list.as("v");
      }
      case 4 -> {
        var derived = idAndName(depth + 1).as("s");
        yield pick.chance(30) ? derived.lateral() : derived;
      }
      case 5 -> {
        var series = functionTable(func("generate_series", BIGINT, value(values.nextLong(5)), bigint(depth + 1)),
            "g", "n");
        series = pick.chance(30) ? series.withOrdinality() : series;
        yield pick.chance(30) ? series.lateral() : series;
      }
      case 6 -> functionTable(func("unnest", TEXT, ORDERS.tags), "t", "tag").lateral();
      default -> pick.oneOf(USERS, EMPLOYEES);
    };
  }

  private FromSource cteRef() {
    var cte = new Cte("c", List.of(), null, Cte.Materialization.DEFAULT, false);
    return pick.chance(30) ? cte.alias("c2") : cte;
  }

  private Select idAndName(int depth) {
    var table = pick.chance(50);
    var select = table ? Sql.select(USERS.id, USERS.name).from(USERS) : Sql.select(EMPLOYEES.id, EMPLOYEES.name)
        .from(EMPLOYEES);
    return pick.chance(50) ? select.where(predicate(depth)) : select;
  }

  private Cte cte(int depth) {
    var cte = switch (pick.choose(5)) {
      case 0 -> Sql.cte("c", idAndName(depth + 1));
      case 1 -> Sql.cte("c", Sql.delete(ADDRESSES).where(predicate(depth + 1))
          .returning(ADDRESSES.userId.as("id"), ADDRESSES.email.as("name")));
      case 2 -> Sql.cte("c", Sql.update(USERS).set(USERS.fullname, string()).returning(USERS.id, USERS.name));
      case 3 -> Sql.cte("c", Sql.insert(USERS).values(USERS.name, string()).returning(USERS.id, USERS.name));
      default -> {
        var declared = recursiveCte("c", USERS.id, USERS.name);
        yield declared.as(idAndName(depth + 1).unionAll(Sql.select(EMPLOYEES.id, EMPLOYEES.name).from(EMPLOYEES)
            .join(declared, CTE_ID.eq(EMPLOYEES.managerId))));
      }
    };
    return switch (pick.choose(4)) {
      case 0 -> cte.materialized();
      case 1 -> cte.notMaterialized();
      default -> cte;
    };
  }

  // ---- expressions, by type

  private Expression<Long> bigint(int depth) {
    int choice = depth >= MAX_DEPTH ? pick.choose(5) : pick.choose(19);
    return switch (choice) {
      case 0 -> pick.oneOf(USERS.id, EMPLOYEES.id, ADDRESSES.userId, boss.id, otherUsers.id);
      case 1 -> value(values.nextLong());
      case 2 -> pick.oneOf(SUB_ID, CTE_ID, VALUES_ID, SERIES_N);
      case 3 -> count();
      case 4 -> raw("2147483648", BIGINT);
      case 5 -> {
        var left = bigint(depth + 1);
        var right = pick.chance(50) ? bigint(depth + 1) : value(values.nextLong());
        yield switch (pick.choose(5)) {
          case 0 -> left.plus(right);
          case 1 -> left.minus(right);
          case 2 -> left.times(right);
          case 3 -> left.dividedBy(right);
          default -> left.modulo(values.nextLong(1, 9));
        };
      }
      case 6 -> bigint(depth + 1).negate();
      case 7 -> func("abs", BIGINT, bigint(depth + 1));
      case 8 -> pick.chance(50) ? coalesce(bigint(depth + 1), bigint(depth + 1))
          : coalesce(bigint(depth + 1), (Long) nullable(values.nextLong()));
      case 9 -> {
        var searched = caseWhen(predicate(depth + 1), bigint(depth + 1));
        searched = pick.chance(50) ? searched.when(predicate(depth + 1), values.nextLong()) : searched;
        yield pick.chance(50) ? searched.orElse(bigint(depth + 1)) : searched;
      }
      case 10 -> caseOf(text(depth + 1), value(string()), bigint(depth + 1)).orElse(values.nextLong());
      case 11 -> cast(text(depth + 1), BIGINT);
      case 12 -> Sql.select(bigint(depth + 1)).from(pick.oneOf(USERS, EMPLOYEES)).where(predicate(depth + 1))
          .<Long>scalar();
      case 13 -> windowFunction(depth);
      case 14 -> {
        var max = agg("max", BIGINT, bigint(depth + 1));
        max = pick.chance(30) ? max.distinct() : max;
        max = pick.chance(30) ? max.filter(predicate(depth + 1)) : max;
        yield pick.chance(30) ? max.orderBy(orderItem(depth + 1)) : max;
      }
      case 15 -> pick.chance(50) ? greatest(bigint(depth + 1), bigint(depth + 1)) : least(bigint(depth + 1),
          value(values.nextLong()));
      case 16 -> SqlArrays.get(value(longs(), array(BIGINT)), values.nextInt(1, 4));
      case 17 -> count(text(depth + 1)).distinct();
      default -> func("length", BIGINT, text(depth + 1));
    };
  }

  private Expression<Long> windowFunction(int depth) {
    var window = WindowSpec.EMPTY;
    if (pick.chance(60)) {
      window = window.partitionBy(text(depth + 1));
    }
    if (pick.chance(60)) {
      window = window.orderBy(orderItem(depth + 1));
    }
    if (pick.chance(40)) {
      var start = frameBound();
      window = switch (pick.choose(4)) {
        case 0 -> window.rows(start, frameBound());
        case 1 -> window.range(start, frameBound());
        case 2 -> window.groups(start, frameBound());
        default -> window.withFrame(new dev.tusk.sql.ast.Frame(dev.tusk.sql.ast.Frame.Unit.ROWS, start, null));
      };
    }
    return switch (pick.choose(4)) {
      case 0 -> rowNumber().over(window);
      case 1 -> rank().over(window);
      case 2 -> count().over(window);
      default -> count().filter(predicate(depth + 1)).over(window);
    };
  }

  private FrameBound frameBound() {
    return switch (pick.choose(5)) {
      case 0 -> FrameBound.UNBOUNDED_PRECEDING;
      case 1 -> FrameBound.preceding(values.nextLong(10));
      case 2 -> FrameBound.CURRENT_ROW;
      case 3 -> FrameBound.following(values.nextLong(10));
      default -> FrameBound.UNBOUNDED_FOLLOWING;
    };
  }

  private Expression<String> text(int depth) {
    int choice = depth >= MAX_DEPTH ? pick.choose(5) : pick.choose(15);
    return switch (choice) {
      case 0 -> pick.oneOf(USERS.name, USERS.fullname, EMPLOYEES.name, boss.name, otherUsers.name);
      case 1 -> value((String) nullable(string()), TEXT);
      case 2 -> pick.oneOf(SUB_NAME, CTE_NAME, TAG);
      case 3 -> nullOf(TEXT);
      case 4 -> raw("current_user", TEXT);
      case 5 -> pick.chance(50) ? text(depth + 1).concat(text(depth + 1)) : text(depth + 1).concat(string());
      case 6 -> func(pick.oneOf("lower", "upper"), TEXT, text(depth + 1));
      case 7 -> Jsonb.getText(KERNELS.statusData, string());
      case 8 -> Jsonb.getText(KERNELS.statusData, new Jsonb.Path(strings(1 + pick.choose(2))));
      case 9 -> pick.chance(50) ? SqlArrays.get(ORDERS.tags, values.nextInt(1, 5))
          : SqlArrays.get(SqlArrays.slice(ORDERS.tags, 1, values.nextInt(1, 5)), 1);
      case 10 -> cast(bigint(depth + 1), TEXT);
      case 11 -> caseWhen(predicate(depth + 1), text(depth + 1)).orElse(string());
      case 12 -> coalesce(text(depth + 1), string());
      case 13 -> max(text(depth + 1));
      default -> nullif(text(depth + 1), string());
    };
  }

  private Expression<Boolean> predicate(int depth) {
    int choice = depth >= MAX_DEPTH ? pick.choose(5) : pick.choose(24);
    return switch (choice) {
      case 0 -> pick.oneOf(Sql.TRUE, Sql.FALSE);
      case 1 -> pick.chance(50) ? USERS.name.isNull() : EMPLOYEES.managerId.isNotNull();
      case 2 -> USERS.mood.eq((Mood) nullable(pick.oneOf(Mood.values())));
      case 3 -> USERS.email.eq(new Email(string()));
      case 4 -> raw("random() < 0.5", BOOLEAN);
      case 5 -> {
        var left = bigint(depth + 1);
        var right = pick.chance(50) ? bigint(depth + 1) : value(values.nextLong());
        yield switch (pick.choose(6)) {
          case 0 -> left.eq(right);
          case 1 -> left.ne(right);
          case 2 -> left.lt(right);
          case 3 -> left.le(right);
          case 4 -> left.gt(right);
          default -> left.ge(right);
        };
      }
      case 6 -> pick.chance(50) ? text(depth + 1).eq(text(depth + 1)) : text(depth + 1).ne(string());
      case 7 -> pick.chance(50) ? text(depth + 1).isDistinctFrom(string())
          : bigint(depth + 1).isNotDistinctFrom(bigint(depth + 1));
      case 8 -> pick.chance(50) ? bigint(depth + 1).in(longs()) : bigint(depth + 1).notIn(longs());
      case 9 -> pick.chance(50) ? bigint(depth + 1).in(Sql.select(EMPLOYEES.managerId).from(EMPLOYEES))
          : USERS.id.notIn(Sql.select(ADDRESSES.userId).from(ADDRESSES).where(predicate(depth + 1)));
      case 10 -> pick.chance(50) ? bigint(depth + 1).between(values.nextLong(), values.nextLong())
          : bigint(depth + 1).notBetween(bigint(depth + 1), bigint(depth + 1));
      case 11 -> {
        var subject = text(depth + 1);
        yield switch (pick.choose(8)) {
          case 0 -> subject.like(string());
          case 1 -> subject.notLike(string());
          case 2 -> subject.ilike(string());
          case 3 -> subject.notIlike(string());
          case 4 -> subject.matches(string());
          case 5 -> subject.matchesIgnoreCase(string());
          case 6 -> subject.notMatches(string());
          default -> subject.notMatchesIgnoreCase(string());
        };
      }
      case 12, 13 -> {
        int terms = 2 + pick.choose(2);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Expression<Boolean>[] operands = new Expression[terms];
        for (int i = 0; i < terms; i++) {
          operands[i] = predicate(depth + 1);
        }
        yield choice == 12 ? and(operands) : or(operands);
      }
      case 14 -> not(predicate(depth + 1));
      case 15 -> pick.chance(50) ? exists(select(depth + 1)) : notExists(idAndName(depth + 1));
      case 16 -> row(bigint(depth + 1), text(depth + 1)).gt(row(value(values.nextLong()), value(string())));
      case 17 -> switch (pick.choose(4)) {
        case 0 -> SqlArrays.has(ORDERS.tags, string());
        case 1 -> SqlArrays.contains(ORDERS.tags, strings(values.nextInt(3)));
        case 2 -> SqlArrays.overlaps(ORDERS.tags, strings(values.nextInt(3)));
        default -> SqlArrays.all(text(depth + 1), BinaryOp.NE, ORDERS.tags);
      };
      case 18 -> SqlArrays.containedBy(arrayOf(TEXT, text(depth + 1), text(depth + 1)), strings(2));
      case 19 -> switch (pick.choose(3)) {
        case 0 -> Jsonb.contains(KERNELS.statusData, document());
        case 1 -> Jsonb.hasKey(KERNELS.statusData, string());
        default -> Jsonb.hasAnyKey(KERNELS.statusData, string(), string());
      };
      case 20 -> text(depth + 1).in(Sql.select(text(depth + 1)).from(USERS));
      case 21 -> USERS.mood.in(List.of(Mood.OK, Mood.SAD));
      case 22 -> cast(text(depth + 1), BOOLEAN);
      default -> ORDERS.total.gt(new BigDecimal(values.nextInt(1000)));
    };
  }

  // ---- data modification

  private Insert insert() {
    var target = pick.chance(70) ? USERS : otherUsers;
    Insert insert = switch (pick.choose(4)) {
      case 0 -> {
        var one = Sql.insert(target).values(target.name, string());
        if (pick.chance(50)) {
          one = one.values(target.fullname, pick.chance(50) ? value(string()) : func("upper", TEXT, value(string())));
        }
        if (pick.chance(30)) {
          one = one.values(target.mood, (Mood) nullable(pick.oneOf(Mood.values())));
        }
        yield pick.chance(30) ? one.values(target.createdAt, defaultValue()) : one;
      }
      case 1 -> {
        var many = Sql.insert(target).columns(target.name, target.email);
        int rows = 1 + pick.choose(3);
        for (int i = 0; i < rows; i++) {
          many = many.row(string(), nullable(new Email(string())));
        }
        yield many;
      }
      case 2 -> Sql.insert(target).columns(target.name).select(Sql.select(text(1)).from(EMPLOYEES)
          .where(predicate(1)));
      default -> Sql.insert(target).defaultValues();
    };
    insert = switch (pick.choose(5)) {
      case 0 -> insert.onConflictDoNothing();
      case 1 -> insert.onConflictOnConstraint(pick.oneOf("users_name_key", "users_pkey"));
      case 2, 3 -> {
        var conflict = insert.onConflict(target.name);
        if (pick.chance(30)) {
          conflict = conflict.onConflictWhere(target.fullname.isNotNull());
        }
        if (pick.chance(70)) {
          conflict = conflict.doUpdateSet(target.fullname, pick.chance(50) ? excluded(target.fullname)
              : value(string()));
          if (pick.chance(40)) {
            conflict = conflict.doUpdateWhere(target.fullname.isDistinctFrom(excluded(target.fullname)));
          }
        }
        yield conflict;
      }
      default -> insert;
    };
    if (pick.chance(40)) {
      insert = pick.chance(50) ? insert.returning(target.id) : insert.returning(target.id, target.name.as("n"));
    }
    return pick.chance(10) ? insert.with(cte(0)) : insert;
  }

  private Statement update() {
    if (pick.chance(25)) {
      var path = new Jsonb.Path(strings(pick.choose(3)));
      var merged = pick.chance(70) ? Jsonb.merge(KERNELS.statusData, path, document())
          : Jsonb.set(KERNELS.statusData, path.keys().isEmpty() ? Jsonb.path("k") : path, document());
      return Sql.update(KERNELS).set(KERNELS.statusData, merged).where(KERNELS.id.eq(java.util.UUID.randomUUID()));
    }
    var target = pick.chance(70) ? EMPLOYEES : boss;
    var update = Sql.update(target).set(target.name, pick.chance(50) ? value(string()) : text(1));
    if (pick.chance(50)) {
      update = update.set(target.salary, target.salary.times(new BigDecimal(values.nextInt(1, 3))));
    }
    if (pick.chance(30)) {
      update = update.from(fromSource(1));
    }
    if (pick.chance(70)) {
      update = update.where(predicate(1));
    }
    if (pick.chance(30)) {
      update = update.returning(target.id, target.salary.as("pay"));
    }
    return pick.chance(10) ? update.with(cte(0)) : update;
  }

  private Statement delete() {
    var target = pick.chance(70) ? ADDRESSES : alias(ADDRESSES, "a2");
    var delete = Sql.delete(target);
    if (pick.chance(30)) {
      delete = delete.using(fromSource(1));
    }
    if (pick.chance(80)) {
      delete = delete.where(target.email.like(string()));
    }
    if (pick.chance(30)) {
      delete = delete.returning(target.id, target.email);
    }
    return pick.chance(10) ? delete.with(cte(0)) : delete;
  }

  private Statement text() {
    var statement = switch (pick.choose(4)) {
      case 0 -> Sql.text("SELECT * FROM users WHERE id = :id AND name = :name -- :comment");
      case 1 -> Sql.text("SELECT :x::int + :x, ':lit', \"q:q\", $$ :d $$ FROM t WHERE a = :name");
      case 2 -> Sql.text("UPDATE users SET fullname = :name WHERE id = ANY(:ids) RETURNING id");
      default -> Sql.text("SELECT 1");
    };
    for (var part : statement.parts()) {
      if (part instanceof dev.tusk.sql.ast.TextPart.Named named && named.value() == null) {
        statement = switch (named.name()) {
          case "id" -> statement.bind("id", values.nextLong(), BIGINT);
          case "x" -> pick.chance(50) ? statement.bind("x", values.nextInt()) : statement.bind("x", string());
          case "ids" -> statement.bind("ids", longs(), array(BIGINT));
          default -> statement.bind(named.name(), (String) nullable(string()), TEXT);
        };
      }
    }
    return pick.chance(30) ? statement.columns(USERS.id) : statement;
  }

  // ---- values: drawn from the value random only

  private String string() {
    return "s" + values.nextInt(1000);
  }

  private List<String> strings(int count) {
    var list = new ArrayList<String>(count);
    for (int i = 0; i < count; i++) {
      list.add(string());
    }
    return list;
  }

  private List<Long> longs() {
    int length = values.nextInt(6);
    var list = new ArrayList<Long>(length);
    for (int i = 0; i < length; i++) {
      list.add(values.nextLong(100));
    }
    return list;
  }

  private Object document() {
    var map = new LinkedHashMap<String, Object>();
    int entries = values.nextInt(3);
    for (int i = 0; i < entries; i++) {
      map.put(string(), values.nextBoolean() ? values.nextInt() : List.of(string()));
    }
    return map;
  }

  private Object nullable(Object value) {
    return values.nextInt(8) == 0 ? null : value;
  }
}
