package dev.tusk.sql.compile;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static dev.tusk.sql.compile.GoldenSql.assertSql;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DmlCompileTest {
  @Test
  void insertOneRowColumnByColumn() {
    assertSql(insert(USERS).values(USERS.name, "jack").values(USERS.fullname, "Jack Jones"),
        "INSERT INTO users (name, fullname) VALUES ($1, $2)", "jack", "Jack Jones");
  }

  @Test
  void insertManyRows() {
    assertSql(insert(USERS).columns(USERS.name, USERS.fullname).row("wendy", "Wendy Williams").row("mary", null),
        "INSERT INTO users (name, fullname) VALUES ($1, $2), ($3, $4)", "wendy", "Wendy Williams", "mary", null);
  }

  @Test
  void insertRowsCheckArityAndTypes() {
    var insert = insert(USERS).columns(USERS.name, USERS.fullname);
    assertThrows(IllegalArgumentException.class, () -> insert.row("only one"));
    assertThrows(IllegalArgumentException.class, () -> insert.row(1L, "x"));
  }

  @Test
  void insertExpressionsAndDefaults() {
    assertSql(insert(USERS).values(USERS.name, func("upper", dev.tusk.sql.types.PgTypes.TEXT, value("x")))
            .values(USERS.createdAt, defaultValue()),
        "INSERT INTO users (name, created_at) VALUES (upper($1), DEFAULT)", "x");
    assertSql(insert(USERS).defaultValues(), "INSERT INTO users DEFAULT VALUES");
  }

  @Test
  void insertFromSelect() {
    assertSql(insert(ADDRESSES).columns(ADDRESSES.userId, ADDRESSES.email)
            .select(select(USERS.id, USERS.name.concat("@example.com")).from(USERS).where(USERS.id.gt(10L))),
        "INSERT INTO addresses (user_id, email) SELECT users.id, users.name || $1 FROM users WHERE users.id > $2",
        "@example.com", 10L);
  }

  @Test
  void onConflictDoNothing() {
    var base = insert(USERS).values(USERS.name, "jack");
    assertSql(base.onConflictDoNothing(), "INSERT INTO users (name) VALUES ($1) ON CONFLICT DO NOTHING");
    assertSql(base.onConflict(USERS.name), "INSERT INTO users (name) VALUES ($1) ON CONFLICT (name) DO NOTHING");
    assertSql(base.onConflictOnConstraint("users_name_key"),
        "INSERT INTO users (name) VALUES ($1) ON CONFLICT ON CONSTRAINT users_name_key DO NOTHING");
  }

  @Test
  void onConflictDoUpdateWithExcludedAndWhere() {
    assertSql(insert(USERS).values(USERS.name, "jack").values(USERS.fullname, "Jack")
            .onConflict(USERS.name)
            .doUpdateSet(USERS.fullname, excluded(USERS.fullname))
            .doUpdateSet(USERS.mood, Mood.HAPPY)
            .doUpdateWhere(USERS.fullname.isDistinctFrom(excluded(USERS.fullname)))
            .returning(USERS.id),
        "INSERT INTO users (name, fullname) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET "
            + "fullname = excluded.fullname, mood = $3::mood WHERE users.fullname IS DISTINCT FROM excluded.fullname "
            + "RETURNING users.id", "jack", "Jack", Mood.HAPPY);
  }

  @Test
  void onConflictOnPartialAndExpressionIndexes() {
    assertSql(insert(USERS).values(USERS.name, "jack")
            .onConflict(USERS.name, func("lower", dev.tusk.sql.types.PgTypes.TEXT, USERS.fullname))
            .onConflictWhere(USERS.fullname.isNotNull())
            .doUpdateSet(USERS.name, excluded(USERS.name)),
        "INSERT INTO users (name) VALUES ($1) ON CONFLICT (name, (lower(fullname))) WHERE fullname IS NOT NULL "
            + "DO UPDATE SET name = excluded.name", "jack");
    assertThrows(IllegalStateException.class, () -> insert(USERS).values(USERS.name, "x").doUpdateSet(USERS.name, "y"));
  }

  @Test
  void insertReturningWithLabels() {
    assertSql(insert(USERS).values(USERS.name, "jack").returning(USERS.id, USERS.createdAt.as("created")),
        "INSERT INTO users (name) VALUES ($1) RETURNING users.id, users.created_at AS created", "jack");
  }

  @Test
  void insertIntoAnAliasQualifiesByTheAlias() {
    var u = alias(USERS, "u");
    assertSql(insert(u).values(u.name, "x").onConflict(u.name).doUpdateSet(u.fullname, u.name).returning(u.id),
        "INSERT INTO users AS u (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET fullname = u.name "
            + "RETURNING u.id", "x");
  }

  @Test
  void updateSetsBareColumnNames() {
    assertSql(update(USERS).set(USERS.fullname, "J. Jones").set(USERS.name, USERS.fullname).where(USERS.id.eq(5L)),
        "UPDATE users SET fullname = $1, name = users.fullname WHERE users.id = $2", "J. Jones", 5L);
  }

  @Test
  void updateFromOtherTablesWithReturning() {
    assertSql(update(EMPLOYEES).set(EMPLOYEES.salary, EMPLOYEES.salary.times(new BigDecimal("1.05")))
            .from(USERS).where(USERS.name.eq(EMPLOYEES.name)).where(USERS.mood.eq(Mood.HAPPY))
            .returning(EMPLOYEES.id, EMPLOYEES.salary),
        "UPDATE employees SET salary = employees.salary * $1 FROM users WHERE users.name = employees.name "
            + "AND users.mood = $2::mood RETURNING employees.id, employees.salary", new BigDecimal("1.05"),
        Mood.HAPPY);
  }

  @Test
  void updateWithoutSetIsRefused() {
    assertThrows(IllegalStateException.class, () -> update(USERS).where(USERS.id.eq(1L)).toString());
  }

  @Test
  void deleteWithUsingAndReturning() {
    assertSql(delete(ADDRESSES).using(USERS).where(ADDRESSES.userId.eq(USERS.id)).where(USERS.name.like("tmp%"))
            .returning(ADDRESSES.id),
        "DELETE FROM addresses USING users WHERE addresses.user_id = users.id AND users.name LIKE $1 "
            + "RETURNING addresses.id", "tmp%");
    assertSql(delete(USERS), "DELETE FROM users");
  }

  @Test
  void deleteFromAnAlias() {
    var a = alias(ADDRESSES, "a");
    assertSql(delete(a).where(a.email.eq("x")), "DELETE FROM addresses AS a WHERE a.email = $1", "x");
  }
}
