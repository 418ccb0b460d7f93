/**
 * Type codecs: how PostgreSQL values decode to Java objects and how Java parameters are sent. One
 * codec per type family, each an encode/decode pair over a bounded slice; {@link
 * dev.tusk.driver.types.TypeRegistry} maps OIDs to codecs and classes to encoders.
 *
 * <table>
 *   <caption>Default mapping (what {@code row.get(i)} returns), other {@code get(i, X.class)} targets, and parameters</caption>
 *   <tr><th>PostgreSQL</th><th>default</th><th>also</th><th>sent from</th></tr>
 *   <tr><td>bool</td><td>Boolean</td><td>String</td><td>Boolean (bool, binary)</td></tr>
 *   <tr><td>int2, int4, int8, oid</td><td>Short, Integer, Long, Long</td><td>any Number when exact, String</td>
 *       <td>Short, Integer, Long (binary)</td></tr>
 *   <tr><td>float4, float8</td><td>Float, Double</td><td>Number, String</td><td>Float, Double (binary)</td></tr>
 *   <tr><td>numeric</td><td>BigDecimal (NaN, ±Infinity: Double)</td><td>Number when exact, String</td>
 *       <td>BigDecimal, BigInteger (numeric, binary)</td></tr>
 *   <tr><td>text, varchar, bpchar, name, "char", xml, json, jsonb</td><td>String</td><td>Json, enum, UUID, Character</td>
 *       <td>String, enum, Character (untyped text); Json (jsonb, binary)</td></tr>
 *   <tr><td>bytea</td><td>byte[]</td><td>String ({@code \x…})</td><td>byte[], ByteBuffer (bytea, binary)</td></tr>
 *   <tr><td>uuid</td><td>UUID</td><td>String</td><td>UUID (uuid, binary)</td></tr>
 *   <tr><td>date, time, timetz, timestamp</td><td>LocalDate, LocalTime, OffsetTime, LocalDateTime</td><td>String</td>
 *       <td>the same classes (binary)</td></tr>
 *   <tr><td>timestamptz</td><td>OffsetDateTime at UTC</td><td>Instant, ZonedDateTime, String</td>
 *       <td>OffsetDateTime, Instant, ZonedDateTime (binary)</td></tr>
 *   <tr><td>interval</td><td>{@link dev.tusk.driver.PgInterval}</td><td>Duration (no months), Period (no time), String</td>
 *       <td>PgInterval, Duration, Period (binary)</td></tr>
 *   <tr><td>inet / cidr</td><td>InetAddress (host) or {@link dev.tusk.driver.PgInet} / PgInet</td><td>InetAddress, PgInet, String</td>
 *       <td>InetAddress, PgInet (inet, binary)</td></tr>
 *   <tr><td>macaddr, macaddr8</td><td>String</td><td></td><td>String (untyped)</td></tr>
 *   <tr><td>arrays of the above</td><td>List, nested for more dimensions</td><td>Java arrays ({@code int[]}, {@code Integer[]}, {@code String[][]} …), String</td>
 *       <td>Java arrays and Lists (the element's array type, binary; text[] for Strings; untyped text for enums and empty Lists)</td></tr>
 *   <tr><td>int4range … daterange; multiranges</td><td>{@link dev.tusk.driver.PgRange}; List of PgRange</td><td>String</td>
 *       <td>PgRange (range type of its bounds, binary)</td></tr>
 *   <tr><td>record</td><td>{@link dev.tusk.driver.PgRecord}</td><td>String</td><td>—</td></tr>
 *   <tr><td>enums, composites, other types</td><td>String (their text)</td><td>Java enum, List / arrays of array literals,
 *       PgRecord of record literals, types parsed from their text</td><td>registered {@link dev.tusk.driver.types.PgCodec}s</td></tr>
 * </table>
 *
 * <p>{@code getString} gives PostgreSQL's text output whether a value arrived in text or binary
 * ({@link dev.tusk.driver.types.TextOutput}); the one difference is timestamptz, which prints at UTC
 * from binary but in the session's TimeZone from text.
 */
package dev.tusk.driver.types;
