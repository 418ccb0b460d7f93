package dev.tusk.driver.types;

import static dev.tusk.driver.TestConnections.await;
import static dev.tusk.driver.TestConnections.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.driver.Json;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgInet;
import dev.tusk.driver.PgInterval;
import dev.tusk.driver.PgRange;
import dev.tusk.driver.TestConnections;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parameter type the driver declares in Parse for each Java class it sends, as the server sees
 * it ({@code pg_typeof($1)}): the type comes from the Java value, not from a guess by the server.
 */
@ExtendWith(PostgresExtension.class)
class ParameterTypesIT {
  private static PgConnection connection;

  @BeforeAll
  static void connect(PostgresServer server) {
    connection = TestConnections.connect(server);
  }

  @AfterAll
  static void close() {
    await(connection.close());
  }

  private static String typeOf(Object parameter) {
    return await(connection.query("SELECT pg_typeof($1)::text", parameter)).one().getString(0);
  }

  static Stream<Arguments> typedValues() throws Exception {
    OffsetDateTime moment = OffsetDateTime.of(2024, 2, 29, 12, 30, 0, 0, ZoneOffset.ofHours(2));
    return Stream.of(
        Arguments.of((short) 7, "smallint"),
        Arguments.of(7, "integer"),
        Arguments.of(7L, "bigint"),
        Arguments.of(1.5f, "real"),
        Arguments.of(1.5, "double precision"),
        Arguments.of(new BigDecimal("1.50"), "numeric"),
        Arguments.of(BigInteger.TEN.pow(30), "numeric"),
        Arguments.of(true, "boolean"),
        Arguments.of(new byte[] {1, 2}, "bytea"),
        Arguments.of(ByteBuffer.wrap(new byte[] {1, 2}), "bytea"),
        Arguments.of(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "uuid"),
        Arguments.of(LocalDate.of(2024, 2, 29), "date"),
        Arguments.of(LocalTime.of(4, 5, 6), "time without time zone"),
        Arguments.of(OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHours(-8)), "time with time zone"),
        Arguments.of(LocalDateTime.of(2024, 2, 29, 12, 30), "timestamp without time zone"),
        Arguments.of(moment, "timestamp with time zone"),
        Arguments.of(moment.toInstant(), "timestamp with time zone"),
        Arguments.of(moment.atZoneSameInstant(ZoneId.of("Europe/Paris")), "timestamp with time zone"),
        Arguments.of(new PgInterval(1, 2, 3), "interval"),
        Arguments.of(Duration.ofSeconds(90), "interval"),
        Arguments.of(Period.ofDays(3), "interval"),
        Arguments.of(Json.of("{\"a\": 1}"), "jsonb"),
        Arguments.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), "inet"),
        Arguments.of(InetAddress.getByAddress(new byte[16]), "inet"),
        Arguments.of(new PgInet(InetAddress.getByAddress(new byte[] {10, 0, 0, 0}), 8), "inet"),
        Arguments.of(PgRange.closedOpen(1, 5), "int4range"),
        Arguments.of(PgRange.closedOpen(1L, 5L), "int8range"),
        Arguments.of(PgRange.closedOpen(BigDecimal.ONE, BigDecimal.TEN), "numrange"),
        Arguments.of(PgRange.closedOpen(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)), "daterange"),
        Arguments.of(PgRange.closedOpen(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2025, 1, 1, 0, 0)), "tsrange"),
        Arguments.of(PgRange.closedOpen(moment, moment.plusDays(1)), "tstzrange"),
        Arguments.of(PgRange.closedOpen(moment.toInstant(), null), "tstzrange"),
        Arguments.of(new Short[] {1, null}, "smallint[]"),
        Arguments.of(new short[] {1}, "smallint[]"),
        Arguments.of(new int[] {1}, "integer[]"),
        Arguments.of(new long[][] {{1}, {2}}, "bigint[]"),
        Arguments.of(new float[] {1.5f}, "real[]"),
        Arguments.of(new double[] {1.5}, "double precision[]"),
        Arguments.of(new boolean[] {true}, "boolean[]"),
        Arguments.of(new BigDecimal[] {BigDecimal.ONE}, "numeric[]"),
        Arguments.of(new String[] {"a"}, "text[]"),
        Arguments.of(List.of("a", "b"), "text[]"),
        Arguments.of(new byte[][] {{1}, null}, "bytea[]"),
        Arguments.of(new byte[0][], "bytea[]"),
        Arguments.of(new byte[][] {null}, "bytea[]"),
        Arguments.of(new UUID[] {UUID.randomUUID()}, "uuid[]"),
        Arguments.of(new LocalDate[] {LocalDate.of(2024, 2, 29)}, "date[]"),
        Arguments.of(new LocalTime[] {LocalTime.NOON}, "time without time zone[]"),
        Arguments.of(new OffsetTime[] {OffsetTime.of(LocalTime.NOON, ZoneOffset.UTC)}, "time with time zone[]"),
        Arguments.of(new LocalDateTime[] {LocalDateTime.of(2024, 2, 29, 12, 30)}, "timestamp without time zone[]"),
        Arguments.of(new OffsetDateTime[] {moment}, "timestamp with time zone[]"),
        Arguments.of(List.of(moment.toInstant()), "timestamp with time zone[]"),
        Arguments.of(new PgInterval[] {PgInterval.ofDays(1)}, "interval[]"),
        Arguments.of(new InetAddress[] {InetAddress.getByAddress(new byte[] {10, 0, 0, 1})}, "inet[]"),
        Arguments.of(List.of(Json.of("1")), "jsonb[]"),
        Arguments.of(new Integer[0], "integer[]"),
        Arguments.of(new LocalTime[] {null}, "time without time zone[]"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("typedValues")
  void eachJavaClassIsDeclaredAsItsPostgresType(Object parameter, String expectedType) {
    assertEquals(expectedType, typeOf(parameter), () -> parameter.getClass().getName());
  }

  /**
   * Strings, enums and Characters are declared as unspecified (OID 0) so the server types them from
   * the context: with a cast they become that type, and where nothing tells the type PostgreSQL
   * cannot resolve {@code pg_typeof}'s "any" argument. The same holds for arrays with no element
   * to tell their type and for a range with no bound.
   */
  @Test
  void untypedValuesTakeTheirTypeFromTheStatement() {
    enum Mood { HAPPY }
    assertEquals("uuid", await(connection.query("SELECT pg_typeof($1::uuid)::text", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")).one().getString(0));
    assertEquals("date", await(connection.query("SELECT pg_typeof($1::date)::text", "2024-02-29")).one().getString(0));
    assertEquals(true, await(connection.query("SELECT $1 = 'x'::\"char\"", 'x')).one().getBoolean(0));
    assertEquals(true, await(connection.query("SELECT $1 = 'HAPPY'::text", Mood.HAPPY)).one().getBoolean(0));
    assertEquals("integer[]", await(connection.query("SELECT pg_typeof($1::int[])::text", List.of())).one().getString(0));
    assertEquals("int8range", await(connection.query("SELECT pg_typeof($1::int8range)::text", PgRange.empty())).one().getString(0));
    for (Object untyped : List.of("text", 'c', Mood.HAPPY, List.of(), PgRange.empty())) {
      PgException failure = failure(connection.query("SELECT pg_typeof($1)::text", untyped));
      assertEquals("42P18", failure.sqlState(), () -> untyped + ": " + failure.getMessage());
    }
  }
}
